import type { PyDateTime } from './values.js';

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** C `strftime` for the directives templates use (`now().strftime('%H:%M')`, `timestamp_custom`). */
export function strftime(dt: PyDateTime, format: string): string {
  const d = new Date(Math.floor(dt.us / 1000) + dt.offsetMinutes * 60_000);
  const h = d.getUTCHours();
  const off = Math.abs(dt.offsetMinutes);
  const dayOfYear = Math.floor((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000) + 1;
  const table: Record<string, string> = {
    Y: String(d.getUTCFullYear()),
    y: pad(d.getUTCFullYear() % 100),
    m: pad(d.getUTCMonth() + 1),
    d: pad(d.getUTCDate()),
    H: pad(h),
    I: pad(h % 12 === 0 ? 12 : h % 12),
    M: pad(d.getUTCMinutes()),
    S: pad(d.getUTCSeconds()),
    f: pad(((dt.us % 1_000_000) + 1_000_000) % 1_000_000, 6),
    p: h < 12 ? 'AM' : 'PM',
    a: (DAYS[d.getUTCDay()] ?? '').slice(0, 3),
    A: DAYS[d.getUTCDay()] ?? '',
    b: (MONTHS[d.getUTCMonth()] ?? '').slice(0, 3),
    B: MONTHS[d.getUTCMonth()] ?? '',
    j: pad(dayOfYear, 3),
    w: String(d.getUTCDay()),
    z: `${dt.offsetMinutes < 0 ? '-' : '+'}${pad(Math.floor(off / 60))}${pad(off % 60)}`,
    Z: dt.offsetMinutes === 0 ? 'UTC' : '',
    '%': '%',
  };
  return format.replace(/%(-?)([a-zA-Z%])/g, (m, dash: string, c: string) => {
    const v = table[c];
    if (v === undefined) return m;
    return dash ? String(Number(v)) : v;
  });
}
