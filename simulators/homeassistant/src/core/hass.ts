import type { CalendarInfo } from './calendars.js';
import type { HassConfig } from './config.js';
import { EventBus, type Context } from './event-bus.js';
import { ulid } from './ids.js';
import { Recorder } from './recorder.js';
import type { Registries } from './registries.js';
import { StateMachine, type Attributes, type State } from './state-machine.js';
import type { TodoList } from './todo.js';
import { ServiceRegistry } from '../services/registry.js';

export interface User {
  id: string;
  name: string;
}

/** A message sent through a `notify.*` action; kept so tests can assert on it. */
export interface SentNotification {
  service: string;
  message: string;
  title: string | null;
  data: unknown;
  sentAt: string;
}

/**
 * Everything the simulated Home Assistant holds in memory: the event bus, state machine, recorder,
 * registries, service registry and the calendar/todo stores behind their entities. Exposed on the
 * running simulator as a test hook.
 */
export class HomeAssistantState {
  readonly bus = new EventBus();
  readonly states = new StateMachine(this.bus);
  readonly recorder = new Recorder(this.bus);
  readonly services = new ServiceRegistry(this.bus);
  readonly calendars = new Map<string, CalendarInfo>();
  readonly todos = new Map<string, TodoList>();
  readonly notifications: SentNotification[] = [];

  constructor(
    readonly config: HassConfig,
    readonly registries: Registries,
    /** The owner account every valid token belongs to. */
    readonly owner: User,
  ) {}

  get timeZone(): string {
    return this.config.time_zone;
  }

  /** A fresh context; REST and WS requests carry the caller's user id. */
  newContext(userId: string | null = this.owner.id, parentId: string | null = null): Context {
    return { id: ulid(), parent_id: parentId, user_id: userId };
  }

  /** Write a state the way an integration does (`async_write_ha_state`). */
  write(entityId: string, state: string, attributes: Attributes, context: Context): State | undefined {
    return this.states.set(entityId, state, attributes, { context });
  }

  /** Merge attribute changes into the entity's current attributes and write. */
  update(entityId: string, state: string, changes: Attributes, context: Context): State | undefined {
    const current = this.states.get(entityId);
    return this.write(entityId, state, { ...(current?.attributes ?? {}), ...changes }, context);
  }
}
