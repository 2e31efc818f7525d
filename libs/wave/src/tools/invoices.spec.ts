import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, type Harness } from '../spec-harness.js';

interface Amount {
  amount: string;
  currency: string;
}
interface InvoiceRow {
  id: string;
  number: string;
  status: string;
  customer: { id: string; name: string };
  invoice_date: string;
  due_date: string;
  days_overdue?: number;
  total: Amount;
  amount_due: Amount;
  amount_paid?: Amount;
}
interface InvoiceList {
  page: number;
  total_pages: number;
  total_count: number;
  next_page?: number;
  amount_due_on_page: Amount[];
  invoices: InvoiceRow[];
}
interface InvoiceDetail extends InvoiceRow {
  items: {
    product: { id: string; name: string };
    quantity: string;
    unit_price: Amount;
    subtotal: Amount;
    taxes?: { name: string; amount: Amount }[];
  }[];
  subtotal: Amount;
  tax_total: Amount;
  view_url: string;
}

describe('wave invoice tools', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  it('finds overdue invoices, oldest due date first, with days overdue and totals per currency', async () => {
    const list = await h.json<InvoiceList>('wave_list_invoices', { status: 'OVERDUE' });
    assert.equal(list.total_count, 4);
    assert.ok(list.invoices.every((i) => i.status === 'OVERDUE'));
    const due = list.invoices.map((i) => i.due_date);
    assert.deepEqual(due, [...due].sort());
    assert.equal(list.invoices[0]?.days_overdue, 30);
    assert.deepEqual(list.invoices[0]?.amount_due, { amount: '850.00', currency: 'USD' });
    assert.deepEqual(list.amount_due_on_page, [
      { amount: '800.00', currency: 'EUR' },
      { amount: '2650.00', currency: 'USD' },
    ]);
    const partial = list.invoices.find((i) => i.customer.name === 'Cedar & Pine Architects');
    assert.deepEqual(partial?.amount_paid, { amount: '1000.00', currency: 'USD' });
  });

  it('pages with page/page_size and next_page', async () => {
    const first = await h.json<InvoiceList>('wave_list_invoices', { page_size: 4 });
    assert.deepEqual([first.page, first.total_pages, first.next_page], [1, 3, 2]);
    const last = await h.json<InvoiceList>('wave_list_invoices', { page_size: 4, page: 3 });
    assert.equal(last.next_page, undefined);
    assert.equal(last.invoices.length, first.total_count - 8);
    const seen = new Set([...first.invoices, ...last.invoices].map((i) => i.id));
    assert.equal(seen.size, first.invoices.length + last.invoices.length);
  });

  it('filters by invoice date range, customer and status UNPAID', async () => {
    const all = await h.json<InvoiceList>('wave_list_invoices', { page_size: 200 });
    const dates = all.invoices.map((i) => i.invoice_date).sort();
    const from = dates[3] ?? '';
    const to = dates[6] ?? '';
    const ranged = await h.json<InvoiceList>('wave_list_invoices', { from_date: from, to_date: to });
    assert.ok(ranged.invoices.length > 0);
    assert.ok(ranged.invoices.every((i) => i.invoice_date >= from && i.invoice_date <= to));
    const acme = all.invoices.find((i) => i.customer.name === 'Acme Corporation')?.customer.id ?? '';
    const acmes = await h.json<InvoiceList>('wave_list_invoices', { customer_id: acme });
    assert.ok(acmes.invoices.length >= 2 && acmes.invoices.every((i) => i.customer.id === acme));
    const unpaid = await h.json<InvoiceList>('wave_list_invoices', { status: 'UNPAID' });
    assert.ok(unpaid.invoices.every((i) => !['DRAFT', 'PAID', 'OVERPAID'].includes(i.status)));
    assert.ok(
      unpaid.invoices.some((i) => i.status === 'OVERDUE') && unpaid.invoices.some((i) => i.status === 'SENT'),
    );
  });

  it('creates a draft invoice, approves it and sends it to the customer', async () => {
    const customers = await h.json<{ customers: { id: string; name: string; email?: string }[] }>(
      'wave_list_customers',
      { search: 'foxglove' },
    );
    const customer = customers.customers[0];
    assert.equal(customer?.name, 'Foxglove Florist');
    const products = await h.json<{
      products: { id: string; name: string; default_sales_taxes?: { id: string }[] }[];
    }>('wave_list_products', {});
    const hour = products.products.find((p) => p.name === 'Consulting hour');
    const tax = hour?.default_sales_taxes?.[0]?.id;
    assert.ok(hour && tax);
    const created = await h.json<{ invoice: InvoiceDetail; next_step: string }>('wave_create_invoice', {
      customer_id: customer.id,
      items: [{ product_id: hour.id, quantity: '3', sales_tax_ids: [tax] }],
      due_date: '2099-01-31',
      memo: 'Thank you!',
    });
    const invoice = created.invoice;
    assert.equal(invoice.status, 'DRAFT');
    assert.deepEqual(invoice.subtotal, { amount: '450.00', currency: 'USD' });
    assert.deepEqual(invoice.tax_total, { amount: '39.94', currency: 'USD' });
    assert.deepEqual(invoice.total, { amount: '489.94', currency: 'USD' });
    assert.equal(invoice.items[0]?.quantity, '3');
    assert.match(created.next_step, /wave_approve_invoice/);

    const early = await h.toolError('wave_send_invoice', { invoice_id: invoice.id });
    assert.match(early, /Approve the invoice before sending it.*wave_approve_invoice/);

    const approved = await h.json<{ invoice: { status: string } }>('wave_approve_invoice', {
      invoice_id: invoice.id,
    });
    assert.equal(approved.invoice.status, 'SAVED');
    const again = await h.json<{ invoice: { status: string } }>('wave_approve_invoice', {
      invoice_id: invoice.id,
    });
    assert.equal(again.invoice.status, 'SAVED');

    const sent = await h.json<{ to: string[]; invoice: { status: string; last_sent_at: string } }>(
      'wave_send_invoice',
      {
        invoice_id: invoice.id,
        message: 'Due end of January.',
      },
    );
    assert.deepEqual(sent.to, ['hello@foxglove.example']);
    assert.equal(sent.invoice.status, 'SENT');
    assert.equal(h.sim.books.sentEmails.at(-1)?.message, 'Due end of January.');

    const read = await h.json<InvoiceDetail>('wave_get_invoice', { invoice_id: invoice.id });
    assert.equal(read.status, 'SENT');
    assert.equal(read.items[0]?.taxes?.[0]?.name, 'ST');
  });

  it('explains rejected invoices field by field', async () => {
    const customers = await h.json<{ customers: { id: string }[] }>('wave_list_customers', {});
    const text = await h.toolError('wave_create_invoice', {
      customer_id: customers.customers[0]?.id,
      items: [{ product_id: 'UHJvZHVjdDpub3BlMDAwMDAwMDA=' }],
      invoice_date: '2026-03-10',
      due_date: '2026-03-01',
    });
    assert.match(text, /^Wave refused to create the invoice: /);
    assert.match(text, /items\[0\]\.product_id: Product not found\./);
    assert.match(text, /due_date: The due date cannot be before the invoice date\./);
  });

  it('rejects an id of another business without a field (didSucceed:false, no inputErrors)', async () => {
    const personal = [...h.sim.books.businesses.values()].find((b) => b.isPersonal);
    const customers = await h.json<{ customers: { id: string }[] }>('wave_list_customers', {});
    const product = (await h.json<{ products: { id: string }[] }>('wave_list_products', {})).products[0];
    const text = await h.toolError('wave_create_invoice', {
      business_id: personal?.id,
      customer_id: customers.customers[0]?.id,
      items: [{ product_id: product?.id }],
    });
    assert.match(text, /belongs to a different business/);
  });

  it('says when an invoice does not exist', async () => {
    const text = await h.toolError('wave_get_invoice', { invoice_id: 'SW52b2ljZTpub3BlMDAwMDAw' });
    assert.match(text, /No invoice SW52b2ljZTpub3BlMDAwMDAw in this business/);
    const approve = await h.toolError('wave_approve_invoice', { invoice_id: 'SW52b2ljZTpub3BlMDAwMDAw' });
    assert.match(approve, /invoice_id: Invoice not found\./);
  });
});
