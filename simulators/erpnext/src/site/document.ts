import { dateString, parseDate, type Clock } from './clock.js';
import { validationError } from './errors.js';
import { tableFields, valueFields, type DocField, type DocTypeMeta } from './meta.js';
import { hash } from './naming.js';
import type { Doc } from './store.js';
import { text } from './values.js';

const STANDARD_ORDER = ['name', 'owner', 'creation', 'modified', 'modified_by', 'docstatus', 'idx'];
const CHILD_ORDER = ['parent', 'parentfield', 'parenttype'];

/** `cint`/`flt`/`getdate` as `Document._fix_numeric_types` and `get_valid_dict` apply them on save. */
export function coerce(field: DocField, value: unknown): unknown {
  const type = field.fieldtype;
  if (type === 'Int' || type === 'Check') return Math.trunc(toNumber(value));
  if (type === 'Float' || type === 'Currency' || type === 'Percent') return toNumber(value);
  if (value === null || value === undefined) return null;
  if (type === 'Date') {
    if (value === '') return null;
    const date = parseDate(text(value));
    if (!date) {
      throw validationError(
        `<strong>${text(value)}</strong> is not a valid date string.`,
        'ValidationError',
        'Invalid Date',
      );
    }
    return date;
  }
  return text(value);
}

function toNumber(value: unknown): number {
  if (typeof value === 'boolean') return value ? 1 : 0;
  const n = typeof value === 'number' ? value : Number.parseFloat(text(value));
  return Number.isFinite(n) ? n : 0;
}

/** The value a new document starts with: the field's default (`Today` is today), numbers 0. */
export function defaultValue(field: DocField, clock: Clock): unknown {
  if (field.default === 'Today') return dateString(clock.now());
  if (field.default !== undefined) return coerce(field, field.default);
  return coerce(field, null);
}

/**
 * Copies what the client sent onto a document: declared fields only (Frappe silently drops keys that are
 * no column), coerced by type. Table fields, when present, replace the child rows; a row that names an
 * existing row keeps its identity.
 */
export function applyValues(
  meta: DocTypeMeta,
  target: Doc,
  data: Doc,
  childMeta: (doctype: string) => DocTypeMeta,
): void {
  for (const field of valueFields(meta)) {
    if (field.fieldname in data) target[field.fieldname] = coerce(field, data[field.fieldname]);
  }
  for (const table of tableFields(meta)) {
    const rows = data[table.fieldname];
    if (rows === undefined) continue;
    const list = Array.isArray(rows) ? rows : [];
    const previous = new Map(
      (Array.isArray(target[table.fieldname]) ? (target[table.fieldname] as Doc[]) : []).map((r) => [
        text(r['name']),
        r,
      ]),
    );
    const child = childMeta(table.options ?? '');
    target[table.fieldname] = list.map((raw) => {
      const row = (raw !== null && typeof raw === 'object' ? raw : {}) as Doc;
      const kept = typeof row['name'] === 'string' ? previous.get(row['name']) : undefined;
      const out: Doc = kept ? { ...kept } : { name: hash() };
      applyValues(child, out, row, childMeta);
      return out;
    });
  }
}

/** Fills defaults for fields a new document (or a new child row) does not have yet. */
export function applyDefaults(meta: DocTypeMeta, doc: Doc, clock: Clock): void {
  for (const field of valueFields(meta)) {
    if (doc[field.fieldname] === undefined || doc[field.fieldname] === null) {
      const value = defaultValue(field, clock);
      if (value !== null) doc[field.fieldname] = value;
    }
  }
}

/** Puts the columns in Frappe's order: standard columns, child-table columns, fields in DocType order, then `doctype`. */
export function ordered(meta: DocTypeMeta, doc: Doc): Doc {
  const out: Doc = {};
  for (const key of STANDARD_ORDER) if (key in doc) out[key] = doc[key];
  if (meta.istable) for (const key of CHILD_ORDER) if (key in doc) out[key] = doc[key];
  for (const field of meta.fields) if (field.fieldname in doc) out[field.fieldname] = doc[field.fieldname];
  for (const key of Object.keys(doc)) if (!(key in out) && key !== 'doctype') out[key] = doc[key];
  out['doctype'] = meta.name;
  return out;
}

/** `Document.as_dict(no_nulls=True)`, what API v1 sends for a document: nulls are left out. */
export function asDict(doc: Doc): Doc {
  const out: Doc = {};
  for (const [key, value] of Object.entries(doc)) {
    if (value === null || value === undefined) continue;
    out[key] = Array.isArray(value) ? value.map((row) => asDict(row as Doc)) : value;
  }
  return out;
}
