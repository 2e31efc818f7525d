import { pyFloatRepr, pyStrRepr } from '../core/python-repr.js';
import { pyDatetimeStr, type Micros } from '../core/time.js';

/**
 * Python values as Jinja sees them. JS numbers are Python ints when integral; floats are wrapped so
 * `{{ 21 | float }}` prints "21.0" like HA. Undefined keeps the reason for a later UndefinedError.
 */
export class PyFloat {
  constructor(readonly v: number) {}
}

export class Undefined {
  constructor(readonly hint: string) {}
}

export class PyFunction {
  constructor(
    readonly name: string,
    readonly fn: (args: unknown[], kwargs: Record<string, unknown>) => unknown,
  ) {}
}

export class PyDateTime {
  constructor(
    readonly us: Micros,
    readonly offsetMinutes: number,
  ) {}
}

/** `namespace()` objects, the one mutable thing `{% set ns.x = ... %}` may change. */
export class Namespace {
  constructor(readonly attrs: Record<string, unknown>) {}
}

/** An object with Python-visible attributes (HA's TemplateState, the `states` proxies, `loop`). */
export interface PyObject {
  readonly pyType: string;
  getAttr(name: string): unknown;
  str(): string;
  iterate?(): unknown[];
}

export function isPyObject(v: unknown): v is PyObject {
  return typeof v === 'object' && v !== null && 'pyType' in v && 'getAttr' in v;
}

/** Template errors; HA reports them as `"<ExceptionClass>: <message>"`. */
export class TemplateError extends Error {
  constructor(
    readonly kind: string,
    readonly detail: string,
  ) {
    super(`${kind}: ${detail}`);
  }
}

export const typeError = (msg: string): TemplateError => new TemplateError('TypeError', msg);

export function isNumber(v: unknown): v is number | PyFloat {
  return (typeof v === 'number' && Number.isFinite(v)) || v instanceof PyFloat;
}

export const numValue = (v: number | PyFloat): number => (v instanceof PyFloat ? v.v : v);

export function isDict(v: unknown): v is Record<string, unknown> {
  return (
    typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype
  );
}

export function pyType(v: unknown): string {
  if (v === null) return 'NoneType';
  if (v instanceof Undefined) return 'Undefined';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return 'int';
  if (v instanceof PyFloat) return 'float';
  if (typeof v === 'string') return 'str';
  if (Array.isArray(v)) return 'list';
  if (v instanceof PyDateTime) return 'datetime';
  if (v instanceof PyFunction) return 'function';
  if (v instanceof Namespace) return 'Namespace';
  if (isPyObject(v)) return v.pyType;
  if (isDict(v)) return 'dict';
  return 'object';
}

/** Python `repr()`; used for items inside lists and dicts. */
export function repr(v: unknown): string {
  if (typeof v === 'string') return pyStrRepr(v);
  if (v instanceof Undefined) return '';
  return str(v);
}

/** Python `str()`, i.e. what `{{ value }}` prints. */
export function str(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (v instanceof Undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : pyFloatRepr(v);
  if (v instanceof PyFloat) return pyFloatRepr(v.v);
  if (Array.isArray(v)) return `[${v.map(repr).join(', ')}]`;
  if (v instanceof PyDateTime) return pyDatetimeStr(v.us, v.offsetMinutes);
  if (v instanceof PyFunction) return `<function ${v.name}>`;
  if (v instanceof Namespace) return `<Namespace ${str(v.attrs)}>`;
  if (isPyObject(v)) return v.str();
  if (isDict(v))
    return `{${Object.entries(v)
      .map(([k, x]) => `${pyStrRepr(k)}: ${repr(x)}`)
      .join(', ')}}`;
  return `<${typeof v}>`;
}

export function truthy(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === '' || v === 0) return false;
  if (v instanceof Undefined) return false;
  if (v instanceof PyFloat) return v.v !== 0;
  if (Array.isArray(v)) return v.length > 0;
  if (isDict(v)) return Object.keys(v).length > 0;
  return true;
}

export function eq(a: unknown, b: unknown): boolean {
  if (isNumber(a) && isNumber(b)) return numValue(a) === numValue(b);
  if (typeof a === 'boolean' && isNumber(b)) return Number(a) === numValue(b);
  if (typeof b === 'boolean' && isNumber(a)) return Number(b) === numValue(a);
  if (a instanceof Undefined || b instanceof Undefined)
    return a instanceof Undefined && b instanceof Undefined;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => eq(x, b[i]));
  if (isDict(a) && isDict(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && eq(a[k], b[k]));
  }
  if (a instanceof PyDateTime && b instanceof PyDateTime) return a.us === b.us;
  return a === b;
}

/** Python ordering; mixed types raise TypeError like Python 3. */
export function compare(a: unknown, b: unknown, op: string): number {
  const num = (v: unknown): number | undefined =>
    isNumber(v) ? numValue(v) : typeof v === 'boolean' ? Number(v) : undefined;
  const na = num(a);
  const nb = num(b);
  if (na !== undefined && nb !== undefined) return na - nb;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (a instanceof PyDateTime && b instanceof PyDateTime) return a.us - b.us;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      if (!eq(a[i], b[i])) return compare(a[i], b[i], op);
    }
    return a.length - b.length;
  }
  throw typeError(`'${op}' not supported between instances of '${pyType(a)}' and '${pyType(b)}'`);
}

/** Python `len()`. */
export function length(v: unknown): number {
  if (typeof v === 'string') return [...v].length;
  if (Array.isArray(v)) return v.length;
  if (isDict(v)) return Object.keys(v).length;
  if (isPyObject(v) && v.iterate) return v.iterate().length;
  if (v instanceof Undefined) return 0;
  throw typeError(`object of type '${pyType(v)}' has no len()`);
}

/** Python iteration (`for x in v`, `list(v)`). */
export function iterate(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  if (typeof v === 'string') return [...v];
  if (isDict(v)) return Object.keys(v);
  if (v instanceof Undefined) return [];
  if (isPyObject(v) && v.iterate) return v.iterate();
  throw typeError(`'${pyType(v)}' object is not iterable`);
}

/** Python `float()` of a value, or undefined when Python would raise. */
export function toFloat(v: unknown): number | undefined {
  if (isNumber(v)) return numValue(v);
  if (typeof v === 'boolean') return Number(v);
  if (typeof v === 'string') {
    const s = v.trim().toLowerCase();
    if (s === 'nan') return NaN;
    if (s === 'inf' || s === 'infinity' || s === '+inf') return Infinity;
    if (s === '-inf' || s === '-infinity') return -Infinity;
    if (/^[+-]?(\d+(_\d+)*)?(\.\d*)?(e[+-]?\d+)?$/.test(s) && /\d/.test(s))
      return Number(s.replace(/_/g, ''));
  }
  return undefined;
}
