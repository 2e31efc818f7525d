import { Type } from '@sinclair/typebox';
import { READ_ONLY, ToolError, defineTool, jsonResult } from '@mcp-gateway/connector-kit';
import type { WaveBackend } from '../backend.js';
import { invoiceDetail, todayUtc } from '../compact.js';
import { GET_INVOICE } from '../documents.js';
import { WaveGraphQLError } from '../errors.js';
import { businessIdProperty, waveId } from '../schema.js';
import type { WaveInvoiceDetail } from '../types.js';

const Input = Type.Object(
  {
    ...businessIdProperty(),
    invoice_id: waveId('The invoice id (from wave_list_invoices).'),
  },
  { additionalProperties: false },
);

export const getInvoice = defineTool<WaveBackend, typeof Input>({
  name: 'wave_get_invoice',
  title: 'Wave: get an invoice',
  description: [
    'Reads one Wave invoice with its line items (product, quantity, unit price, taxes), totals, amount due, dates, memo and links.',
    'Money is {"amount": "150.00", "currency": "USD"}.',
    'Example: {"invoice_id": "SW52b2ljZTo…"}.',
  ].join(' '),
  input: Input,
  annotations: READ_ONLY,
  async run(args, { backend, signal }) {
    try {
      const { business } = await backend.businessQuery<{ invoice: WaveInvoiceDetail | null }>(
        GET_INVOICE,
        args.business_id,
        { id: args.invoice_id },
        signal,
      );
      if (!business.invoice) throw notFound(args.invoice_id);
      return jsonResult(invoiceDetail(business.invoice, todayUtc()));
    } catch (error) {
      if (error instanceof WaveGraphQLError && error.all('NOT_FOUND')) throw notFound(args.invoice_id);
      throw error;
    }
  },
});

function notFound(id: string): ToolError {
  return new ToolError(
    `No invoice ${id} in this business. Find invoices with wave_list_invoices (and check business_id).`,
  );
}
