import { dataError, validationError } from '../site/errors.js';
import { columnType, isColumn, isNumericType, type DocTypeMeta, type FieldType } from '../site/meta.js';
import type { Doc } from '../site/store.js';
import { jsonArg } from './parse.js';
import { text } from '../site/values.js';

/** One condition: `[doctype, fieldname, operator, value]` after `frappe.model.db_query` normalises it. */
export interface Condition {
  readonly doctype: string;
  readonly fieldname: string;
  readonly operator: string;
  readonly value: unknown;
}

/** `frappe.model.db_query`'s valid operators; the last group parses but the simulator does not evaluate it. */
const OPERATORS = ['=', '!=', '>', '<', '>=', '<=', 'like', 'not like', 'in', 'not in', 'is', 'between'];
const UNSIMULATED = [
  'timespan',
  'previous',
  'next',
  'descendants of',
  'ancestors of',
  'not descendants of',
  'not ancestors of',
  'descendants of (inclusive)',
];

/**
 * Accepts every shape Frappe does: `{"status": "Open"}`, `{"grand_total": [">", 100]}`,
 * `[["status", "=", "Open"]]` and `[["Sales Invoice Item", "item_code", "=", "X"]]`.
 */
export function parseFilters(
  raw: unknown,
  meta: DocTypeMeta,
  childMeta: (doctype: string) => DocTypeMeta | undefined,
): Condition[] {
  const value = jsonArg(raw);
  if (value === undefined || value === null || value === '') return [];
  const tuples: unknown[][] = [];
  if (Array.isArray(value)) {
    for (const entry of value) {
      if (!Array.isArray(entry) || entry.length < 3 || entry.length > 4)
        throw validationError(
          `Filter must have 4 values (doctype, fieldname, operator, value): ${JSON.stringify(entry)}`,
        );
      const parts = entry as unknown[];
      tuples.push(parts.length === 3 ? [meta.name, ...parts] : parts);
    }
  } else if (typeof value === 'object') {
    for (const [fieldname, v] of Object.entries(value as Record<string, unknown>)) {
      tuples.push(Array.isArray(v) ? [meta.name, fieldname, v[0], v[1]] : [meta.name, fieldname, '=', v]);
    }
  } else {
    throw validationError(`Filters must be a list or a dict, got ${JSON.stringify(value)}`);
  }
  return tuples.map(([doctype, fieldname, operator, v]) => {
    const op = text(operator).toLowerCase().trim();
    if (UNSIMULATED.includes(op))
      throw validationError(`The ERPNext simulator does not evaluate the "${op}" operator.`);
    if (!OPERATORS.includes(op))
      throw validationError(`Operator must be one of ${[...OPERATORS, ...UNSIMULATED].join(', ')}`);
    const dt = text(doctype ?? meta.name);
    const target = dt === meta.name ? meta : childMeta(dt);
    const name = stripTable(text(fieldname));
    if (!target || !isColumn(target, name)) throw dataError(text(fieldname));
    return { doctype: dt, fieldname: name, operator: op, value: v };
  });
}

/** `` `tabSales Invoice`.`name` `` and `tabSales Invoice.name` name the column `name`. */
export function stripTable(fieldname: string): string {
  const m = /^`?tab[^`.]+`?\.`?([^`]+)`?$/.exec(fieldname.trim());
  return (m?.[1] ?? fieldname).replace(/`/g, '').trim();
}

/** Whether a document matches every condition (`filters`) or any (`or_filters`). */
export function matches(
  doc: Doc,
  conditions: readonly Condition[],
  meta: DocTypeMeta,
  childMeta: (doctype: string) => DocTypeMeta | undefined,
  mode: 'all' | 'any' = 'all',
): boolean {
  const test = (c: Condition) => {
    if (c.doctype === meta.name) return evaluate(doc[c.fieldname], c, columnType(meta, c.fieldname));
    const child = childMeta(c.doctype);
    if (!child) return false;
    // A child-table condition joins the child table: the parent matches when one of its rows does.
    return Object.values(doc).some(
      (rows) =>
        Array.isArray(rows) &&
        (rows as Doc[]).some(
          (row) =>
            row['doctype'] === c.doctype && evaluate(row[c.fieldname], c, columnType(child, c.fieldname)),
        ),
    );
  };
  return mode === 'all' ? conditions.every(test) : conditions.length === 0 || conditions.some(test);
}

function evaluate(raw: unknown, c: Condition, type: FieldType | undefined): boolean {
  const numeric = isNumericType(type);
  // Frappe wraps columns in ifnull(col, fallback): '' for text, 0 for numbers.
  const actual = raw ?? (numeric ? 0 : '');
  switch (c.operator) {
    case '=':
      return compare(actual, c.value, numeric) === 0;
    case '!=':
      return compare(actual, c.value, numeric) !== 0;
    case '>':
      return compare(actual, c.value, numeric) > 0;
    case '<':
      return compare(actual, c.value, numeric) < 0;
    case '>=':
      return compare(actual, c.value, numeric) >= 0;
    case '<=':
      return compare(actual, c.value, numeric) <= 0;
    case 'like':
      return like(actual, c.value);
    case 'not like':
      return !like(actual, c.value);
    case 'in':
      return listOf(c.value).some((v) => compare(actual, v, numeric) === 0);
    case 'not in':
      return !listOf(c.value).some((v) => compare(actual, v, numeric) === 0);
    case 'is':
      return text(c.value).toLowerCase() === 'set' ? actual !== '' : actual === '';
    case 'between': {
      const [from, to] = listOf(c.value);
      const upper =
        type === 'Datetime' && typeof to === 'string' && to.length === 10 ? `${to} 23:59:59.999999` : to;
      return compare(actual, from, numeric) >= 0 && compare(actual, upper, numeric) <= 0;
    }
    default:
      return false;
  }
}

/** MariaDB's default collation compares text ignoring case. */
export function compare(a: unknown, b: unknown, numeric: boolean): number {
  if (numeric) return toNumber(a) - toNumber(b);
  const x = text(a).toLowerCase();
  const y = text(b).toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

function toNumber(v: unknown): number {
  const n = typeof v === 'number' ? v : Number.parseFloat(text(v));
  return Number.isFinite(n) ? n : 0;
}

/** `in` takes a list or a comma-separated string. */
function listOf(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (typeof value === 'string') return value.split(',').map((s) => s.trim());
  return [value];
}

/** SQL LIKE: `%` any run, `_` one character, case-insensitive. */
function like(actual: unknown, pattern: unknown): boolean {
  const source = text(pattern)
    .split('')
    .map((c) => (c === '%' ? '.*' : c === '_' ? '.' : c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, 'is').test(text(actual));
}
