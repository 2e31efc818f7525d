import { FrappeException, dataError } from '../site/errors.js';
import {
  DEFAULT_FIELDS,
  OPTIONAL_FIELDS,
  columnType,
  isColumn,
  isNumericType,
  valueFields,
  type DocTypeMeta,
} from '../site/meta.js';
import type { Doc } from '../site/store.js';
import { compare, matches, parseFilters, stripTable } from './filters.js';
import { cint, jsonArg, sbool } from './parse.js';
import { text } from '../site/values.js';

/** The arguments of `frappe.client.get_list` (and `GET /api/resource/<DocType>`). */
export interface ListArgs {
  readonly fields?: unknown;
  readonly filters?: unknown;
  readonly or_filters?: unknown;
  readonly order_by?: unknown;
  readonly group_by?: unknown;
  readonly limit_start?: unknown;
  readonly limit_page_length?: unknown;
  readonly limit?: unknown;
  readonly as_dict?: unknown;
}

type Aggregate = 'count' | 'sum' | 'avg' | 'min' | 'max';

/** One selected column: a plain column, or an aggregate over one. */
interface Selected {
  readonly key: string;
  readonly column: string;
  readonly aggregate?: Aggregate;
}

const FUNCTION = /^(count|sum|avg|min|max)\s*\(\s*(distinct\s+)?([^)]*?)\s*\)$/i;

function parseField(expression: string, meta: DocTypeMeta): Selected {
  const text = expression.trim();
  const aliased = /^(.*?)\s+as\s+`?([A-Za-z0-9_ ]+?)`?$/i.exec(text);
  const body = (aliased?.[1] ?? text).trim();
  const fn = FUNCTION.exec(body);
  if (fn) {
    const column = stripTable(fn[3] ?? '');
    if (column !== '*' && !isColumn(meta, column)) throw dataError(column);
    return { key: aliased?.[2] ?? body, column, aggregate: (fn[1] ?? 'count').toLowerCase() as Aggregate };
  }
  if (/[(),;#]|\/\*/.test(body))
    throw new FrappeException(
      'DataError',
      417,
      [{ message: 'Use of sub-query or function is restricted', title: 'Message', indicator: 'red' }],
      'Use of sub-query or function is restricted',
    );
  const column = stripTable(body);
  if (!isColumn(meta, column)) throw dataError(column);
  return { key: aliased?.[2] ?? column, column };
}

function selectedFields(raw: unknown, meta: DocTypeMeta): Selected[] {
  const value = jsonArg(raw);
  const list = Array.isArray(value)
    ? value.map(String)
    : typeof value === 'string'
      ? value.split(',')
      : ['name'];
  return list.flatMap((f) =>
    f.trim() === '*'
      ? [...DEFAULT_FIELDS, ...valueFields(meta).map((v) => v.fieldname), ...OPTIONAL_FIELDS]
          .filter((c) => c !== 'doctype')
          .map((column) => ({ key: column, column }))
      : [parseField(f, meta)],
  );
}

function parseOrderBy(raw: unknown, meta: DocTypeMeta, aliases: readonly string[]) {
  const text =
    typeof raw === 'string' && raw.trim() !== ''
      ? raw
      : `${meta.sort_field ?? 'modified'} ${meta.sort_order ?? 'DESC'}`;
  return text.split(',').map((part) => {
    const [field = '', direction = 'asc'] = part.trim().split(/\s+/);
    const column = stripTable(field);
    if (!aliases.includes(column) && !isColumn(meta, column)) throw dataError(column);
    return { column, descending: direction.toLowerCase() === 'desc' };
  });
}

function aggregate(rows: readonly Doc[], s: Selected, meta: DocTypeMeta): unknown {
  if (s.aggregate === 'count')
    return s.column === '*' ? rows.length : rows.filter((r) => r[s.column] != null).length;
  const values = rows.map((r) => r[s.column]).filter((v) => v !== null && v !== undefined);
  if (values.length === 0) return null;
  if (s.aggregate === 'min' || s.aggregate === 'max') {
    const numeric = isNumericType(columnType(meta, s.column));
    const sorted = [...values].sort((a, b) => compare(a, b, numeric));
    return s.aggregate === 'min' ? sorted[0] : sorted[sorted.length - 1];
  }
  const sum = values.reduce<number>((acc, v) => acc + (typeof v === 'number' ? v : Number(v) || 0), 0);
  return s.aggregate === 'sum' ? Math.round(sum * 1e6) / 1e6 : sum / values.length;
}

/**
 * `frappe.client.get_list` over the stored documents: filters and or_filters, selected columns (`*`,
 * aliases, aggregates with group_by), ordering (`modified desc` by default), and `limit_start` +
 * `limit_page_length` (20 by default, 0 for everything). Rows carry nulls, unlike documents.
 */
export function runList(
  meta: DocTypeMeta,
  docs: readonly Doc[],
  args: ListArgs,
  childMeta: (doctype: string) => DocTypeMeta | undefined,
): unknown[] {
  const filters = parseFilters(args.filters, meta, childMeta);
  const orFilters = parseFilters(args.or_filters, meta, childMeta);
  const selected = selectedFields(args.fields, meta);
  let rows = docs.filter(
    (d) => matches(d, filters, meta, childMeta) && matches(d, orFilters, meta, childMeta, 'any'),
  );
  const order = parseOrderBy(
    args.order_by,
    meta,
    selected.map((s) => s.key),
  );
  const groupBy =
    typeof args.group_by === 'string' && args.group_by.trim() !== '' ? stripTable(args.group_by) : undefined;
  if (groupBy !== undefined && !isColumn(meta, groupBy)) throw dataError(groupBy);

  let out: Doc[];
  if (groupBy !== undefined || selected.some((s) => s.aggregate)) {
    const groups = new Map<string, Doc[]>();
    for (const row of rows) {
      const key = groupBy === undefined ? '' : text(row[groupBy]).toLowerCase();
      groups.set(key, [...(groups.get(key) ?? []), row]);
    }
    if (groupBy === undefined && groups.size === 0) groups.set('', []);
    out = [...groups.values()].map((group) => project(group[0] ?? {}, selected, group, meta));
  } else {
    rows = [...rows];
    out = rows.map((row) => project(row, selected, [row], meta));
  }
  out.sort((a, b) => {
    for (const o of order) {
      const numeric = isNumericType(columnType(meta, o.column)) || typeof a[o.column] === 'number';
      const c = compare(a[o.column] ?? '', b[o.column] ?? '', numeric);
      if (c !== 0) return o.descending ? -c : c;
    }
    return 0;
  });
  const start = cint(args.limit_start);
  const length = cint(args.limit_page_length ?? args.limit, 20);
  const page = length > 0 ? out.slice(start, start + length) : out.slice(start);
  const visible = page.map((row) => {
    const shown: Doc = {};
    for (const s of selected) shown[s.key] = row[s.key] ?? null;
    return shown;
  });
  return sbool(args.as_dict, true) ? visible : visible.map((row) => Object.values(row));
}

/** A row with the selected keys, plus the order-by columns it may need (dropped before sending). */
function project(row: Doc, selected: readonly Selected[], group: readonly Doc[], meta: DocTypeMeta): Doc {
  const out: Doc = { ...row };
  for (const s of selected) out[s.key] = s.aggregate ? aggregate(group, s, meta) : (row[s.column] ?? null);
  return out;
}

/** `frappe.client.get_count`. */
export function runCount(
  meta: DocTypeMeta,
  docs: readonly Doc[],
  filters: unknown,
  childMeta: (doctype: string) => DocTypeMeta | undefined,
): number {
  const conditions = parseFilters(filters, meta, childMeta);
  return docs.filter((d) => matches(d, conditions, meta, childMeta)).length;
}
