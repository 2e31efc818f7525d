import { missingValues, validationError } from './errors.js';
import { selectOptions, tableFields, valueFields, type DocTypeMeta } from './meta.js';
import type { Doc, DocStore } from './store.js';
import { text } from './values.js';

type ChildMeta = (doctype: string) => DocTypeMeta;

const isBlank = (value: unknown) =>
  value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/** `Document._validate_mandatory` for the document and each child row, in Frappe's wording. */
export function validateMandatory(meta: DocTypeMeta, doc: Doc, childMeta: ChildMeta): void {
  const missing: { fieldname: string; message: string }[] = [];
  for (const field of meta.fields) {
    if (!field.reqd) continue;
    if (field.fieldtype === 'Table') {
      const rows = doc[field.fieldname];
      if (!Array.isArray(rows) || rows.length === 0)
        missing.push({ fieldname: field.fieldname, message: `Error: Data missing in table: ${field.label}` });
    } else if (field.fieldtype !== 'Section Break' && field.fieldtype !== 'Column Break') {
      if (isBlank(doc[field.fieldname]))
        missing.push({
          fieldname: field.fieldname,
          message: `Error: Value missing for ${meta.name}: ${field.label}`,
        });
    }
  }
  for (const table of tableFields(meta)) {
    const child = childMeta(table.options ?? '');
    for (const row of rowsOf(doc, table.fieldname)) {
      for (const field of valueFields(child)) {
        if (field.reqd && isBlank(row[field.fieldname]))
          missing.push({
            fieldname: field.fieldname,
            message: `Error: <strong>${child.name}</strong> Row #${text(row['idx'])}: Value missing for: ${field.label}`,
          });
      }
    }
  }
  if (missing.length > 0) throw missingValues(meta.name, text(doc['name'] ?? `new-${meta.name}`), missing);
}

/**
 * `Document._validate_links`: every Link value must name an existing document; Frappe also corrects its
 * case to the stored name. All misses are reported in one `LinkValidationError`.
 */
export function validateLinks(meta: DocTypeMeta, doc: Doc, store: DocStore, childMeta: ChildMeta): void {
  const invalid: string[] = [];
  const check = (m: DocTypeMeta, row: Doc, rowPrefix: string) => {
    for (const field of valueFields(m)) {
      if (field.fieldtype !== 'Link' || isBlank(row[field.fieldname])) continue;
      const target = store.get(field.options ?? '', text(row[field.fieldname]));
      if (target) row[field.fieldname] = target['name'];
      else invalid.push(`${rowPrefix}${field.label}: ${text(row[field.fieldname])}`);
    }
  };
  check(meta, doc, '');
  for (const table of tableFields(meta)) {
    const child = childMeta(table.options ?? '');
    for (const row of rowsOf(doc, table.fieldname)) check(child, row, `Row #${text(row['idx'])}: `);
  }
  if (invalid.length > 0)
    throw validationError(`Could not find ${invalid.join(', ')}`, 'LinkValidationError');
}

/** `Document._validate_selects`: a Select value must be one of its options. */
export function validateSelects(meta: DocTypeMeta, doc: Doc, childMeta: ChildMeta): void {
  const check = (m: DocTypeMeta, row: Doc, prefix: string) => {
    for (const field of valueFields(m)) {
      if (field.fieldtype !== 'Select' || isBlank(row[field.fieldname])) continue;
      const options = selectOptions(field);
      const value = text(row[field.fieldname]);
      if (!options.includes(value)) {
        throw validationError(
          `${prefix} ${field.label} cannot be "${value}". It should be one of "${options.filter((o) => o !== '').join('", "')}"`,
        );
      }
    }
  };
  check(meta, doc, '');
  for (const table of tableFields(meta)) {
    const child = childMeta(table.options ?? '');
    for (const row of rowsOf(doc, table.fieldname)) check(child, row, `Row #${text(row['idx'])}:`);
  }
}

export function rowsOf(doc: Doc, fieldname: string): Doc[] {
  const rows = doc[fieldname];
  return Array.isArray(rows) ? (rows as Doc[]) : [];
}

/** `_validate_update_after_submit`: only `allow_on_submit` fields may change once submitted. */
export function validateUpdateAfterSubmit(meta: DocTypeMeta, before: Doc, after: Doc): void {
  for (const field of meta.fields) {
    if (field.allow_on_submit || field.fieldtype === 'Section Break' || field.fieldtype === 'Column Break')
      continue;
    const a = JSON.stringify(stripStandard(before[field.fieldname]) ?? null);
    const b = JSON.stringify(stripStandard(after[field.fieldname]) ?? null);
    if (a !== b) {
      const old = field.fieldtype === 'Table' ? '' : text(before[field.fieldname]);
      const now = field.fieldtype === 'Table' ? '' : text(after[field.fieldname]);
      throw validationError(
        ` Not allowed to change <strong>${field.label}</strong> after submission from <strong>${old}</strong> to <strong>${now}</strong>`,
        'UpdateAfterSubmitError',
        'Cannot Update After Submit',
      );
    }
  }
}

/** Child rows compare by their values, not by the bookkeeping columns a save rewrites. */
function stripStandard(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  return (value as Doc[]).map((row) => {
    const { name: _n, owner: _o, creation: _c, modified: _m, modified_by: _b, docstatus: _d, ...rest } = row;
    return rest;
  });
}
