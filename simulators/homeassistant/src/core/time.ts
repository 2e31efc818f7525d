/**
 * Time as Home Assistant shows it. HA keeps Python datetimes with microsecond precision and prints
 * them with `isoformat()` (fraction omitted when it is zero, offset as `+00:00`), so the simulator
 * keeps integer microseconds since the epoch and formats them the same way.
 */
export type Micros = number;

export const SECOND = 1_000_000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

let lastIssued = 0;

/** Strictly increasing "now", so two writes in one millisecond still order like HA's. */
export function nowMicros(): Micros {
  const t = Math.floor((performance.timeOrigin + performance.now()) * 1000);
  lastIssued = t > lastIssued ? t : lastIssued + 1;
  return lastIssued;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function offsetText(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** Wall-clock parts of an instant shifted by `offsetMinutes`. */
function wallClock(us: Micros, offsetMinutes: number): { date: string; time: string; fraction: string } {
  const ms = Math.floor(us / 1000) + offsetMinutes * 60_000;
  const d = new Date(ms);
  const micro = ((us % SECOND) + SECOND) % SECOND;
  return {
    date: `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`,
    time: `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`,
    fraction: micro === 0 ? '' : `.${pad(micro, 6)}`,
  };
}

/** Python `datetime.isoformat()` of an aware datetime in the given offset. */
export function isoformat(us: Micros, offsetMinutes = 0): string {
  const w = wallClock(us, offsetMinutes);
  return `${w.date}T${w.time}${w.fraction}${offsetText(offsetMinutes)}`;
}

/** Python `str(datetime)` (space separator), used when templates print `now()`. */
export function pyDatetimeStr(us: Micros, offsetMinutes: number): string {
  const w = wallClock(us, offsetMinutes);
  return `${w.date} ${w.time}${w.fraction}${offsetText(offsetMinutes)}`;
}

/** Epoch seconds as a float, the form WS compressed states and registries use. */
export function toTimestamp(us: Micros): number {
  return us / SECOND;
}

const zoneFormatters = new Map<string, Intl.DateTimeFormat>();

function zoneFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = zoneFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    zoneFormatters.set(timeZone, f);
  }
  return f;
}

/** UTC offset of `timeZone` at the instant, in minutes (e.g. 120 for CEST). */
export function zoneOffsetMinutes(us: Micros, timeZone: string): number {
  const ms = Math.floor(us / 1000);
  const parts: Record<string, number> = {};
  for (const p of zoneFormatter(timeZone).formatToParts(new Date(ms))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const asUtc = Date.UTC(
    parts['year'] ?? 1970,
    (parts['month'] ?? 1) - 1,
    parts['day'] ?? 1,
    parts['hour'] ?? 0,
    parts['minute'] ?? 0,
    parts['second'] ?? 0,
  );
  return Math.round((asUtc - (ms - (ms % 1000))) / 60_000);
}

/** The instant at which the zone's wall clock shows the given local time. */
export function localToMicros(
  timeZone: string,
  y: number,
  mo: number,
  d: number,
  h = 0,
  mi = 0,
  s = 0,
  micro = 0,
): Micros {
  const naive = Date.UTC(y, mo - 1, d, h, mi, s) * 1000 + micro;
  const first = naive - zoneOffsetMinutes(naive, timeZone) * MINUTE;
  return naive - zoneOffsetMinutes(first, timeZone) * MINUTE;
}

/** Local calendar date (y, m, d) of an instant in the zone. */
export function localDate(us: Micros, timeZone: string): { y: number; m: number; d: number; h: number } {
  const d = new Date(Math.floor(us / 1000) + zoneOffsetMinutes(us, timeZone) * 60_000);
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate(), h: d.getUTCHours() };
}

const ISO_RE =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:[.,](\d{1,6})\d*)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * `homeassistant.util.dt.parse_datetime`: ISO 8601 with optional offset. A naive value is read in
 * the configured zone (HA's `as_utc` assumes `DEFAULT_TIME_ZONE`). Returns null when unparsable.
 */
export function parseDatetime(text: string, timeZone: string): Micros | null {
  const m = ISO_RE.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, tz] = m;
  const micro = frac ? Number(frac.padEnd(6, '0')) : 0;
  const parts = [Number(y), Number(mo), Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0)] as const;
  if (parts[1] < 1 || parts[1] > 12 || parts[2] < 1 || parts[2] > 31 || parts[3] > 23 || parts[4] > 59) {
    return null;
  }
  if (!tz) return localToMicros(timeZone, ...parts, micro);
  let offset = 0;
  if (tz.toUpperCase() !== 'Z') {
    const sign = tz.startsWith('-') ? -1 : 1;
    const digits = tz.slice(1).replace(':', '');
    offset = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0'));
  }
  return (
    (Date.UTC(parts[0], parts[1] - 1, parts[2], parts[3], parts[4], parts[5]) - offset * 60_000) * 1000 +
    micro
  );
}

/** `YYYY-MM-DD` of a local date. */
export function dateText(y: number, m: number, d: number): string {
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}
