import { Type } from '@sinclair/typebox';
import { WRITE, defineTool, jsonResult } from '@mcp-gateway/connector-kit';
import type { WaveBackend } from '../backend.js';
import { invoiceDetail, todayUtc } from '../compact.js';
import { CREATE_INVOICE } from '../documents.js';
import {
  businessIdProperty,
  currencyCode,
  decimalString,
  isoDate,
  stringEnum,
  text,
  waveId,
} from '../schema.js';
import type { MutationPayload, WaveInvoiceDetail } from '../types.js';

const Item = Type.Object(
  {
    product_id: waveId(
      'Product or service (wave_list_products; create it with wave_create_product if missing).',
    ),
    quantity: Type.Optional(decimalString('Quantity as a decimal string, e.g. "2" or "1.5". Default "1".')),
    unit_price: Type.Optional(decimalString('Price per unit, e.g. "150.00". Default: the product\'s price.')),
    description: Type.Optional(text("Line description. Default: the product's description.", 1000)),
    sales_tax_ids: Type.Optional(
      Type.Array(waveId('Sales tax id.'), {
        maxItems: 5,
        uniqueItems: true,
        description:
          "Sales taxes on this line (e.g. the product's default_sales_taxes ids); Wave computes the amounts. Default: none.",
      }),
    ),
  },
  { additionalProperties: false },
);

const Input = Type.Object(
  {
    ...businessIdProperty(),
    customer_id: waveId('Customer to bill (wave_list_customers, or create one with wave_create_customer).'),
    items: Type.Array(Item, {
      minItems: 1,
      maxItems: 100,
      description: 'Invoice lines; each must reference a product.',
    }),
    invoice_date: Type.Optional(isoDate('Invoice date, YYYY-MM-DD. Default: today.')),
    due_date: Type.Optional(
      isoDate("Payment due date, YYYY-MM-DD (on or after invoice_date). Default: Wave's (the invoice date)."),
    ),
    status: Type.Optional(
      stringEnum(
        ['DRAFT', 'SAVED'] as const,
        'DRAFT (default) to review first, or SAVED to create it approved, ready to send.',
      ),
    ),
    currency: Type.Optional(currencyCode('Invoice currency, e.g. "EUR". Default: the customer\'s currency.')),
    title: Type.Optional(text('Title printed on the invoice. Default "Invoice".')),
    invoice_number: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 50,
        description: "Invoice number. Default: Wave's next number.",
      }),
    ),
    po_number: Type.Optional(text('Purchase order or reference number.', 100)),
    memo: Type.Optional(text('Notes / terms printed on the invoice.', 5000)),
    footer: Type.Optional(text('Footer printed on the invoice.', 5000)),
  },
  { additionalProperties: false },
);

type Payload = MutationPayload & { invoice: WaveInvoiceDetail | null };

export const createInvoice = defineTool<WaveBackend, typeof Input>({
  name: 'wave_create_invoice',
  title: 'Wave: create an invoice',
  description: [
    'Creates an invoice for a customer in a Wave business. Every line needs a product_id (wave_list_products); quantity and unit_price are decimal strings.',
    'It is created as a DRAFT unless status is SAVED; a draft must be approved (wave_approve_invoice) before it can be sent (wave_send_invoice).',
    'Returns the invoice with its number, lines, totals and amount due as {"amount", "currency"}.',
    'Example: {"customer_id": "Q3VzdG9tZXI6…", "items": [{"product_id": "UHJvZHVjdDo…", "quantity": "2", "unit_price": "150.00"}], "due_date": "2026-09-30", "memo": "Thank you!"}.',
  ].join(' '),
  input: Input,
  annotations: WRITE,
  async run(args, { backend, signal }) {
    const businessId = await backend.resolveBusinessId(args.business_id, signal);
    const input: Record<string, unknown> = {
      businessId,
      customerId: args.customer_id,
      status: args.status ?? 'DRAFT',
      items: args.items.map((item) => ({
        productId: item.product_id,
        ...(item.quantity !== undefined ? { quantity: item.quantity } : {}),
        ...(item.unit_price !== undefined ? { unitPrice: item.unit_price } : {}),
        ...(item.description !== undefined ? { description: item.description } : {}),
        ...(item.sales_tax_ids ? { taxes: item.sales_tax_ids.map((salesTaxId) => ({ salesTaxId })) } : {}),
      })),
    };
    const optional = {
      invoiceDate: args.invoice_date,
      dueDate: args.due_date,
      currency: args.currency,
      title: args.title,
      invoiceNumber: args.invoice_number,
      poNumber: args.po_number,
      memo: args.memo,
      footer: args.footer,
    };
    for (const [key, value] of Object.entries(optional)) if (value !== undefined) input[key] = value;
    const payload = await backend.mutate<Payload>(
      CREATE_INVOICE,
      'invoiceCreate',
      input,
      'create the invoice',
      { signal },
    );
    const invoice = payload.invoice;
    return jsonResult({
      created: true,
      business_id: businessId,
      invoice: invoice ? invoiceDetail(invoice, todayUtc()) : null,
      next_step:
        invoice?.status === 'DRAFT'
          ? 'Review it, then approve it with wave_approve_invoice before sending it with wave_send_invoice.'
          : 'Send it with wave_send_invoice.',
    });
  },
});
