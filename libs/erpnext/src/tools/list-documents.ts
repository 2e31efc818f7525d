import { Type } from '@sinclair/typebox';
import { READ_ONLY, defineTool, jsonResult } from '@mcp-gateway/connector-kit';
import type { ErpnextBackend } from '../backend.js';
import { compactRow } from '../compact.js';
import { defaultListFields } from '../doctype-meta.js';
import { checkFilters } from '../filters.js';
import { FrappeRequestError } from '../frappe-errors.js';
import { LIST_HINTS, explained } from './hints.js';
import { doctypeName, fieldList, filters, limit, offset, orderBy } from '../schema.js';

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 500;

const Input = Type.Object(
  {
    doctype: doctypeName(
      'The DocType to list, e.g. "Sales Invoice", "Customer", "Item" (see erpnext_list_doctypes).',
    ),
    fields: Type.Optional(
      fieldList(
        'Columns to return, e.g. ["name", "customer", "grand_total"]; aggregates need an alias: "count(name) as n", "sum(outstanding_amount) as due". Default: name, the title field, the list-view fields, status.',
      ),
    ),
    filters: Type.Optional(
      filters(
        'All must match. [["status", "=", "Overdue"], ["grand_total", ">", 1000]] or {"customer": "Acme Corporation"}. Operators: = != > < >= <= like "not like" in "not in" is between timespan. like uses % wildcards ("%acme%"); in takes a list; is takes "set"/"not set"; between takes [from, to]; dates are "YYYY-MM-DD". A child-table condition names the child DocType first: ["Sales Invoice Item", "item_code", "=", "WIDGET-STD"].',
      ),
    ),
    or_filters: Type.Optional(filters('At least one must match (same shapes as filters).')),
    order_by: Type.Optional(
      orderBy(
        'e.g. "posting_date desc" or "grand_total desc, name asc". Default: most recently modified first.',
      ),
    ),
    group_by: Type.Optional(
      Type.String({
        pattern: '^[A-Za-z_][A-Za-z0-9_]*$',
        maxLength: 140,
        description: 'Group rows by this field; use with aggregate fields.',
      }),
    ),
    limit: Type.Optional(limit('documents', DEFAULT_LIMIT, MAX_LIMIT)),
    offset: Type.Optional(offset('documents')),
    with_total: Type.Optional(
      Type.Boolean({
        default: false,
        description:
          'Also count every match (one more request; not with group_by or or_filters). Default false.',
      }),
    ),
  },
  { additionalProperties: false },
);

export const listDocuments = defineTool<ErpnextBackend, typeof Input>({
  name: 'erpnext_list_documents',
  title: 'ERPNext: list documents',
  description: [
    'Lists documents of any ERPNext DocType (Sales Invoice, Customer, Item, Sales Order, Purchase Invoice, Payment Entry, ToDo, …) with filters, sorting and paging; also aggregates (counts and sums per group).',
    'Use it to find documents and their names before reading or changing one, or to answer "which invoices are overdue", "total outstanding per customer".',
    'Returns documents (nulls left out), offset and next_offset when more match; with_total adds total.',
    'Field names come from erpnext_describe_doctype. For one full document with its item rows use erpnext_get_document.',
    'Example: {"doctype": "Sales Invoice", "fields": ["name", "customer", "due_date", "outstanding_amount"], "filters": [["status", "=", "Overdue"]], "order_by": "due_date asc"}.',
    'Aggregate example: {"doctype": "Sales Invoice", "fields": ["customer", "sum(outstanding_amount) as due"], "filters": {"docstatus": 1}, "group_by": "customer", "order_by": "due desc"}.',
  ].join(' '),
  input: Input,
  annotations: READ_ONLY,
  async run(args, { backend, signal }) {
    const size = args.limit ?? DEFAULT_LIMIT;
    const start = args.offset ?? 0;
    const fields = args.fields ?? (await explained(listFields(backend, args.doctype), LIST_HINTS));
    const query = {
      fields,
      filters: checkFilters(args.filters, 'filters'),
      or_filters: checkFilters(args.or_filters, 'or_filters'),
      order_by: args.order_by,
      group_by: args.group_by,
      limit_start: start,
      // One row more than asked: whether there is a next page without counting everything.
      limit_page_length: size + 1,
    };
    const [rows, total] = await explained(
      Promise.all([
        backend.client.list(args.doctype, query, signal),
        args.with_total && !args.group_by && !args.or_filters
          ? backend.client
              .call(
                'frappe.client.get_count',
                { doctype: args.doctype, filters: query.filters ?? [] },
                { signal },
              )
              .then((b) => Number(b['message']))
          : Promise.resolve(undefined),
      ]),
      LIST_HINTS,
    );
    const documents = rows.slice(0, size).map((row) => compactRow(row));
    const result: Record<string, unknown> = { doctype: args.doctype, count: documents.length, offset: start };
    if (rows.length > size) result['next_offset'] = start + size;
    if (total !== undefined) result['total'] = total;
    result['documents'] = documents;
    return jsonResult(result, 'ask for fewer fields or a smaller limit, and page with offset');
  },
});

/** The list-view columns from the DocType's metadata; just `name` when the API user may not read it. */
async function listFields(backend: ErpnextBackend, doctype: string): Promise<string[]> {
  try {
    return defaultListFields(await backend.meta(doctype));
  } catch (error) {
    if (error instanceof FrappeRequestError && error.status === 403) return ['name'];
    throw error;
  }
}
