import { Type } from '@sinclair/typebox';
import { READ_ONLY, defineTool, jsonResult } from '@mcp-gateway/connector-kit';
import type { WaveBackend } from '../backend.js';
import { customerRow } from '../compact.js';
import { LIST_CUSTOMERS } from '../documents.js';
import { DEFAULT_PAGE_SIZE, fetchAllPages, pageSummary, pagingProperties } from '../paging.js';
import { businessIdProperty, stringEnum } from '../schema.js';
import type { WaveConnection, WaveCustomer } from '../types.js';

/** A name search reads at most this many customers (Wave has no server-side name filter). */
const SEARCH_LIMIT = 2_000;

const SORTS = [
  'NAME_ASC',
  'NAME_DESC',
  'CREATED_AT_DESC',
  'CREATED_AT_ASC',
  'MODIFIED_AT_DESC',
  'MODIFIED_AT_ASC',
] as const;

const Input = Type.Object(
  {
    ...businessIdProperty(),
    search: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 100,
        description:
          'Words that must all appear in the name, contact name or email, ignoring case, e.g. "acme".',
      }),
    ),
    email: Type.Optional(
      Type.String({
        format: 'email',
        maxLength: 254,
        description: 'Only the customer with exactly this email.',
      }),
    ),
    sort: Type.Optional(stringEnum(SORTS, 'Order (default NAME_ASC).')),
    ...pagingProperties('customers'),
  },
  { additionalProperties: false },
);

interface Customers {
  id: string;
  currency: { code: string };
  customers: WaveConnection<WaveCustomer>;
}

export const listCustomers = defineTool<WaveBackend, typeof Input>({
  name: 'wave_list_customers',
  title: 'Wave: list customers',
  description: [
    'Lists the customers of a Wave business with what they owe: outstanding and overdue amounts appear only when not zero, as {"amount": "1250.00", "currency": "USD"}.',
    'Use it to find a customer_id for wave_create_invoice or wave_list_invoices, or to see who owes money.',
    'search matches words in the name, contact name and email; email matches one address exactly.',
    'Each row: id, name, contact, email, phone, address, currency, outstanding, overdue. Paged: page, total_pages, total_count, next_page.',
    'Example: {"search": "acme"} or {"sort": "CREATED_AT_DESC", "page_size": 20}.',
  ].join(' '),
  input: Input,
  annotations: READ_ONLY,
  async run(args, { backend, signal }) {
    const sort = [args.sort ?? 'NAME_ASC'];
    const fetch = (page: number, pageSize: number) =>
      backend.businessQuery<Customers>(
        LIST_CUSTOMERS,
        args.business_id,
        { page, pageSize, sort, ...(args.email ? { email: args.email } : {}) },
        signal,
      );
    if (args.search === undefined) {
      const { business } = await fetch(args.page ?? 1, args.page_size ?? DEFAULT_PAGE_SIZE);
      const rows = business.customers.edges.map((e) => customerRow(e.node, business.currency.code));
      return jsonResult({ ...pageSummary(business.customers.pageInfo), customers: rows });
    }
    let currency = 'USD';
    const scanned = await fetchAllPages(async (page, pageSize) => {
      const { business } = await fetch(page, pageSize);
      currency = business.currency.code;
      return business.customers;
    }, SEARCH_LIMIT);
    const words = args.search.toLowerCase().split(/\s+/).filter(Boolean);
    const matches = scanned.items.filter((c) => {
      const haystack = [c.name, c.firstName, c.lastName, c.email].filter(Boolean).join(' ').toLowerCase();
      return words.every((w) => haystack.includes(w));
    });
    const pageSize = args.page_size ?? DEFAULT_PAGE_SIZE;
    const page = args.page ?? 1;
    const totalPages = Math.max(1, Math.ceil(matches.length / pageSize));
    const rows = matches.slice((page - 1) * pageSize, page * pageSize).map((c) => customerRow(c, currency));
    return jsonResult({
      ...pageSummary({ currentPage: page, totalPages, totalCount: matches.length }),
      ...(scanned.complete
        ? {}
        : { note: `Searched the first ${scanned.items.length} of ${scanned.totalCount} customers.` }),
      customers: rows,
      ...(matches.length === 0 ? { hint: 'No customer matched; try fewer or shorter words.' } : {}),
    });
  },
});
