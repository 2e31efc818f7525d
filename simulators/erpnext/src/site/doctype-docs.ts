import { ordered } from './document.js';
import { CORE_DOCTYPES } from './doctypes/core.js';
import type { DocTypeMeta } from './meta.js';
import type { Doc } from './store.js';

const INSTALLED = '2024-01-15 09:30:00.000000';
const DOCFIELD_META = CORE_DOCTYPES.find((m) => m.name === 'DocField');
const DOCTYPE_META = CORE_DOCTYPES.find((m) => m.name === 'DocType');
const FLAGS = [
  'reqd',
  'read_only',
  'hidden',
  'unique',
  'in_list_view',
  'in_standard_filter',
  'allow_on_submit',
] as const;

/** The `DocType` document Frappe stores for a DocType, with its `DocField` rows. */
export function docTypeDocument(meta: DocTypeMeta): Doc {
  if (!DOCFIELD_META || !DOCTYPE_META) throw new Error('core DocTypes missing');
  const fields = meta.fields.map((f, i) => {
    const row: Doc = {
      name: `${meta.name.toLowerCase().replace(/ /g, '_')}-${f.fieldname}`,
      owner: 'Administrator',
      creation: INSTALLED,
      modified: INSTALLED,
      modified_by: 'Administrator',
      docstatus: 0,
      idx: i + 1,
      parent: meta.name,
      parentfield: 'fields',
      parenttype: 'DocType',
      fieldname: f.fieldname,
      label: f.label,
      fieldtype: f.fieldtype,
      options: f.options ?? null,
      default: f.default ?? null,
      description: f.description ?? null,
    };
    for (const flag of FLAGS) row[flag] = f[flag] ?? 0;
    return ordered(DOCFIELD_META, row);
  });
  return ordered(DOCTYPE_META, {
    name: meta.name,
    owner: 'Administrator',
    creation: INSTALLED,
    modified: INSTALLED,
    modified_by: 'Administrator',
    docstatus: 0,
    idx: 0,
    module: meta.module,
    istable: meta.istable ?? 0,
    issingle: meta.issingle ?? 0,
    is_submittable: meta.is_submittable ?? 0,
    custom: 0,
    autoname: meta.autoname,
    title_field: meta.title_field ?? null,
    search_fields: meta.search_fields ?? null,
    sort_field: meta.sort_field ?? 'modified',
    sort_order: meta.sort_order ?? 'DESC',
    description: meta.description ?? null,
    fields,
  });
}
