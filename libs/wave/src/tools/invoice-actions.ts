import { Type } from '@sinclair/typebox';
import { WRITE, WRITE_IDEMPOTENT, defineTool, jsonResult } from '@mcp-gateway/connector-kit';
import type { WaveBackend } from '../backend.js';
import { APPROVE_INVOICE, GET_INVOICE, SEND_INVOICE } from '../documents.js';
import { WaveInputError } from '../errors.js';
import { businessIdProperty, text, waveId } from '../schema.js';
import type { MutationPayload, WaveInvoiceDetail } from '../types.js';

type Approved = MutationPayload & {
  invoice: { id: string; status: string; invoiceNumber: string; viewUrl: string; pdfUrl: string } | null;
};
type Sent = MutationPayload & {
  invoice: {
    id: string;
    status: string;
    invoiceNumber: string;
    lastSentAt: string | null;
    lastSentVia: string | null;
    viewUrl: string;
  } | null;
};

const ApproveInput = Type.Object(
  { invoice_id: waveId('The draft invoice to approve (wave_list_invoices {"status": "DRAFT"}).') },
  { additionalProperties: false },
);

export const approveInvoice = defineTool<WaveBackend, typeof ApproveInput>({
  name: 'wave_approve_invoice',
  title: 'Wave: approve an invoice',
  description: [
    'Approves a draft Wave invoice (DRAFT → SAVED): it gets booked in the accounts and can then be sent with wave_send_invoice.',
    'Approving an invoice that is already approved changes nothing.',
    'Returns id, number, status, view_url and pdf_url.',
    'Example: {"invoice_id": "SW52b2ljZTo…"}.',
  ].join(' '),
  input: ApproveInput,
  annotations: WRITE_IDEMPOTENT,
  async run(args, { backend, signal }) {
    const payload = await backend.mutate<Approved>(
      APPROVE_INVOICE,
      'invoiceApprove',
      { invoiceId: args.invoice_id },
      'approve the invoice',
      { signal, idempotent: true },
    );
    const i = payload.invoice;
    return jsonResult({
      approved: true,
      invoice: i
        ? { id: i.id, number: i.invoiceNumber, status: i.status, view_url: i.viewUrl, pdf_url: i.pdfUrl }
        : null,
      next_step: 'Send it with wave_send_invoice.',
    });
  },
});

const SendInput = Type.Object(
  {
    ...businessIdProperty(),
    invoice_id: waveId('The approved invoice to send.'),
    to: Type.Optional(
      Type.Array(Type.String({ format: 'email', maxLength: 254 }), {
        minItems: 1,
        maxItems: 10,
        uniqueItems: true,
        description: "Recipient emails. Default: the customer's email.",
      }),
    ),
    subject: Type.Optional(text("Email subject. Default: Wave's.", 255)),
    message: Type.Optional(text('Message in the email body.', 5000)),
    attach_pdf: Type.Optional(Type.Boolean({ default: false, description: 'Attach the invoice as a PDF.' })),
    cc_myself: Type.Optional(
      Type.Boolean({ default: false, description: 'Send a copy to the business owner.' }),
    ),
  },
  { additionalProperties: false },
);

export const sendInvoice = defineTool<WaveBackend, typeof SendInput>({
  name: 'wave_send_invoice',
  title: 'Wave: email an invoice',
  description: [
    'Emails an approved Wave invoice to the customer (or the given addresses) with a link to view and pay it. This sends a real email and cannot be undone: confirm with the user first.',
    'Drafts must be approved first with wave_approve_invoice. Sending again sends another email.',
    'Returns the invoice status, last_sent_at and the recipients.',
    'Example: {"invoice_id": "SW52b2ljZTo…", "message": "Thanks for your business!"} or {"invoice_id": "…", "to": ["ap@acme.test"], "attach_pdf": true}.',
  ].join(' '),
  input: SendInput,
  annotations: WRITE,
  async run(args, { backend, signal }) {
    let to = args.to;
    if (to === undefined) {
      const { business } = await backend.businessQuery<{ invoice: WaveInvoiceDetail | null }>(
        GET_INVOICE,
        args.business_id,
        { id: args.invoice_id },
        signal,
      );
      const email = business.invoice?.customer?.email;
      if (!email) {
        throw new WaveInputError(
          [],
          'The customer of this invoice has no email address: pass "to" with the recipient\'s email.',
        );
      }
      to = [email];
    }
    const input: Record<string, unknown> = {
      invoiceId: args.invoice_id,
      to,
      attachPDF: args.attach_pdf ?? false,
      ccMyself: args.cc_myself ?? false,
    };
    if (args.subject !== undefined) input['subject'] = args.subject;
    if (args.message !== undefined) input['message'] = args.message;
    let payload: Sent;
    try {
      payload = await backend.mutate<Sent>(SEND_INVOICE, 'invoiceSend', input, 'send the invoice', {
        signal,
      });
    } catch (error) {
      if (error instanceof WaveInputError && /approv/i.test(error.message)) {
        throw new WaveInputError(
          error.inputErrors,
          `${error.message} Approve it first with wave_approve_invoice.`,
        );
      }
      throw error;
    }
    const i = payload.invoice;
    return jsonResult({
      sent: true,
      to,
      invoice: i
        ? {
            id: i.id,
            number: i.invoiceNumber,
            status: i.status,
            last_sent_at: i.lastSentAt,
            view_url: i.viewUrl,
          }
        : null,
    });
  },
});
