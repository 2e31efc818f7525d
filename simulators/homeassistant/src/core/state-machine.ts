import type { Context, EventBus } from './event-bus.js';
import { isoformat, nowMicros, toTimestamp, type Micros } from './time.js';

export type Attributes = Readonly<Record<string, unknown>>;

/** An immutable snapshot, like `homeassistant.core.State`; serialises to HA's JSON form. */
export class State {
  constructor(
    readonly entity_id: string,
    readonly state: string,
    readonly attributes: Attributes,
    readonly lastChanged: Micros,
    readonly lastReported: Micros,
    readonly lastUpdated: Micros,
    readonly context: Context,
  ) {}

  get domain(): string {
    return this.entity_id.slice(0, this.entity_id.indexOf('.'));
  }

  get objectId(): string {
    return this.entity_id.slice(this.entity_id.indexOf('.') + 1);
  }

  /** `friendly_name` or the object id with underscores as spaces (HA's `State.name`). */
  get name(): string {
    const friendly = this.attributes['friendly_name'];
    return typeof friendly === 'string' ? friendly : this.objectId.replace(/_/g, ' ');
  }

  toJSON(): Record<string, unknown> {
    return stateToDict(this);
  }
}

/** `State.as_dict()`; key order matches HA's JSON. */
export function stateToDict(s: State): Record<string, unknown> {
  return {
    entity_id: s.entity_id,
    state: s.state,
    attributes: s.attributes,
    last_changed: isoformat(s.lastChanged),
    last_reported: isoformat(s.lastReported),
    last_updated: isoformat(s.lastUpdated),
    context: s.context,
  };
}

// HA caches `as_dict_json` per State; the REST and WS "all states" paths stay cheap for benchmarks.
const jsonCache = new WeakMap<State, string>();

export function stateToJson(s: State): string {
  let json = jsonCache.get(s);
  if (json === undefined) {
    json = JSON.stringify(stateToDict(s));
    jsonCache.set(s, json);
  }
  return json;
}

/** The compressed form of `subscribe_entities` / history WS (`s`, `a`, `c`, `lc`, `lu`). */
export function compressedState(s: State): Record<string, unknown> {
  const out: Record<string, unknown> = {
    s: s.state,
    a: s.attributes,
    c: s.context.parent_id === null && s.context.user_id === null ? s.context.id : s.context,
    lc: toTimestamp(s.lastChanged),
  };
  if (s.lastUpdated !== s.lastChanged) out['lu'] = toTimestamp(s.lastUpdated);
  return out;
}

// `homeassistant.core.valid_entity_id`.
const ENTITY_ID_RE = /^(?!.+__)(?!_)[\da-z_]+(?<!_)\.(?!_)[\da-z_]+(?<!_)$/;

export function isValidEntityId(entityId: string): boolean {
  return ENTITY_ID_RE.test(entityId);
}

export const MAX_STATE_LENGTH = 255;

export class InvalidEntityFormatError extends Error {}
export class InvalidStateError extends Error {}

export interface SetOptions {
  context: Context;
  forceUpdate?: boolean;
  /** Only for seeding history at start-up. */
  at?: Micros;
}

function sameAttributes(a: Attributes, b: Attributes): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => JSON.stringify(a[k]) === JSON.stringify(b[k]));
}

/**
 * `homeassistant.core.StateMachine`. `set` follows `async_set`: an identical write only bumps
 * `last_reported` and fires no `state_changed`; an attribute-only change keeps `last_changed`.
 */
export class StateMachine {
  private readonly states = new Map<string, State>();

  constructor(private readonly bus: EventBus) {}

  get(entityId: string): State | undefined {
    return this.states.get(entityId.toLowerCase());
  }

  all(): State[] {
    return [...this.states.values()];
  }

  entityIds(domain?: string): string[] {
    const ids = [...this.states.keys()];
    return domain === undefined ? ids : ids.filter((id) => id.startsWith(`${domain}.`));
  }

  set(entityIdIn: string, newState: string, attributes: Attributes, opts: SetOptions): State | undefined {
    const entityId = entityIdIn.toLowerCase();
    if (!isValidEntityId(entityId)) throw new InvalidEntityFormatError(`Invalid entity ID: ${entityId}`);
    if (newState.length > MAX_STATE_LENGTH)
      throw new InvalidStateError(`Invalid state with length ${newState.length}`);
    const now = opts.at ?? nowMicros();
    const old = this.states.get(entityId);
    const sameState = old?.state === newState && !opts.forceUpdate;
    if (old && sameState && sameAttributes(old.attributes, attributes)) {
      const reported = new State(
        entityId,
        old.state,
        old.attributes,
        old.lastChanged,
        now,
        old.lastUpdated,
        old.context,
      );
      this.states.set(entityId, reported);
      return undefined;
    }
    const next = new State(
      entityId,
      newState,
      Object.freeze({ ...attributes }),
      sameState && old ? old.lastChanged : now,
      now,
      now,
      opts.context,
    );
    this.states.set(entityId, next);
    this.bus.fire(
      'state_changed',
      { entity_id: entityId, old_state: old ?? null, new_state: next },
      opts.context,
      'LOCAL',
      now,
    );
    return next;
  }

  remove(entityIdIn: string, context: Context): boolean {
    const entityId = entityIdIn.toLowerCase();
    const old = this.states.get(entityId);
    if (!old) return false;
    this.states.delete(entityId);
    this.bus.fire('state_changed', { entity_id: entityId, old_state: old, new_state: null }, context);
    return true;
  }
}
