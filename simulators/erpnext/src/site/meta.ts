/** DocType metadata, shaped like the `DocType` and `DocField` documents Frappe serves. */
export type FieldType =
  | 'Data'
  | 'Link'
  | 'Dynamic Link'
  | 'Select'
  | 'Int'
  | 'Float'
  | 'Currency'
  | 'Percent'
  | 'Check'
  | 'Date'
  | 'Datetime'
  | 'Small Text'
  | 'Text'
  | 'Text Editor'
  | 'Long Text'
  | 'Read Only'
  | 'Table'
  | 'Section Break'
  | 'Column Break'
  | 'Tab Break';

export interface DocField {
  readonly fieldname: string;
  readonly label: string;
  readonly fieldtype: FieldType;
  /** Link target, Select options (one per line), or the child DocType of a Table. */
  readonly options?: string;
  readonly reqd?: 1;
  readonly read_only?: 1;
  readonly hidden?: 1;
  readonly unique?: 1;
  readonly in_list_view?: 1;
  readonly in_standard_filter?: 1;
  readonly allow_on_submit?: 1;
  readonly default?: string;
  readonly description?: string;
}

export interface DocTypeMeta {
  readonly name: string;
  readonly module: string;
  /** `naming_series:`, `field:<fieldname>`, `hash`, `prompt`, or `Warehouse` (name + company abbr). */
  readonly autoname: string;
  readonly fields: readonly DocField[];
  readonly istable?: 1;
  readonly issingle?: 1;
  readonly is_submittable?: 1;
  readonly title_field?: string;
  readonly search_fields?: string;
  readonly sort_field?: string;
  readonly sort_order?: 'ASC' | 'DESC';
  readonly description?: string;
  /** The API user has no role on it: every call answers 403 PermissionError. */
  readonly noAccess?: boolean;
  /** The API user may read but not create, change or delete (System DocTypes in the simulator). */
  readonly readOnly?: boolean;
}

/** Columns every document row has (`frappe.model.default_fields`). */
export const DEFAULT_FIELDS = [
  'doctype',
  'name',
  'owner',
  'creation',
  'modified',
  'modified_by',
  'docstatus',
  'idx',
] as const;

/** Columns only child rows have (`frappe.model.child_table_fields`). */
export const CHILD_TABLE_FIELDS = ['parent', 'parentfield', 'parenttype'] as const;

/** Columns Frappe keeps for every document although no DocField declares them. */
export const OPTIONAL_FIELDS = ['_user_tags', '_comments', '_assign', '_liked_by', '_seen'] as const;

/** Field types that hold no value (`frappe.model.no_value_fields`, minus Table). */
const NO_VALUE_TYPES: ReadonlySet<FieldType> = new Set(['Section Break', 'Column Break', 'Tab Break']);

export function valueFields(meta: DocTypeMeta): DocField[] {
  return meta.fields.filter((f) => !NO_VALUE_TYPES.has(f.fieldtype) && f.fieldtype !== 'Table');
}

export function tableFields(meta: DocTypeMeta): DocField[] {
  return meta.fields.filter((f) => f.fieldtype === 'Table');
}

export function fieldOf(meta: DocTypeMeta, fieldname: string): DocField | undefined {
  return meta.fields.find((f) => f.fieldname === fieldname);
}

export function isNumericType(type: FieldType | undefined): boolean {
  return type === 'Int' || type === 'Float' || type === 'Currency' || type === 'Percent' || type === 'Check';
}

/** Whether `name` is a column of the DocType's table (declared, standard or optional). */
export function isColumn(meta: DocTypeMeta, name: string): boolean {
  if ((DEFAULT_FIELDS as readonly string[]).includes(name)) return true;
  if ((OPTIONAL_FIELDS as readonly string[]).includes(name)) return true;
  if (meta.istable && (CHILD_TABLE_FIELDS as readonly string[]).includes(name)) return true;
  return valueFields(meta).some((f) => f.fieldname === name);
}

/** The type of a column, standard ones included, for comparisons and null fallbacks. */
export function columnType(meta: DocTypeMeta, name: string): FieldType | undefined {
  if (name === 'docstatus' || name === 'idx') return 'Int';
  if (name === 'creation' || name === 'modified') return 'Datetime';
  return fieldOf(meta, name)?.fieldtype;
}

export function selectOptions(field: DocField): string[] {
  return (field.options ?? '').split('\n');
}
