import type { Doc } from './frappe-client.js';

/** Bookkeeping Frappe keeps on every document: tags, comments, likes, views. Noise to a model. */
const NOISE = new Set([
  '_user_tags',
  '_comments',
  '_assign',
  '_liked_by',
  '_seen',
  'doctype',
  'idx',
  'modified_by',
]);
/** What child rows repeat from their parent or only matter to the database. */
const ROW_BOOKKEEPING = new Set([
  'name',
  'owner',
  'creation',
  'modified',
  'modified_by',
  'docstatus',
  'idx',
  'parent',
  'parentfield',
  'parenttype',
  'doctype',
  ...NOISE,
]);

export const MAX_CHILD_ROWS = 100;
export const DOCSTATUS_LABELS = ['Draft', 'Submitted', 'Cancelled'] as const;

export interface CompactOptions {
  /** Keep everything ERPNext sent (bookkeeping included). */
  readonly raw?: boolean;
  /** Only these top-level fields (plus `name`). */
  readonly fields?: readonly string[];
  /** Child tables as full rows (default) or only their row counts. */
  readonly tables?: 'rows' | 'counts';
}

/**
 * A document as a model wants it: no nulls, no bookkeeping, child rows without the columns that repeat
 * the parent, and at most {@link MAX_CHILD_ROWS} rows per table (the rest counted in `truncated_tables`).
 */
export function compactDocument(doc: Doc, options: CompactOptions = {}): Doc {
  if (options.raw) return doc;
  const wanted = options.fields ? new Set(['name', ...options.fields]) : undefined;
  const out: Doc = {};
  const truncated: Record<string, { shown: number; total: number }> = {};
  for (const [key, value] of Object.entries(doc)) {
    if (value === null || value === undefined || NOISE.has(key)) continue;
    if (wanted && !wanted.has(key)) continue;
    if (Array.isArray(value) && value.every((v) => v !== null && typeof v === 'object')) {
      if (options.tables === 'counts') {
        out[`${key}_rows`] = value.length;
        continue;
      }
      const rows = (value as Doc[]).slice(0, MAX_CHILD_ROWS).map((row) => compactRow(row, ROW_BOOKKEEPING));
      if (value.length > MAX_CHILD_ROWS) truncated[key] = { shown: MAX_CHILD_ROWS, total: value.length };
      out[key] = rows;
      continue;
    }
    out[key] = value;
  }
  if (Object.keys(truncated).length > 0) out['truncated_tables'] = truncated;
  return out;
}

/** A list or report row without nulls (and without `drop`ped columns). */
export function compactRow(row: Doc, drop: ReadonlySet<string> = new Set()): Doc {
  const out: Doc = {};
  for (const [key, value] of Object.entries(row)) {
    if (value === null || value === undefined || value === '' || drop.has(key)) continue;
    out[key] = value;
  }
  return out;
}

/** Keys the caller sent with a value that the saved document does not have: Frappe drops unknown fields silently. */
export function ignoredFields(sent: Doc, saved: Doc): string[] {
  return Object.entries(sent)
    .filter(
      ([key, value]) =>
        value !== null && value !== '' && !(key in saved) && key !== 'doctype' && key !== 'name',
    )
    .map(([key]) => key);
}
