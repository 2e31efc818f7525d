import { Type } from '@sinclair/typebox';
import { READ_ONLY, defineTool, jsonResult } from '@mcp-gateway/connector-kit';
import type { ErpnextBackend } from '../backend.js';
import { defaultListFields, isLayout, isTable, type DocTypeMeta, type FieldMeta } from '../doctype-meta.js';
import { doctypeName } from '../schema.js';
import { plainText } from '../text.js';
import { LIST_HINTS, explained } from './hints.js';

const Input = Type.Object(
  {
    doctype: doctypeName('The DocType, e.g. "Sales Invoice".'),
    include_hidden: Type.Optional(
      Type.Boolean({
        default: false,
        description: 'Also list hidden fields (mostly internal). Default false.',
      }),
    ),
  },
  { additionalProperties: false },
);

function describeField(f: FieldMeta): Record<string, unknown> {
  const out: Record<string, unknown> = {
    fieldname: f.fieldname,
    label: f.label ?? f.fieldname,
    type: f.fieldtype,
  };
  if (f.fieldtype === 'Link' && f.options) out['link'] = f.options;
  else if (f.fieldtype === 'Select' && f.options)
    out['options'] = f.options.split('\n').filter((o) => o !== '');
  else if (f.options && f.fieldtype === 'Dynamic Link') out['link_type_field'] = f.options;
  if (f.reqd) out['required'] = true;
  if (f.read_only) out['read_only'] = true;
  if (f.allow_on_submit) out['allow_on_submit'] = true;
  if (f.default !== undefined) out['default'] = f.default;
  if (f.description) out['description'] = plainText(f.description).slice(0, 200);
  return out;
}

function describeFields(meta: DocTypeMeta, includeHidden: boolean) {
  return meta.fields
    .filter((f) => !isLayout(f) && !isTable(f) && (includeHidden || !f.hidden))
    .map(describeField);
}

export const describeDoctype = defineTool<ErpnextBackend, typeof Input>({
  name: 'erpnext_describe_doctype',
  title: 'ERPNext: describe a DocType',
  description: [
    "Describes a DocType's schema so documents can be read, filtered and written correctly: each field's fieldname, label, type, link target (Link), allowed values (Select), required, read-only and default; child tables with their own fields; whether it is submittable; its title field and the list-view columns.",
    'Every DocType also has the standard fields name, owner, creation, modified and docstatus (0 draft, 1 submitted, 2 cancelled).',
    'Example: {"doctype": "Sales Invoice"}.',
  ].join(' '),
  input: Input,
  annotations: READ_ONLY,
  async run(args, { backend }) {
    const meta = await explained(backend.meta(args.doctype), LIST_HINTS);
    const includeHidden = args.include_hidden ?? false;
    const tables = meta.fields.filter(isTable).map((t) => {
      const child = meta.children.get(t.options ?? '');
      return {
        fieldname: t.fieldname,
        label: t.label ?? t.fieldname,
        doctype: t.options,
        ...(t.reqd ? { required: true } : {}),
        ...(child ? { fields: describeFields(child, includeHidden) } : {}),
      };
    });
    return jsonResult({
      doctype: meta.name,
      ...(meta.module ? { module: meta.module } : {}),
      submittable: meta.is_submittable,
      ...(meta.istable ? { child_table: true } : {}),
      ...(meta.issingle ? { single: true } : {}),
      ...(meta.autoname ? { naming: meta.autoname } : {}),
      ...(meta.title_field ? { title_field: meta.title_field } : {}),
      list_view_fields: defaultListFields(meta),
      fields: describeFields(meta, includeHidden),
      ...(tables.length > 0 ? { child_tables: tables } : {}),
    });
  },
});
