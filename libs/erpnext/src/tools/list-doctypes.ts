import { Type } from '@sinclair/typebox';
import { READ_ONLY, defineTool, jsonResult } from '@mcp-gateway/connector-kit';
import type { ErpnextBackend } from '../backend.js';
import { limit, offset } from '../schema.js';
import { explained } from './hints.js';

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 500;

const Input = Type.Object(
  {
    search: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 100,
        description: 'Part of the name, ignoring case, e.g. "invoice" or "stock".',
      }),
    ),
    module: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 100,
        description: 'Only this module, e.g. "Accounts", "Selling", "Stock", "Buying", "HR".',
      }),
    ),
    include_child_tables: Type.Optional(
      Type.Boolean({
        default: false,
        description:
          'Also list child-table DocTypes (e.g. "Sales Invoice Item"); they are read through their parent. Default false.',
      }),
    ),
    limit: Type.Optional(limit('DocTypes', DEFAULT_LIMIT, MAX_LIMIT)),
    offset: Type.Optional(offset('DocTypes')),
  },
  { additionalProperties: false },
);

interface DocTypeRow {
  name: string;
  module?: string;
  istable?: number;
  issingle?: number;
  is_submittable?: number;
  custom?: number;
}

export const listDoctypes = defineTool<ErpnextBackend, typeof Input>({
  name: 'erpnext_list_doctypes',
  title: 'ERPNext: list DocTypes',
  description: [
    'Lists the DocTypes (record types) of this ERPNext site, sorted by name, with their module and whether they are submittable (drafts that get submitted and cancelled, like invoices), single (one settings record) or custom.',
    'Use it to find the exact DocType name before listing or describing, e.g. "Sales Invoice", "Payment Entry", "Stock Entry". Paged with next_offset.',
    'Example: {"search": "invoice"} or {"module": "Accounts"}.',
  ].join(' '),
  input: Input,
  annotations: READ_ONLY,
  async run(args, { backend, signal }) {
    const size = args.limit ?? DEFAULT_LIMIT;
    const start = args.offset ?? 0;
    const filters: unknown[][] = [];
    if (!args.include_child_tables) filters.push(['istable', '=', 0]);
    if (args.search) filters.push(['name', 'like', `%${args.search}%`]);
    if (args.module) filters.push(['module', '=', args.module]);
    const rows = (await explained(
      backend.client.list(
        'DocType',
        {
          fields: ['name', 'module', 'istable', 'issingle', 'is_submittable', 'custom'],
          filters,
          order_by: 'name asc',
          limit_start: start,
          limit_page_length: size + 1,
        },
        signal,
      ),
      { 403: 'Reading the DocType list needs the System Manager role; ask for the DocType name instead.' },
    )) as unknown as DocTypeRow[];
    const doctypes = rows.slice(0, size).map((r) => ({
      name: r.name,
      ...(r.module ? { module: r.module } : {}),
      ...(r.is_submittable ? { submittable: true } : {}),
      ...(r.istable ? { child_table: true } : {}),
      ...(r.issingle ? { single: true } : {}),
      ...(r.custom ? { custom: true } : {}),
    }));
    const result: Record<string, unknown> = { count: doctypes.length, offset: start };
    if (rows.length > size) result['next_offset'] = start + size;
    result['doctypes'] = doctypes;
    return jsonResult(result);
  },
});
