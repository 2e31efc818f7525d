import { nameOf, numericState, unitOf } from './compact.js';
import { formatTime } from './time.js';
import type { HassHistoryRow } from './types.js';

const NOT_A_VALUE: ReadonlySet<string> = new Set(['unavailable', 'unknown', '']);

export interface HistorySummary {
  entity_id: string;
  name: string;
  unit?: string;
  changes: number;
  first: string | number;
  last: string | number;
  min?: number;
  min_at?: string;
  max?: number;
  max_at?: string;
  mean?: number;
  hours_in_state?: Record<string, number>;
  points: [string, string | number][];
  points_omitted?: number;
}

/**
 * One entity's history as a model wants it: what it was, what it is, extremes and a time-weighted mean for
 * numeric sensors, hours per state for the rest, and at most `maxPoints` raw points (evenly sampled for
 * numbers, the most recent for states).
 */
export function summariseHistory(
  entityId: string,
  rows: readonly HassHistoryRow[],
  window: { start: Date; end: Date },
  maxPoints: number,
  timeZone: string,
): HistorySummary {
  const head = rows.find((r) => r.attributes) ?? rows[0];
  const named = { entity_id: entityId, attributes: head?.attributes ?? {} };
  const values = rows.map((r) => ({
    at: new Date(r.last_changed).getTime(),
    raw: r.state,
    n: numericState(r.state),
  }));
  const meaningful = values.filter((v) => !NOT_A_VALUE.has(v.raw));
  const numeric = meaningful.length > 0 && meaningful.every((v) => v.n !== undefined);
  const show = (v: { raw: string; n: number | undefined }): string | number =>
    numeric && v.n !== undefined ? v.n : v.raw;
  const first = values[0];
  const last = values[values.length - 1];
  const unit = unitOf(named);
  const summary: HistorySummary = {
    entity_id: entityId,
    name: nameOf(named),
    ...(unit !== undefined ? { unit } : {}),
    changes: Math.max(0, values.length - 1),
    first: first ? show(first) : '',
    last: last ? show(last) : '',
    points: [],
  };

  const endMs = Math.min(window.end.getTime(), Date.now());
  const held = values.map((v, i) => ({
    ...v,
    ms: Math.max(0, (values[i + 1]?.at ?? endMs) - Math.max(v.at, window.start.getTime())),
  }));
  if (numeric) {
    let min = meaningful[0];
    let max = meaningful[0];
    let weighted = 0;
    let weight = 0;
    for (const v of held) {
      if (v.n === undefined) continue;
      if (min?.n === undefined || v.n < min.n) min = v;
      if (max?.n === undefined || v.n > max.n) max = v;
      weighted += v.n * v.ms;
      weight += v.ms;
    }
    if (min?.n !== undefined)
      Object.assign(summary, { min: min.n, min_at: formatTime(new Date(min.at), timeZone) });
    if (max?.n !== undefined)
      Object.assign(summary, { max: max.n, max_at: formatTime(new Date(max.at), timeZone) });
    const plain = meaningful.reduce((sum, v) => sum + (v.n ?? 0), 0) / meaningful.length;
    summary.mean = round(weight > 0 ? weighted / weight : plain);
  } else {
    const hours: Record<string, number> = {};
    for (const v of held) hours[v.raw] = (hours[v.raw] ?? 0) + v.ms / 3_600_000;
    if (Object.keys(hours).length <= 12) {
      for (const key of Object.keys(hours)) hours[key] = round(hours[key] ?? 0);
      summary.hours_in_state = hours;
    }
  }

  // Points go last so the summary reads first.
  const picked = numeric ? sample(values, maxPoints) : values.slice(-maxPoints);
  const { points: _empty, ...stats } = summary;
  const out: HistorySummary = {
    ...stats,
    points: picked.map((v) => [formatTime(new Date(v.at), timeZone), show(v)]),
  };
  if (values.length > picked.length) out.points_omitted = values.length - picked.length;
  return out;
}

/** `count` items evenly spread over `items`, always keeping the first and the last. */
function sample<T>(items: readonly T[], count: number): T[] {
  if (items.length <= count) return [...items];
  if (count <= 1) return items.slice(-1);
  const out: T[] = [];
  for (let i = 0; i < count; i++) out.push(items[Math.round((i * (items.length - 1)) / (count - 1))] as T);
  return out;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
