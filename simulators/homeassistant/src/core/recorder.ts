import type { Context, EventBus, FiredEvent } from './event-bus.js';
import { State } from './state-machine.js';
import type { Micros } from './time.js';

/** One logbook row before formatting; `when` is formatted per transport (ISO for REST, float for WS). */
export interface LogbookRow {
  when: Micros;
  name: string;
  entity_id: string | null;
  state?: string;
  message?: string;
  domain?: string;
  icon?: string;
  context: Context;
}

interface ServiceOrigin {
  domain: string;
  service: string;
}

// A long benchmark must not grow memory without bound; HA purges after 10 days by default.
const MAX_ROWS_PER_ENTITY = 5000;
const MAX_LOGBOOK_ROWS = 20000;
const MAX_TRACKED_CONTEXTS = 2000;

/**
 * Entities whose state changes the logbook hides: sensors with a unit or a state class
 * ("continuous domains"), as `logbook/helpers.py` does.
 */
function isContinuous(s: State): boolean {
  return (
    s.domain === 'sensor' &&
    (s.attributes['unit_of_measurement'] !== undefined || s.attributes['state_class'] !== undefined)
  );
}

/** The recorder + logbook: every state write is kept per entity, notable changes as logbook rows. */
export class Recorder {
  private readonly history = new Map<string, State[]>();
  private readonly logbook: LogbookRow[] = [];
  private readonly serviceByContext = new Map<string, ServiceOrigin>();

  constructor(bus: EventBus) {
    bus.listen('state_changed', (f) => this.onStateChanged(f));
    bus.listen('call_service', (f) => this.onCallService(f));
    bus.listen('logbook_entry', (f) => this.onLogbookEntry(f));
    bus.listen('script_started', (f) => this.onScriptStarted(f));
  }

  rows(entityId: string): readonly State[] {
    return this.history.get(entityId) ?? [];
  }

  logbookRows(): readonly LogbookRow[] {
    return this.logbook;
  }

  /** Which service call (if any) a context came from, for logbook `context_*` fields. */
  serviceOrigin(contextId: string): ServiceOrigin | undefined {
    return this.serviceByContext.get(contextId);
  }

  private onStateChanged({ event }: FiredEvent): void {
    const next = event.data['new_state'];
    const old = event.data['old_state'];
    if (!(next instanceof State)) return;
    let rows = this.history.get(next.entity_id);
    if (!rows) {
      rows = [];
      this.history.set(next.entity_id, rows);
    }
    rows.push(next);
    if (rows.length > MAX_ROWS_PER_ENTITY) rows.splice(0, rows.length - MAX_ROWS_PER_ENTITY);
    if (old instanceof State && old.state === next.state) return;
    if (isContinuous(next)) return;
    const icon = next.attributes['icon'];
    this.pushLogbook({
      when: next.lastChanged,
      name: next.name,
      entity_id: next.entity_id,
      state: next.state,
      ...(typeof icon === 'string' ? { icon } : {}),
      context: next.context,
    });
  }

  private onCallService({ event }: FiredEvent): void {
    const domain = event.data['domain'];
    const service = event.data['service'];
    if (typeof domain !== 'string' || typeof service !== 'string') return;
    // The first call under a context is its origin (nested calls from scenes/scripts share it).
    if (this.serviceByContext.has(event.context.id)) return;
    this.serviceByContext.set(event.context.id, { domain, service });
    if (this.serviceByContext.size > MAX_TRACKED_CONTEXTS) {
      const oldest = this.serviceByContext.keys().next().value;
      if (oldest !== undefined) this.serviceByContext.delete(oldest);
    }
  }

  private onLogbookEntry({ event, firedAt }: FiredEvent): void {
    const d = event.data;
    const entityId = typeof d['entity_id'] === 'string' ? d['entity_id'] : null;
    this.pushLogbook({
      when: firedAt,
      name: typeof d['name'] === 'string' ? d['name'] : '',
      message: typeof d['message'] === 'string' ? d['message'] : '',
      domain: typeof d['domain'] === 'string' ? d['domain'] : (entityId?.split('.')[0] ?? 'logbook'),
      entity_id: entityId,
      context: event.context,
    });
  }

  private onScriptStarted({ event, firedAt }: FiredEvent): void {
    this.pushLogbook({
      when: firedAt,
      name: typeof event.data['name'] === 'string' ? event.data['name'] : '',
      message: 'started',
      domain: 'script',
      entity_id: typeof event.data['entity_id'] === 'string' ? event.data['entity_id'] : null,
      context: event.context,
    });
  }

  private pushLogbook(row: LogbookRow): void {
    this.logbook.push(row);
    if (this.logbook.length > MAX_LOGBOOK_ROWS)
      this.logbook.splice(0, this.logbook.length - MAX_LOGBOOK_ROWS);
  }
}
