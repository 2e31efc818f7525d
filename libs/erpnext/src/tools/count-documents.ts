import { Type } from '@sinclair/typebox';
import { READ_ONLY, defineTool, jsonResult } from '@mcp-gateway/connector-kit';
import type { ErpnextBackend } from '../backend.js';
import { checkFilters } from '../filters.js';
import { doctypeName, filters } from '../schema.js';
import { LIST_HINTS, explained } from './hints.js';

const MAX_GROUPS = 200;

const Input = Type.Object(
  {
    doctype: doctypeName('The DocType to count, e.g. "Sales Invoice".'),
    filters: Type.Optional(
      filters(
        'Same shapes as in erpnext_list_documents, e.g. [["status", "=", "Overdue"]] or {"customer": "Acme Corporation"}.',
      ),
    ),
    group_by: Type.Optional(
      Type.String({
        pattern: '^[A-Za-z_][A-Za-z0-9_]*$',
        maxLength: 140,
        description: 'Count per value of this field instead, e.g. "status" or "customer" (largest first).',
      }),
    ),
  },
  { additionalProperties: false },
);

export const countDocuments = defineTool<ErpnextBackend, typeof Input>({
  name: 'erpnext_count_documents',
  title: 'ERPNext: count documents',
  description: [
    'Counts ERPNext documents matching filters, without reading them; with group_by, counts per value (e.g. invoices per status).',
    'Example: {"doctype": "Sales Invoice", "filters": [["status", "=", "Overdue"]]} or {"doctype": "Sales Invoice", "filters": {"docstatus": 1}, "group_by": "status"}.',
  ].join(' '),
  input: Input,
  annotations: READ_ONLY,
  async run(args, { backend, signal }) {
    const where = checkFilters(args.filters, 'filters') ?? [];
    if (args.group_by) {
      const rows = await explained(
        backend.client.list(
          args.doctype,
          {
            fields: [args.group_by, 'count(name) as count'],
            filters: where,
            group_by: args.group_by,
            order_by: 'count desc',
            limit_page_length: MAX_GROUPS,
          },
          signal,
        ),
        LIST_HINTS,
      );
      return jsonResult({ doctype: args.doctype, group_by: args.group_by, groups: rows });
    }
    const body = await explained(
      backend.client.call(
        'frappe.client.get_count',
        { doctype: args.doctype, filters: where },
        { signal, subject: `the ${args.doctype} count` },
      ),
      LIST_HINTS,
    );
    return jsonResult({ doctype: args.doctype, count: Number(body['message'] ?? 0) });
  },
});
