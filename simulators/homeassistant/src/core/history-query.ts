import type { Recorder } from './recorder.js';
import type { State } from './state-machine.js';
import { isoformat, toTimestamp, type Micros } from './time.js';

export interface HistoryQuery {
  start: Micros;
  end: Micros;
  entityIds: string[];
  /** Prepend each entity's state as of `start` (stamped with `start`); off with `skip_initial_state`. */
  includeStartTimeState: boolean;
  significantChangesOnly: boolean;
  minimalResponse: boolean;
  noAttributes: boolean;
}

/** Domains whose attribute-only changes are "significant" (`recorder/history` SIGNIFICANT_DOMAINS). */
const SIGNIFICANT_DOMAINS = new Set([
  'climate',
  'device_tracker',
  'humidifier',
  'thermostat',
  'water_heater',
]);
/** Domains that keep attributes even with `no_attributes` (NEED_ATTRIBUTE_DOMAINS). */
const NEED_ATTRIBUTE_DOMAINS = new Set([
  'climate',
  'humidifier',
  'input_datetime',
  'thermostat',
  'water_heater',
]);

interface Row {
  state: State;
  /** Overridden timestamps for the synthetic start-time row. */
  changed: Micros;
  updated: Micros;
}

function rowsFor(recorder: Recorder, entityId: string, q: HistoryQuery): Row[] {
  const all = recorder.rows(entityId);
  const domain = entityId.slice(0, entityId.indexOf('.'));
  const significantOnly = q.significantChangesOnly && !SIGNIFICANT_DOMAINS.has(domain);
  const out: Row[] = [];
  if (q.includeStartTimeState) {
    let before: State | undefined;
    for (const s of all) if (s.lastUpdated <= q.start) before = s;
    if (before) out.push({ state: before, changed: q.start, updated: q.start });
  }
  for (const s of all) {
    if (s.lastUpdated <= q.start || s.lastUpdated >= q.end) continue;
    if (significantOnly && s.lastChanged !== s.lastUpdated) continue;
    out.push({ state: s, changed: s.lastChanged, updated: s.lastUpdated });
  }
  return out;
}

/** `GET /api/history/period`: one array per entity (requested order, empty ones dropped). */
export function historyRest(recorder: Recorder, q: HistoryQuery): Record<string, unknown>[][] {
  const result: Record<string, unknown>[][] = [];
  for (const entityId of q.entityIds) {
    const rows = rowsFor(recorder, entityId, q);
    if (!rows.length) continue;
    const keepAttributes =
      !q.noAttributes || NEED_ATTRIBUTE_DOMAINS.has(entityId.slice(0, entityId.indexOf('.')));
    const full = (r: Row): Record<string, unknown> => ({
      entity_id: r.state.entity_id,
      state: r.state.state,
      attributes: keepAttributes ? r.state.attributes : {},
      last_changed: isoformat(r.changed),
      last_updated: isoformat(r.updated),
    });
    if (!q.minimalResponse) {
      result.push(rows.map(full));
      continue;
    }
    // Minimal: first and last rows are full states, the ones between only state + last_changed,
    // and only where the state string changed.
    const out: Record<string, unknown>[] = [full(rows[0] as Row)];
    let previous = rows[0]?.state.state;
    for (const r of rows.slice(1, -1)) {
      if (r.state.state === previous) continue;
      out.push({ state: r.state.state, last_changed: isoformat(r.changed) });
      previous = r.state.state;
    }
    if (rows.length > 1) out.push(full(rows[rows.length - 1] as Row));
    result.push(out);
  }
  return result;
}

/** WS `history/history_during_period`: compressed rows `{s, a?, lu, lc?}` keyed by entity. */
export function historyCompressed(
  recorder: Recorder,
  q: HistoryQuery,
): Record<string, Record<string, unknown>[]> {
  const result: Record<string, Record<string, unknown>[]> = {};
  for (const entityId of q.entityIds) {
    const rows = rowsFor(recorder, entityId, q);
    if (!rows.length) continue;
    const keepAttributes =
      !q.noAttributes || NEED_ATTRIBUTE_DOMAINS.has(entityId.slice(0, entityId.indexOf('.')));
    result[entityId] = rows.map((r, i) => {
      const row: Record<string, unknown> = { s: r.state.state };
      if (keepAttributes && (!q.minimalResponse || i === 0)) row['a'] = r.state.attributes;
      row['lu'] = toTimestamp(r.updated);
      if (r.changed !== r.updated) row['lc'] = toTimestamp(r.changed);
      return row;
    });
  }
  return result;
}
