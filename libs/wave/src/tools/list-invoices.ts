import { Type } from '@sinclair/typebox';
import { READ_ONLY, defineTool, jsonResult } from '@mcp-gateway/connector-kit';
import type { WaveBackend } from '../backend.js';
import { invoiceRow, todayUtc } from '../compact.js';
import { LIST_INVOICES } from '../documents.js';
import { amountOf, sumByCurrency } from '../money.js';
import { DEFAULT_PAGE_SIZE, pageSummary, pagingProperties } from '../paging.js';
import { businessIdProperty, currencyCode, isoDate, stringEnum, waveId } from '../schema.js';
import type { WaveConnection, WaveInvoiceSummary } from '../types.js';

/** Wave's InvoiceStatus (backends.md §4.4). UNPAID covers every approved invoice with money due. */
export const INVOICE_STATUSES = [
  'DRAFT',
  'SAVED',
  'SENT',
  'VIEWED',
  'PARTIAL',
  'OVERDUE',
  'UNPAID',
  'PAID',
  'OVERPAID',
] as const;

const SORTS = [
  'INVOICE_DATE_DESC',
  'INVOICE_DATE_ASC',
  'DUE_DATE_ASC',
  'DUE_DATE_DESC',
  'AMOUNT_DUE_DESC',
  'AMOUNT_DUE_ASC',
  'INVOICE_NUMBER_DESC',
  'INVOICE_NUMBER_ASC',
  'CUSTOMER_NAME_ASC',
  'CUSTOMER_NAME_DESC',
  'CREATED_AT_DESC',
  'MODIFIED_AT_DESC',
] as const;

const Input = Type.Object(
  {
    ...businessIdProperty(),
    status: Type.Optional(
      stringEnum(
        INVOICE_STATUSES,
        'OVERDUE: past the due date and not fully paid. UNPAID: every approved invoice with money due. DRAFT: not approved yet. SAVED: approved, not sent. SENT/VIEWED: sent (and opened). PARTIAL: partly paid. PAID/OVERPAID.',
      ),
    ),
    customer_id: Type.Optional(waveId("Only this customer's invoices (see wave_list_customers).")),
    from_date: Type.Optional(isoDate('Invoice date on or after, YYYY-MM-DD.')),
    to_date: Type.Optional(isoDate('Invoice date on or before, YYYY-MM-DD.')),
    invoice_number: Type.Optional(
      Type.String({ minLength: 1, maxLength: 50, description: 'Exactly this invoice number, e.g. "1004".' }),
    ),
    currency: Type.Optional(currencyCode('Only invoices in this currency, e.g. "EUR".')),
    sort: Type.Optional(
      stringEnum(
        SORTS,
        'Order. Default INVOICE_DATE_DESC; with status OVERDUE the default is DUE_DATE_ASC (oldest debt first).',
      ),
    ),
    ...pagingProperties('invoices'),
  },
  { additionalProperties: false },
);

interface Invoices {
  id: string;
  invoices: WaveConnection<WaveInvoiceSummary>;
}

export const listInvoices = defineTool<WaveBackend, typeof Input>({
  name: 'wave_list_invoices',
  title: 'Wave: list invoices',
  description: [
    'Lists the invoices of a Wave business, newest first, with status, customer, dates and money as {"amount": "150.00", "currency": "USD"}.',
    'To find overdue invoices use status OVERDUE (sorted by due date, with days_overdue); UNPAID gives everything still owed.',
    'Filter by customer_id, invoice date range (from_date/to_date), invoice_number or currency.',
    'Each row: id, number, status, customer, invoice_date, due_date, days_overdue, total, amount_due, amount_paid, last_sent_at, view_url; amount_due_on_page sums amount_due per currency on this page.',
    'Paged: page, total_pages, total_count, next_page. Line items: wave_get_invoice.',
    'Example: {"status": "OVERDUE"} or {"customer_id": "Q3VzdG9tZXI6…", "from_date": "2026-01-01", "to_date": "2026-03-31"}.',
  ].join(' '),
  input: Input,
  annotations: READ_ONLY,
  async run(args, { backend, signal }) {
    const sort = args.sort ?? (args.status === 'OVERDUE' ? 'DUE_DATE_ASC' : 'INVOICE_DATE_DESC');
    const variables: Record<string, unknown> = {
      page: args.page ?? 1,
      pageSize: args.page_size ?? DEFAULT_PAGE_SIZE,
      sort: [sort],
    };
    if (args.status !== undefined) variables['status'] = args.status;
    if (args.customer_id !== undefined) variables['customerId'] = args.customer_id;
    if (args.from_date !== undefined) variables['invoiceDateStart'] = args.from_date;
    if (args.to_date !== undefined) variables['invoiceDateEnd'] = args.to_date;
    if (args.invoice_number !== undefined) variables['invoiceNumber'] = args.invoice_number;
    if (args.currency !== undefined) variables['currency'] = args.currency;
    const { businessId, business } = await backend.businessQuery<Invoices>(
      LIST_INVOICES,
      args.business_id,
      variables,
      signal,
    );
    const today = todayUtc();
    const nodes = business.invoices.edges.map((e) => e.node);
    return jsonResult({
      business_id: businessId,
      ...pageSummary(business.invoices.pageInfo),
      amount_due_on_page: sumByCurrency(
        nodes.map((i) => (i.status === 'DRAFT' ? undefined : amountOf(i.amountDue, i.currency.code))),
      ),
      invoices: nodes.map((i) => invoiceRow(i, today)),
      ...(nodes.length === 0 ? { hint: 'No invoice matched; drop a filter or check business_id.' } : {}),
    });
  },
});
