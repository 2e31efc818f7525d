/** A DocField as `getdoctype` sends it (only the keys the connector reads). */
export interface FieldMeta {
  readonly fieldname: string;
  readonly label?: string;
  readonly fieldtype: string;
  readonly options?: string;
  readonly reqd?: number;
  readonly read_only?: number;
  readonly hidden?: number;
  readonly in_list_view?: number;
  readonly in_standard_filter?: number;
  readonly allow_on_submit?: number;
  readonly default?: string;
  readonly description?: string;
}

export interface DocTypeMeta {
  readonly name: string;
  readonly module?: string;
  readonly istable: boolean;
  readonly issingle: boolean;
  readonly is_submittable: boolean;
  readonly autoname?: string;
  readonly title_field?: string;
  readonly fields: readonly FieldMeta[];
  /** Child DocTypes of the Table fields, by child DocType name. */
  readonly children: ReadonlyMap<string, DocTypeMeta>;
}

/** `frappe.model.no_value_fields` minus the tables: layout and display fields that hold no data. */
const LAYOUT_TYPES = new Set([
  'Section Break',
  'Column Break',
  'Tab Break',
  'HTML',
  'Button',
  'Image',
  'Fold',
  'Heading',
]);
const TABLE_TYPES = new Set(['Table', 'Table MultiSelect']);

export const isLayout = (f: FieldMeta) => LAYOUT_TYPES.has(f.fieldtype);
export const isTable = (f: FieldMeta) => TABLE_TYPES.has(f.fieldtype);

const flag = (v: unknown) => v === 1 || v === true || v === '1';
const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);

function parseOne(doc: Record<string, unknown>, children: ReadonlyMap<string, DocTypeMeta>): DocTypeMeta {
  const rows = Array.isArray(doc['fields']) ? (doc['fields'] as Record<string, unknown>[]) : [];
  const fields = rows
    .filter((r) => typeof r['fieldname'] === 'string' && typeof r['fieldtype'] === 'string')
    .map((r): FieldMeta => {
      const out: Record<string, unknown> = { fieldname: r['fieldname'], fieldtype: r['fieldtype'] };
      for (const key of ['label', 'options', 'default', 'description'] as const)
        if (text(r[key])) out[key] = r[key];
      for (const key of [
        'reqd',
        'read_only',
        'hidden',
        'in_list_view',
        'in_standard_filter',
        'allow_on_submit',
      ] as const)
        if (flag(r[key])) out[key] = 1;
      return out as unknown as FieldMeta;
    });
  return {
    name: String(doc['name']),
    ...(text(doc['module']) ? { module: String(doc['module']) } : {}),
    istable: flag(doc['istable']),
    issingle: flag(doc['issingle']),
    is_submittable: flag(doc['is_submittable']),
    ...(text(doc['autoname']) ? { autoname: String(doc['autoname']) } : {}),
    ...(text(doc['title_field']) ? { title_field: String(doc['title_field']) } : {}),
    fields,
    children,
  };
}

/** Builds the meta of `doctype` from `getdoctype`'s `docs` (the DocType first, then its child tables). */
export function parseDocTypeBundle(docs: unknown, doctype: string): DocTypeMeta | undefined {
  if (!Array.isArray(docs)) return undefined;
  const objects = docs.filter((d): d is Record<string, unknown> => d !== null && typeof d === 'object');
  const main = objects.find((d) => d['name'] === doctype) ?? objects[0];
  if (!main) return undefined;
  const children = new Map<string, DocTypeMeta>();
  for (const d of objects) if (d !== main) children.set(String(d['name']), parseOne(d, new Map()));
  return parseOne(main, children);
}

/**
 * The columns a list shows when the model does not choose: name, the title field, the list-view fields,
 * and status/docstatus where the DocType has them (what ERPNext's own list view shows).
 */
export function defaultListFields(meta: DocTypeMeta, max = 8): string[] {
  const out = ['name'];
  const add = (f: string | undefined) => {
    if (f && !out.includes(f) && meta.fields.some((x) => x.fieldname === f && !isLayout(x) && !isTable(x)))
      out.push(f);
  };
  add(meta.title_field);
  for (const f of meta.fields) if (f.in_list_view && out.length < max) add(f.fieldname);
  add('status');
  if (meta.is_submittable) out.push('docstatus');
  return out;
}
