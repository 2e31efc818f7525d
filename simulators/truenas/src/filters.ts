import { MatchNotFound, ValidationErrors } from './errors.js';

/**
 * `query-filters` / `query-options` exactly as `middlewared/utils/filter_list.py` (release/25.10.0) applies
 * them: dotted paths with `\.` escapes, array indices and `*` wildcards, every operator with its `C`
 * (case-insensitive) form, `OR` branches, `.$date` comparisons, then select → count → order → get →
 * offset/limit, in that order (so `order_by` sees selected rows, as on a real system).
 */

export type Entry = Record<string, unknown>;
export type Filter = readonly unknown[];

export interface QueryOptions {
  readonly extra?: Record<string, unknown>;
  readonly order_by?: readonly string[];
  readonly select?: readonly (string | readonly string[])[];
  readonly count?: boolean;
  readonly get?: boolean;
  readonly offset?: number;
  readonly limit?: number;
  readonly force_sql_filters?: boolean;
}

const MAX_DEPTH = 3;
const TIMESTAMP = '.$date';
const UNDEFINED = Symbol('undefined');
interface Got {
  result: unknown;
  key?: string;
  done: boolean;
}

/** Python's `TypeError` for comparisons across types: the middleware sends it as EINVAL. */
class PyTypeError extends Error {
  override name = 'TypeError';
}

function pyType(value: unknown): string {
  if (value === null || value === undefined) return 'NoneType';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'string') return 'str';
  return Array.isArray(value) ? 'list' : 'dict';
}

function partition(path: string): [string, string] {
  let prefix = '';
  let rest = path;
  for (;;) {
    const dot = rest.indexOf('.');
    if (dot < 0) return [prefix + rest, ''];
    const left = rest.slice(0, dot);
    const right = rest.slice(dot + 1);
    if (!left.endsWith('\\')) return [prefix + left, right];
    prefix += `${left.slice(0, -1)}.`;
    rest = right;
  }
}

function getImpl(obj: unknown, path: string): Got {
  let right = path;
  let cur: unknown = obj;
  while (right) {
    const [left, rest] = partition(right);
    right = rest;
    if (Array.isArray(cur)) {
      if (!/^\d+$/.test(left)) {
        if (left === '*') return { result: cur, key: right, done: false };
        throw new Error(`${left}: must be array index or wildcard character`);
      }
      const index = Number(left);
      cur = index < cur.length ? (cur[index] as unknown) : null;
    } else if (cur !== null && typeof cur === 'object') {
      cur = left in cur ? (cur as Entry)[left] : UNDEFINED;
    }
    // Like the Python, a scalar in the middle of a path is left as it is.
  }
  return { result: cur, done: true };
}

/** `get()`: the value at a dotted path, null when missing. */
export function getPath(obj: unknown, path: string): unknown {
  const got = getImpl(obj, path).result;
  return got === UNDEFINED ? null : got;
}

function compare(op: string, x: unknown, y: unknown): number {
  const comparable =
    (typeof x === 'number' && typeof y === 'number') ||
    (typeof x === 'string' && typeof y === 'string') ||
    (typeof x === 'boolean' && typeof y === 'boolean');
  if (!comparable) {
    throw new PyTypeError(`'${op}' not supported between instances of '${pyType(x)}' and '${pyType(y)}'`);
  }
  return (x as number | string) < (y as number | string) ? -1 : x === y ? 0 : 1;
}

function equal(x: unknown, y: unknown): boolean {
  return JSON.stringify(x) === JSON.stringify(y);
}

function contains(container: unknown, item: unknown): boolean {
  if (typeof container === 'string' && typeof item === 'string') return container.includes(item);
  if (Array.isArray(container)) return container.some((c) => equal(c, item));
  if (container !== null && typeof container === 'object' && typeof item === 'string')
    return item in container;
  throw new PyTypeError(`argument of type '${pyType(container)}' is not iterable`);
}

function str(x: unknown, op: string): string {
  if (typeof x !== 'string') throw new PyTypeError(`'${op}' requires a string, not '${pyType(x)}'`);
  return x;
}

const OPS: Readonly<Record<string, (x: unknown, y: unknown) => boolean>> = {
  '=': equal,
  '!=': (x, y) => !equal(x, y),
  '>': (x, y) => compare('>', x, y) > 0,
  '>=': (x, y) => compare('>=', x, y) >= 0,
  '<': (x, y) => compare('<', x, y) < 0,
  '<=': (x, y) => compare('<=', x, y) <= 0,
  '~': (x, y) => new RegExp(`^(?:${str(y, '~')})`).test(typeof x === 'string' ? x : ''),
  in: (x, y) => contains(y, x),
  nin: (x, y) => x !== null && !contains(y, x),
  rin: (x, y) => x !== null && contains(x, y),
  rnin: (x, y) => x !== null && !contains(x, y),
  '^': (x, y) => x !== null && str(x, '^').startsWith(str(y, '^')),
  '!^': (x, y) => x !== null && !str(x, '!^').startsWith(str(y, '!^')),
  $: (x, y) => x !== null && str(x, '$').endsWith(str(y, '$')),
  '!$': (x, y) => x !== null && !str(x, '!$').endsWith(str(y, '!$')),
};

function casefold(value: unknown): unknown {
  if (typeof value === 'string') return value.toLowerCase();
  if (Array.isArray(value))
    return (value as unknown[]).map((v) => (typeof v === 'string' ? v.toLowerCase() : v));
  return value;
}

function invalid(message: string): ValidationErrors {
  return ValidationErrors.one('filters', `Value error, ${message}`);
}

/** `validate_filters`: the shape checks pydantic runs before the method is called. */
export function validateFilters(filters: unknown, depth = 0): asserts filters is Filter[] {
  if (!Array.isArray(filters)) throw ValidationErrors.one('filters', 'Input should be a valid list');
  if (depth > MAX_DEPTH) throw invalid('query-filters max recursion depth exceeded');
  for (const f of filters as unknown[]) {
    if (!Array.isArray(f)) throw invalid(`Invalid filter ${JSON.stringify(f)}`);
    if (f.length === 2) {
      const [op, branches] = f as [unknown, unknown];
      if (op !== 'OR') throw invalid(`Invalid operation: ${String(op)}`);
      if (!Array.isArray(branches) || branches.length === 0)
        throw invalid('OR filter requires at least one branch.');
      for (const branch of branches as unknown[]) {
        if (!Array.isArray(branch)) throw invalid(`Invalid filter ${JSON.stringify(branch)}`);
        validateFilters(Array.isArray(branch[0]) ? branch : [branch], depth + 1);
      }
      continue;
    }
    if (f.length !== 3) throw invalid(`Invalid filter ${JSON.stringify(f)}`);
    const [name, rawOp, value] = f as [unknown, unknown, unknown];
    let op = String(rawOp);
    if (op.startsWith('C')) {
      op = op.slice(1);
      if (op === '~') throw invalid(`Invalid case-insensitive operation: ${String(rawOp)}`);
    }
    if (!(op in OPS)) throw invalid(`Invalid operation: ${String(rawOp)}`);
    if (typeof name === 'string' && name.endsWith(TIMESTAMP)) {
      if (!['=', '!=', '>', '>=', '<', '<='].includes(op))
        throw invalid(`${op}: invalid timestamp operation.`);
      if (typeof value !== 'string' || Number.isNaN(Date.parse(value)))
        throw invalid(`${String(value)}: must be an ISO-8601 formatted timestamp string`);
    }
  }
}

function filterOp(item: unknown, name: string, op: string, value: unknown): boolean {
  const got = getImpl(item, name);
  if (got.result === UNDEFINED) return false;
  if (!got.done) {
    return (got.result as unknown[]).some((entry) => filterOp(entry, got.key ?? '', op, value));
  }
  let source = got.result;
  let target = value;
  let fn = OPS[op];
  if (op.startsWith('C')) {
    fn = OPS[op.slice(1)];
    source = casefold(source);
    target = casefold(target);
  }
  return fn?.(source, target) ?? false;
}

function evalFilter(item: unknown, f: Filter): boolean {
  if (f.length === 2) {
    return (f[1] as Filter[]).some((branch) =>
      Array.isArray(branch[0])
        ? (branch as Filter[]).every((g) => evalFilter(item, g))
        : evalFilter(item, branch),
    );
  }
  const [name, op, value] = f as [string, string, unknown];
  // `.$date` filters compare the EJSON milliseconds with the parsed ISO timestamp.
  const operand = name.endsWith(TIMESTAMP) && typeof value === 'string' ? Date.parse(value) : value;
  return filterOp(item, name, op, operand);
}

function selectOne(entry: Entry, select: QueryOptions['select'] = []): Entry {
  const out: Entry = {};
  for (const s of select) {
    const [target, newName] = typeof s === 'string' ? [s, undefined] : [s[0] ?? '', s[1]];
    const keys: string[] = [];
    let cur: unknown = entry;
    let right = target;
    let found = true;
    while (right) {
      const [left, rest] = partition(right);
      right = rest;
      if (Array.isArray(cur)) throw new Error('Selecting by list index is not supported');
      if (cur !== null && typeof cur === 'object' && left in cur) cur = (cur as Entry)[left];
      else if (cur !== null && typeof cur === 'object') found = false;
      keys.push(left);
    }
    if (!found) continue;
    if (newName !== undefined) {
      out[newName] = cur;
      continue;
    }
    const last = keys.pop() ?? target;
    let obj = out;
    for (const k of keys) obj = (obj[k] ??= {}) as Entry;
    obj[last] = cur;
  }
  return out;
}

function sortBy(rows: Entry[], key: string, reverse: boolean): Entry[] {
  const sorted = [...rows].sort((a, b) => compare('<', getPath(a, key), getPath(b, key)));
  return reverse ? sorted.reverse() : sorted;
}

function order(rows: Entry[], orderBy: readonly string[]): Entry[] {
  let out = rows;
  for (const o of orderBy) {
    const nullsFirst = o.startsWith('nulls_first:');
    const nullsLast = o.startsWith('nulls_last:');
    let key = nullsFirst || nullsLast ? o.slice(o.indexOf(':') + 1) : o;
    const reverse = key.startsWith('-');
    if (reverse) key = key.slice(1);
    if (!nullsFirst && !nullsLast) {
      out = sortBy(out, key, reverse);
      continue;
    }
    const nulls = out.filter((r) => r[key] === null || r[key] === undefined);
    const rest = sortBy(
      out.filter((r) => r[key] !== null && r[key] !== undefined),
      key,
      reverse,
    );
    out = nullsFirst ? [...nulls, ...rest] : [...rest, ...nulls];
  }
  return out;
}

/** `filter_list(rows, filters, options)`: a list, one entry (`get`), or a number (`count`). */
export function filterList(
  rows: readonly Entry[],
  filters: unknown = [],
  options: QueryOptions = {},
): unknown {
  const list = filters ?? [];
  validateFilters(list);
  if (options.get && (options.limit ?? 0) > 1)
    throw new Error('Invalid options combination. `get` implies a single result.');
  if (options.get && options.offset)
    throw new Error('Invalid options combination. `get` implies a single result.');
  let rv = rows.filter((row) => list.every((f) => evalFilter(row, f)));
  if (options.select && options.select.length > 0) rv = rv.map((row) => selectOne(row, options.select));
  if (options.count === true) return rv.length;
  rv = order(rv, options.order_by ?? []);
  if (options.get === true) {
    const first = rv[0];
    if (first === undefined) throw new MatchNotFound();
    return first;
  }
  if (options.offset) rv = rv.slice(options.offset);
  if (options.limit) rv = rv.slice(0, options.limit);
  return rv;
}
