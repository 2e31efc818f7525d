import { ToolError } from '@mcp-gateway/connector-kit';

const HAS_OFFSET = /(?:Z|[+-]\d{2}:?\d{2})$/i;
const NAIVE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?$/;

/**
 * Parses an ISO 8601 time as a model writes it. A time without an offset (`2025-03-01T07:00`) or a bare
 * date means wall-clock time in Home Assistant's time zone, which is what a person asking "since 7 am" means.
 */
export function parseTime(text: string, timeZone: string, argument: string): Date {
  const trimmed = text.trim();
  if (HAS_OFFSET.test(trimmed)) {
    const date = new Date(trimmed);
    if (!Number.isNaN(date.getTime())) return date;
  }
  const m = NAIVE.exec(trimmed);
  if (m) {
    const [, y, mo, d, h, mi, s, frac] = m;
    const wall = Date.UTC(
      Number(y),
      Number(mo) - 1,
      Number(d),
      Number(h ?? 0),
      Number(mi ?? 0),
      Number(s ?? 0),
      Number((frac ?? '0').padEnd(3, '0').slice(0, 3)),
    );
    if (!Number.isNaN(wall)) {
      // Two passes settle the offset across a DST change.
      const first = wall - offsetMs(timeZone, wall);
      return new Date(wall - offsetMs(timeZone, first));
    }
  }
  throw new ToolError(
    `${argument} must be an ISO 8601 time such as 2025-03-01T07:00:00+01:00 or 2025-03-01 (got "${text.slice(0, 60)}").`,
  );
}

/** ISO 8601 with the offset of `timeZone` and no fractional seconds, e.g. `2025-03-01T07:00:00+01:00`. */
export function formatTime(date: Date | string, timeZone: string): string {
  const d = typeof date === 'string' ? new Date(date) : date;
  const ms = d.getTime();
  if (Number.isNaN(ms)) return String(date);
  const offset = offsetMs(timeZone, ms);
  const local = new Date(ms + offset).toISOString().slice(0, 19);
  if (offset === 0) return `${local}Z`;
  const sign = offset < 0 ? '-' : '+';
  const minutes = Math.round(Math.abs(offset) / 60_000);
  return `${local}${sign}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

const QUARTER_HOUR = 15 * 60_000;
const offsets = new Map<string, number>();

/**
 * Offset of `timeZone` from UTC at the instant `epochMs` (positive east of Greenwich). Every zone changes
 * its offset on a quarter hour, so offsets are cached per zone and quarter hour: Intl is slow, and every
 * result formats times.
 */
function offsetMs(timeZone: string, epochMs: number): number {
  const key = `${timeZone} ${Math.floor(epochMs / QUARTER_HOUR)}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    if (offsets.size > 10_000) offsets.clear();
    offset = computeOffsetMs(timeZone, epochMs);
    offsets.set(key, offset);
  }
  return offset;
}

function computeOffsetMs(timeZone: string, epochMs: number): number {
  let format = formatters.get(timeZone);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      });
    } catch {
      return 0;
    }
    formatters.set(timeZone, format);
  }
  const parts: Record<string, number> = {};
  for (const part of format.formatToParts(new Date(epochMs))) parts[part.type] = Number(part.value);
  const asUtc = Date.UTC(
    parts['year'] ?? 1970,
    (parts['month'] ?? 1) - 1,
    parts['day'] ?? 1,
    parts['hour'] ?? 0,
    parts['minute'] ?? 0,
    parts['second'] ?? 0,
  );
  return asUtc - Math.floor(epochMs / 1000) * 1000;
}

export interface TimeWindow {
  readonly start: Date;
  readonly end: Date;
}

export interface WindowArgs {
  readonly start?: string | undefined;
  readonly end?: string | undefined;
  readonly hours?: number | undefined;
}

/**
 * Resolves `start`/`end`/`hours` into a window. Looking back (history, logbook): `end` defaults to now and
 * `start` to `hours` before `end`. Looking ahead (calendars): `start` defaults to now and `end` to `hours` after.
 */
export function resolveWindow(
  args: WindowArgs,
  timeZone: string,
  direction: 'back' | 'ahead',
  defaultHours: number,
  now = new Date(),
): TimeWindow {
  const spanMs = (args.hours ?? defaultHours) * 3_600_000;
  let start = args.start !== undefined ? parseTime(args.start, timeZone, 'start') : undefined;
  let end = args.end !== undefined ? parseTime(args.end, timeZone, 'end') : undefined;
  if (direction === 'back') {
    if (!start) {
      end ??= now;
      start = new Date(end.getTime() - spanMs);
    } else {
      end ??= args.hours !== undefined ? new Date(start.getTime() + spanMs) : now;
    }
  } else {
    start ??= end && args.hours !== undefined ? new Date(end.getTime() - spanMs) : now;
    end ??= new Date(start.getTime() + spanMs);
  }
  if (end.getTime() <= start.getTime()) {
    throw new ToolError(`end (${end.toISOString()}) must be after start (${start.toISOString()}).`);
  }
  return { start, end };
}

/** A page of rows read over a time window, with the window's bounds in Home Assistant's time zone. */
export function windowPageResult<T>(
  window: TimeWindow,
  timeZone: string,
  page: {
    readonly total: number;
    readonly offset: number;
    readonly next_offset?: number;
    readonly items: T[];
  },
  key: string,
): Record<string, unknown> {
  return {
    start: formatTime(window.start, timeZone),
    end: formatTime(window.end, timeZone),
    total: page.total,
    offset: page.offset,
    ...(page.next_offset !== undefined ? { next_offset: page.next_offset } : {}),
    [key]: page.items,
  };
}
