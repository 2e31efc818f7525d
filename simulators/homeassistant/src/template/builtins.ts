import { pyFloatRepr } from '../core/python-repr.js';
import { getItem } from './access.js';
import type { Environment, FilterFn, TestFn } from './evaluate.js';
import {
  Namespace,
  PyDateTime,
  PyFloat,
  PyFunction,
  TemplateError,
  Undefined,
  compare,
  eq,
  isDict,
  isNumber,
  isPyObject,
  iterate,
  length,
  numValue,
  str,
  truthy,
  typeError,
} from './values.js';

/** Follow a dotted attribute path like Jinja's `make_attrgetter` ("attributes.brightness"). */
export function attrPath(item: unknown, path: unknown): unknown {
  let v = item;
  for (const part of str(path).split('.')) v = getItem(v, /^\d+$/.test(part) ? Number(part) : part);
  return v;
}

const lowerIfString = (v: unknown, caseSensitive: boolean): unknown =>
  !caseSensitive && typeof v === 'string' ? v.toLowerCase() : v;

/** Python JSON (`json.dumps`/orjson): floats keep their ".0". */
export function toJson(v: unknown, spaced: boolean): string {
  const sep = spaced ? ', ' : ',';
  const kv = spaced ? ': ' : ':';
  if (v === null || v instanceof Undefined) return 'null';
  if (v instanceof PyFloat) return pyFloatRepr(v.v);
  if (typeof v === 'number' || typeof v === 'boolean') return JSON.stringify(v);
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map((x) => toJson(x, spaced)).join(sep)}]`;
  if (isDict(v))
    return `{${Object.entries(v)
      .map(([k, x]) => `${JSON.stringify(k)}${kv}${toJson(x, spaced)}`)
      .join(sep)}}`;
  if (v instanceof Namespace) return toJson(v.attrs, spaced);
  if (isPyObject(v) || v instanceof PyDateTime) return JSON.stringify(str(v));
  throw typeError(`Object of type ${typeof v} is not JSON serializable`);
}

/** JSON text → template values (numbers with a fraction become floats). */
export function fromJson(text: string): unknown {
  const wrap = (v: unknown): unknown => {
    if (typeof v === 'number') return Number.isInteger(v) && !String(v).includes('.') ? v : new PyFloat(v);
    if (Array.isArray(v)) return v.map(wrap);
    if (isDict(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, wrap(x)]));
    return v;
  };
  try {
    return wrap(JSON.parse(text));
  } catch (e) {
    throw new TemplateError('JSONDecodeError', (e as Error).message);
  }
}

function sortItems(
  items: unknown[],
  reverse: boolean,
  caseSensitive: boolean,
  attribute: unknown,
): unknown[] {
  const key = (x: unknown): unknown =>
    lowerIfString(attribute === undefined || attribute === null ? x : attrPath(x, attribute), caseSensitive);
  const out = [...items].sort((a, b) => compare(key(a), key(b), '<'));
  return reverse ? out.reverse() : out;
}

function callTest(env: Environment, name: unknown, value: unknown, args: unknown[]): boolean {
  const test = env.tests[str(name)];
  if (!test) throw new TemplateError('TemplateRuntimeError', `No test named '${str(name)}'.`);
  return test(value, args, env);
}

function selectFilter(keep: boolean, byAttr: boolean): FilterFn {
  return (value, args, _kw, env) =>
    iterate(value).filter((item) => {
      const subject = byAttr ? attrPath(item, args[0]) : item;
      const testArgs = byAttr ? args.slice(1) : args;
      const passed = testArgs.length
        ? callTest(env, testArgs[0], subject, testArgs.slice(1))
        : truthy(subject);
      return passed === keep;
    });
}

const number = (v: unknown): number => {
  if (isNumber(v)) return numValue(v);
  if (typeof v === 'boolean') return Number(v);
  throw typeError(
    `unsupported operand type(s) for +: 'int' and '${typeof v === 'string' ? 'str' : 'NoneType'}'`,
  );
};

export const BUILTIN_FILTERS: Record<string, FilterFn> = {
  abs: (v) => (v instanceof PyFloat ? new PyFloat(Math.abs(v.v)) : Math.abs(number(v))),
  capitalize: (v) => {
    const s = str(v);
    return s.charAt(0).toUpperCase() + s.slice(1).toLowerCase();
  },
  count: (v) => length(v),
  length: (v) => length(v),
  default: (v, a, kw) =>
    v instanceof Undefined || (truthy(a[1] ?? kw['boolean']) && !truthy(v))
      ? (a[0] ?? kw['default_value'] ?? '')
      : v,
  first: (v) => iterate(v)[0] ?? new Undefined('No first item, sequence was empty.'),
  last: (v) => {
    const items = iterate(v);
    return items.length ? items[items.length - 1] : new Undefined('No last item, sequence was empty.');
  },
  join: (v, a, kw) => {
    const attribute = a[1] ?? kw['attribute'];
    return iterate(v)
      .map((x) => str(attribute === undefined ? x : attrPath(x, attribute)))
      .join(str(a[0] ?? kw['d'] ?? ''));
  },
  list: (v) => [...iterate(v)],
  lower: (v) => str(v).toLowerCase(),
  upper: (v) => str(v).toUpperCase(),
  title: (v) =>
    str(v)
      .toLowerCase()
      .replace(/(^|[^a-z0-9])([a-z])/g, (_m, p: string, c: string) => p + c.toUpperCase()),
  trim: (v, a) => {
    if (a[0] === undefined || a[0] === null) return str(v).trim();
    const chars = new Set(str(a[0]));
    const s = [...str(v)];
    while (s.length && chars.has(s[0] ?? '')) s.shift();
    while (s.length && chars.has(s[s.length - 1] ?? '')) s.pop();
    return s.join('');
  },
  replace: (v, a) => str(v).split(str(a[0])).join(str(a[1])),
  reverse: (v) => (typeof v === 'string' ? [...v].reverse().join('') : [...iterate(v)].reverse()),
  sort: (v, a, kw) =>
    sortItems(
      iterate(v),
      truthy(a[0] ?? kw['reverse']),
      truthy(a[1] ?? kw['case_sensitive']),
      a[2] ?? kw['attribute'],
    ),
  unique: (v, a, kw) => {
    const seen: unknown[] = [];
    const caseSensitive = truthy(a[0] ?? kw['case_sensitive']);
    const attribute = a[1] ?? kw['attribute'];
    return iterate(v).filter((x) => {
      const key = lowerIfString(attribute === undefined ? x : attrPath(x, attribute), caseSensitive);
      if (seen.some((s) => eq(s, key))) return false;
      seen.push(key);
      return true;
    });
  },
  sum: (v, a, kw) => {
    const attribute = a[0] ?? kw['attribute'];
    const items = iterate(v).map((x) => (attribute === undefined ? x : attrPath(x, attribute)));
    const start = a[1] ?? kw['start'] ?? 0;
    const float = items.some((x) => x instanceof PyFloat) || start instanceof PyFloat;
    const total = items.reduce<number>((acc, x) => acc + number(x), number(start));
    return float ? new PyFloat(total) : total;
  },
  min: (v, a, kw) =>
    sortItems(iterate(v), false, truthy(a[0] ?? kw['case_sensitive']), a[1] ?? kw['attribute'])[0] ??
    new Undefined('No aggregated item, sequence was empty.'),
  max: (v, a, kw) =>
    sortItems(iterate(v), true, truthy(a[0] ?? kw['case_sensitive']), a[1] ?? kw['attribute'])[0] ??
    new Undefined('No aggregated item, sequence was empty.'),
  map: (v, a, kw, env) => {
    if (kw['attribute'] !== undefined) {
      return iterate(v).map((x) => {
        const r = attrPath(x, kw['attribute']);
        return r instanceof Undefined && kw['default'] !== undefined ? kw['default'] : r;
      });
    }
    const filter = env.filters[str(a[0])];
    if (!filter) throw new TemplateError('TemplateRuntimeError', `No filter named '${str(a[0])}'.`);
    return iterate(v).map((x) => filter(x, a.slice(1), kw, env));
  },
  select: selectFilter(true, false),
  reject: selectFilter(false, false),
  selectattr: selectFilter(true, true),
  rejectattr: selectFilter(false, true),
  string: (v) => str(v),
  items: (v) => {
    if (v instanceof Undefined) return [];
    if (!isDict(v)) throw typeError(`Can only get item pairs from a mapping.`);
    return Object.entries(v);
  },
  tojson: (v) => toJson(v, true),
  batch: (v, a) => {
    const size = Math.max(1, number(a[0]));
    const items = iterate(v);
    const out: unknown[][] = [];
    for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
    return out;
  },
  wordcount: (v) => str(v).split(/\s+/).filter(Boolean).length,
};

const cmp =
  (op: string) =>
  (v: unknown, a: unknown[]): boolean => {
    if (op === '==') return eq(v, a[0]);
    if (op === '!=') return !eq(v, a[0]);
    const c = compare(v, a[0], op);
    return op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : c >= 0;
  };

export const BUILTIN_TESTS: Record<string, TestFn> = {
  defined: (v) => !(v instanceof Undefined),
  undefined: (v) => v instanceof Undefined,
  none: (v) => v === null,
  boolean: (v) => typeof v === 'boolean',
  true: (v) => v === true,
  false: (v) => v === false,
  integer: (v) => typeof v === 'number' && Number.isInteger(v),
  float: (v) => v instanceof PyFloat,
  number: (v) => isNumber(v),
  string: (v) => typeof v === 'string',
  mapping: (v) => isDict(v),
  iterable: (v) =>
    typeof v === 'string' || Array.isArray(v) || isDict(v) || (isPyObject(v) && v.iterate !== undefined),
  sequence: (v) => typeof v === 'string' || Array.isArray(v) || isDict(v),
  callable: (v) => v instanceof PyFunction,
  sameas: (v, a) => v === a[0],
  in: (v, a) => {
    const c = a[0];
    if (typeof c === 'string') return typeof v === 'string' && c.includes(v);
    if (isDict(c)) return typeof v === 'string' && v in c;
    return iterate(c).some((x) => eq(x, v));
  },
  eq: cmp('=='),
  equalto: cmp('=='),
  '==': cmp('=='),
  ne: cmp('!='),
  '!=': cmp('!='),
  lt: cmp('<'),
  lessthan: cmp('<'),
  '<': cmp('<'),
  le: cmp('<='),
  '<=': cmp('<='),
  gt: cmp('>'),
  greaterthan: cmp('>'),
  '>': cmp('>'),
  ge: cmp('>='),
  '>=': cmp('>='),
  odd: (v) => number(v) % 2 === 1,
  even: (v) => number(v) % 2 === 0,
  divisibleby: (v, a) => number(v) % number(a[0]) === 0,
  lower: (v) => typeof v === 'string' && v === v.toLowerCase(),
  upper: (v) => typeof v === 'string' && v === v.toUpperCase(),
};

/** Jinja globals that are not HA-specific. */
export const BUILTIN_GLOBALS: Record<string, unknown> = {
  range: new PyFunction('range', (a) => {
    const nums = a.map((x) => number(x));
    const [start, stop, step] =
      nums.length === 1 ? [0, nums[0] ?? 0, 1] : [nums[0] ?? 0, nums[1] ?? 0, nums[2] ?? 1];
    if (step === 0) throw new TemplateError('ValueError', 'range() arg 3 must not be zero');
    const out: number[] = [];
    for (let i = start; step > 0 ? i < stop : i > stop; i += step) {
      out.push(i);
      if (out.length > 100_000)
        throw new TemplateError(
          'OverflowError',
          'Range too big. The sandbox blocks ranges larger than MAX_RANGE (100000).',
        );
    }
    return out;
  }),
  dict: new PyFunction('dict', (a, kw) => ({ ...(isDict(a[0]) ? a[0] : {}), ...kw })),
  namespace: new PyFunction('namespace', (a, kw) => new Namespace({ ...(isDict(a[0]) ? a[0] : {}), ...kw })),
};
