import { isoformat, toTimestamp } from '../core/time.js';
import { strftime } from './strftime.js';
import {
  Namespace,
  PyDateTime,
  PyFloat,
  PyFunction,
  TemplateError,
  Undefined,
  isDict,
  isPyObject,
  iterate,
  pyType,
  str,
} from './values.js';

const fn = (name: string, f: (args: unknown[], kwargs: Record<string, unknown>) => unknown): PyFunction =>
  new PyFunction(name, f);

/** Jinja's `object_type_repr` as used in Undefined messages ("'dict object' has no attribute 'x'"). */
function typeRepr(obj: unknown): string {
  return obj === null ? 'None' : `${pyType(obj)} object`;
}

const noAttr = (obj: unknown, name: string): Undefined =>
  new Undefined(`'${typeRepr(obj)}' has no attribute '${name}'`);

function stringMethod(s: string, name: string): unknown {
  const text = (v: unknown): string => (v === undefined || v === null ? '' : str(v));
  const methods: Record<string, (args: unknown[]) => unknown> = {
    upper: () => s.toUpperCase(),
    lower: () => s.toLowerCase(),
    title: () =>
      s.toLowerCase().replace(/(^|[^a-z])([a-z])/g, (_m, p: string, c: string) => p + c.toUpperCase()),
    capitalize: () => s.charAt(0).toUpperCase() + s.slice(1).toLowerCase(),
    strip: (a) =>
      a[0] === undefined
        ? s.trim()
        : s.replace(new RegExp(`^[${escapeClass(text(a[0]))}]+|[${escapeClass(text(a[0]))}]+$`, 'g'), ''),
    lstrip: () => s.replace(/^\s+/, ''),
    rstrip: () => s.replace(/\s+$/, ''),
    split: (a) =>
      a[0] === undefined || a[0] === null ? s.trim().split(/\s+/).filter(Boolean) : s.split(text(a[0])),
    replace: (a) => s.split(text(a[0])).join(text(a[1])),
    startswith: (a) => s.startsWith(text(a[0])),
    endswith: (a) => s.endsWith(text(a[0])),
    join: (a) => iterate(a[0]).map(str).join(s),
    count: (a) => s.split(text(a[0])).length - 1,
    find: (a) => s.indexOf(text(a[0])),
    isdigit: () => /^\d+$/.test(s),
    format: (a) => {
      let i = 0;
      return s.replace(/\{(\d*)\}/g, (_m, idx: string) => str(a[idx === '' ? i++ : Number(idx)]));
    },
  };
  const m = methods[name];
  return m ? fn(name, (args) => m(args)) : noAttr(s, name);
}

const escapeClass = (chars: string): string => chars.replace(/[\\\]^-]/g, '\\$&');

function dictMethod(d: Record<string, unknown>, name: string): unknown {
  switch (name) {
    case 'items':
      return fn('items', () => Object.entries(d));
    case 'keys':
      return fn('keys', () => Object.keys(d));
    case 'values':
      return fn('values', () => Object.values(d));
    case 'get':
      return fn('get', (a) => (typeof a[0] === 'string' && a[0] in d ? d[a[0]] : (a[1] ?? null)));
    default:
      return noAttr(d, name);
  }
}

function datetimeAttr(dt: PyDateTime, name: string): unknown {
  const local = new Date(Math.floor(dt.us / 1000) + dt.offsetMinutes * 60_000);
  const fields: Record<string, unknown> = {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
    microsecond: ((dt.us % 1_000_000) + 1_000_000) % 1_000_000,
  };
  if (name in fields) return fields[name];
  switch (name) {
    case 'isoformat':
      return fn('isoformat', () => isoformat(dt.us, dt.offsetMinutes));
    case 'timestamp':
      return fn('timestamp', () => new PyFloat(toTimestamp(dt.us)));
    case 'strftime':
      return fn('strftime', (a) => strftime(dt, str(a[0])));
    case 'weekday':
      return fn('weekday', () => (local.getUTCDay() + 6) % 7);
    case 'isoweekday':
      return fn('isoweekday', () => ((local.getUTCDay() + 6) % 7) + 1);
    case 'date':
      return fn('date', () => local.toISOString().slice(0, 10));
    default:
      return noAttr(dt, name);
  }
}

/** `environment.getattr`: attribute first, then item. */
export function getAttr(obj: unknown, name: string): unknown {
  if (obj instanceof Undefined) throw new TemplateError('UndefinedError', obj.hint);
  if (isPyObject(obj)) return obj.getAttr(name);
  if (obj instanceof Namespace) return name in obj.attrs ? obj.attrs[name] : noAttr(obj, name);
  if (obj instanceof PyDateTime) return datetimeAttr(obj, name);
  if (typeof obj === 'string') return stringMethod(obj, name);
  if (isDict(obj)) return name in obj ? obj[name] : dictMethod(obj, name);
  if (Array.isArray(obj)) {
    if (name === 'count') return fn('count', (a) => obj.filter((x) => str(x) === str(a[0])).length);
    if (name === 'index') return fn('index', (a) => obj.findIndex((x) => str(x) === str(a[0])));
  }
  return noAttr(obj, name);
}

/** `environment.getitem`: item first, then attribute. */
export function getItem(obj: unknown, key: unknown): unknown {
  if (obj instanceof Undefined) throw new TemplateError('UndefinedError', obj.hint);
  if ((Array.isArray(obj) || typeof obj === 'string') && typeof key === 'number') {
    const seq = Array.isArray(obj) ? obj : [...obj];
    const at = key < 0 ? seq.length + key : key;
    if (at >= 0 && at < seq.length) return seq[at];
    return new Undefined(`'${typeRepr(obj)}' has no element ${key}`);
  }
  if (isDict(obj) && typeof key === 'string' && key in obj) return obj[key];
  if (typeof key === 'string') return getAttr(obj, key);
  return new Undefined(`'${typeRepr(obj)}' has no element ${str(key)}`);
}

/** Python slicing of lists and strings. */
export function sliceOf(obj: unknown, start: unknown, stop: unknown, step: unknown): unknown {
  if (obj instanceof Undefined) throw new TemplateError('UndefinedError', obj.hint);
  const seq = Array.isArray(obj) ? obj : typeof obj === 'string' ? [...obj] : iterate(obj);
  const n = seq.length;
  const st = typeof step === 'number' ? step : 1;
  const norm = (v: unknown, dflt: number): number => {
    if (typeof v !== 'number') return dflt;
    const x = v < 0 ? n + v : v;
    return Math.max(st < 0 ? -1 : 0, Math.min(st < 0 ? n - 1 : n, x));
  };
  const out: unknown[] = [];
  if (st > 0) for (let i = norm(start, 0); i < norm(stop, n); i += st) out.push(seq[i]);
  else for (let i = norm(start, n - 1); i > norm(stop, -1); i += st) out.push(seq[i]);
  return typeof obj === 'string' ? out.join('') : out;
}
