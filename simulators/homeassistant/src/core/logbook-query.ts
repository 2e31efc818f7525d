import type { Recorder } from './recorder.js';
import { isoformat, toTimestamp, type Micros } from './time.js';

export interface LogbookQuery {
  start: Micros;
  end: Micros;
  entityIds: string[] | null;
  contextId: string | null;
  /** REST rows carry names and ISO `when`; WS rows use float `when` and leave names to the client. */
  form: 'rest' | 'ws';
}

/**
 * Logbook rows in time order, as `logbook/processor.py` humanifies them: state changes
 * `{when, state, entity_id, name?, icon?}`, custom entries `{when, name, message, domain, entity_id}`,
 * plus `context_*` keys describing who or what caused the change.
 */
export function logbookEvents(recorder: Recorder, q: LogbookQuery): Record<string, unknown>[] {
  const wanted = q.entityIds ? new Set(q.entityIds) : null;
  const out: Record<string, unknown>[] = [];
  for (const row of recorder.logbookRows()) {
    if (row.when < q.start || row.when >= q.end) continue;
    if (wanted && (row.entity_id === null || !wanted.has(row.entity_id))) continue;
    if (q.contextId && row.context.id !== q.contextId) continue;
    const when = q.form === 'rest' ? isoformat(row.when) : toTimestamp(row.when);
    let data: Record<string, unknown>;
    if (row.state !== undefined) {
      data = { when, state: row.state, entity_id: row.entity_id };
      if (q.form === 'rest') data['name'] = row.name;
    } else {
      data = { when, name: row.name, message: row.message, domain: row.domain, entity_id: row.entity_id };
    }
    if (row.icon) data['icon'] = row.icon;
    if (row.context.user_id) data['context_user_id'] = row.context.user_id;
    const origin = recorder.serviceOrigin(row.context.id);
    if (origin) {
      data['context_event_type'] = 'call_service';
      data['context_domain'] = origin.domain;
      data['context_service'] = origin.service;
    }
    out.push(data);
  }
  return out;
}
