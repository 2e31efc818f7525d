import type { WaveBooks } from './books.js';
import { waveId } from './ids.js';
import type { InvoiceDiscountRecord, InvoiceItemRecord, InvoiceRecord } from './model.js';
import { MICRO, currency, microsToMinor, minorToMicros, multiplyMicros, parseMicros } from './money.js';
import { Checks, text, type Nullable, type Outcome } from './outcome.js';

export interface InvoiceCreateInput {
  businessId: string;
  customerId: string;
  status?: Nullable<'DRAFT' | 'SAVED'>;
  currency?: Nullable<string>;
  title?: Nullable<string>;
  subhead?: Nullable<string>;
  invoiceNumber?: Nullable<string>;
  poNumber?: Nullable<string>;
  invoiceDate?: Nullable<string>;
  exchangeRate?: Nullable<string>;
  dueDate?: Nullable<string>;
  memo?: Nullable<string>;
  footer?: Nullable<string>;
  items?: Nullable<
    {
      productId: string;
      description?: Nullable<string>;
      quantity?: Nullable<string>;
      unitPrice?: Nullable<string>;
      taxes?: Nullable<{ salesTaxId: string; amount?: Nullable<string> }[]>;
    }[]
  >;
  discounts?: Nullable<
    {
      discountType: 'FIXED' | 'PERCENTAGE';
      name?: Nullable<string>;
      amount?: Nullable<string>;
      percentage?: Nullable<string>;
    }[]
  >;
  [option: string]: unknown;
}

const OPTION_FLAGS = [
  'disableAmexPayments',
  'disableCreditCardPayments',
  'disableBankPayments',
  'hideName',
  'hideDescription',
  'hideUnit',
  'hidePrice',
  'hideAmount',
  'requireTermsOfServiceAgreement',
] as const;
const OPTION_TITLES = ['itemTitle', 'unitTitle', 'priceTitle', 'amountTitle'] as const;

export function createInvoice(books: WaveBooks, input: InvoiceCreateInput): Outcome<InvoiceRecord> {
  const checks = new Checks();
  const businessId = input.businessId;
  const business = books.businesses.get(businessId);
  if (!business) checks.add(['businessId'], 'Business not found.', 'NOT_FOUND');
  const customer = checks.ref(
    books,
    books.customers,
    input.customerId,
    businessId,
    ['customerId'],
    'Customer',
  );
  const code = input.currency ?? customer?.currency ?? business?.currency ?? 'USD';
  const { exponent } = currency(code);
  const items: InvoiceItemRecord[] = [];
  (input.items ?? []).forEach((item, i) => {
    const product = checks.ref(
      books,
      books.products,
      item.productId,
      businessId,
      ['items', i, 'productId'],
      'Product',
    );
    const quantity = item.quantity ? parseMicros(item.quantity) : MICRO;
    if (quantity === undefined || quantity < 0n) {
      checks.add(['items', i, 'quantity'], 'Enter a quantity of zero or more.', 'INVALID');
    }
    const unitPrice = item.unitPrice ? parseMicros(item.unitPrice) : product?.unitPriceMicros;
    if (!product || quantity === undefined || unitPrice === undefined) return;
    const subtotalMinor = microsToMinor(multiplyMicros(quantity, unitPrice), exponent);
    const taxes: InvoiceItemRecord['taxes'] = [];
    (item.taxes ?? []).forEach((tax, t) => {
      const salesTax = checks.ref(
        books,
        books.salesTaxes,
        tax.salesTaxId,
        businessId,
        ['items', i, 'taxes', t, 'salesTaxId'],
        'Sales tax',
      );
      if (!salesTax) return;
      const amountMinor = tax.amount
        ? microsToMinor(parseMicros(tax.amount) ?? 0n, exponent)
        : microsToMinor(
            multiplyMicros(minorToMicros(subtotalMinor, exponent), salesTax.rateMicros),
            exponent,
          );
      taxes.push({ salesTaxId: salesTax.id, rateMicros: salesTax.rateMicros, amountMinor });
    });
    const record: InvoiceItemRecord = {
      id: waveId('InvoiceItem'),
      productId: product.id,
      quantityMicros: quantity,
      unitPriceMicros: unitPrice,
      subtotalMinor,
      taxes,
    };
    const description = text(item.description) ?? product.description;
    if (description !== undefined) record.description = description;
    if (product.incomeAccountId !== undefined) record.accountId = product.incomeAccountId;
    items.push(record);
  });
  const discounts: InvoiceDiscountRecord[] = [];
  (input.discounts ?? []).forEach((d, i) => {
    const raw = d.discountType === 'FIXED' ? d.amount : d.percentage;
    const value = raw ? parseMicros(raw) : undefined;
    if (value === undefined || value < 0n || (d.discountType === 'PERCENTAGE' && value > 100n * MICRO)) {
      checks.add(
        ['discounts', i, d.discountType === 'FIXED' ? 'amount' : 'percentage'],
        d.discountType === 'FIXED' ? 'Enter a discount amount.' : 'Enter a percentage from 0 to 100.',
        'INVALID',
      );
      return;
    }
    const discount: InvoiceDiscountRecord = {
      type: d.discountType,
      valueMicros: value,
      createdAt: books.now(),
    };
    const name = text(d.name);
    if (name !== undefined) discount.name = name;
    discounts.push(discount);
  });
  const invoiceDate = input.invoiceDate ?? books.today();
  const dueDate = input.dueDate ?? invoiceDate;
  if (dueDate < invoiceDate)
    checks.add(['dueDate'], 'The due date cannot be before the invoice date.', 'INVALID');
  let invoiceNumber = text(input.invoiceNumber);
  if (invoiceNumber !== undefined && business) {
    const taken = books.inBusiness(books.invoices, businessId).some((i) => i.invoiceNumber === invoiceNumber);
    if (taken)
      checks.add(['invoiceNumber'], `Invoice number ${invoiceNumber} is already in use.`, 'DUPLICATE');
  }
  return checks.outcome(() => {
    const biz = business as NonNullable<typeof business>;
    invoiceNumber ??= String(biz.nextInvoiceNumber++);
    const now = books.now();
    const invoice: InvoiceRecord = {
      id: waveId('Invoice'),
      businessId,
      customerId: input.customerId,
      invoiceNumber,
      title: text(input.title) ?? 'Invoice',
      invoiceDate,
      dueDate,
      currency: code,
      exchangeRateMicros: input.exchangeRate ? (parseMicros(input.exchangeRate) ?? MICRO) : MICRO,
      approved: input.status === 'SAVED',
      amountPaidMinor: 0n,
      items,
      discounts,
      options: {},
      createdAt: now,
      modifiedAt: now,
    };
    for (const key of ['subhead', 'poNumber', 'memo', 'footer'] as const) {
      const value = text(input[key]);
      if (value !== undefined) invoice[key] = value;
    }
    for (const key of OPTION_FLAGS) if (typeof input[key] === 'boolean') invoice.options[key] = input[key];
    for (const key of OPTION_TITLES) if (typeof input[key] === 'string') invoice.options[key] = input[key];
    const number = Number(invoiceNumber);
    if (Number.isInteger(number) && number >= biz.nextInvoiceNumber) biz.nextInvoiceNumber = number + 1;
    books.invoices.set(invoice.id, invoice);
    return invoice;
  });
}

function findInvoice(books: WaveBooks, id: string, checks: Checks): InvoiceRecord | undefined {
  const invoice = books.invoices.get(id);
  if (!invoice) checks.add(['invoiceId'], 'Invoice not found.', 'NOT_FOUND');
  return invoice;
}

/** DRAFT → SAVED. Approving an approved invoice changes nothing. */
export function approveInvoice(books: WaveBooks, invoiceId: string): Outcome<InvoiceRecord> {
  const checks = new Checks();
  const invoice = findInvoice(books, invoiceId, checks);
  if (invoice && !invoice.approved && invoice.items.length === 0) {
    checks.add(['invoiceId'], 'Add at least one item before approving the invoice.', 'INVALID_STATE');
  }
  return checks.outcome(() => {
    const found = invoice as InvoiceRecord;
    if (!found.approved) {
      found.approved = true;
      found.modifiedAt = books.now();
    }
    return found;
  });
}

export interface InvoiceSendInput {
  invoiceId: string;
  to: string[];
  subject?: Nullable<string>;
  message?: Nullable<string>;
  attachPDF?: Nullable<boolean>;
  ccMyself?: Nullable<boolean>;
  fromAddress?: Nullable<string>;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function sendInvoice(books: WaveBooks, input: InvoiceSendInput): Outcome<InvoiceRecord> {
  const checks = new Checks();
  const invoice = findInvoice(books, input.invoiceId, checks);
  if (invoice && !invoice.approved) {
    checks.add(['invoiceId'], 'Approve the invoice before sending it.', 'INVALID_STATE');
  }
  if (input.to.length === 0) checks.add(['to'], 'Add at least one recipient.', 'REQUIRED');
  input.to.forEach((address, i) => {
    if (!EMAIL.test(address)) checks.add(['to', i], `"${address}" is not a valid email address.`, 'INVALID');
  });
  return checks.outcome(() => {
    const found = invoice as InvoiceRecord;
    const now = books.now();
    found.lastSentAt = now;
    found.lastSentVia = 'WAVE';
    found.modifiedAt = now;
    const email = {
      invoiceId: found.id,
      to: [...input.to],
      attachPDF: input.attachPDF ?? false,
      ccMyself: input.ccMyself ?? false,
      sentAt: now,
    };
    books.sentEmails.push({
      ...email,
      ...(text(input.subject) !== undefined ? { subject: text(input.subject) } : {}),
      ...(text(input.message) !== undefined ? { message: text(input.message) } : {}),
    });
    return found;
  });
}

export function markInvoiceSent(
  books: WaveBooks,
  input: { invoiceId: string; sendMethod: string; sentAt?: Nullable<string> },
): Outcome<InvoiceRecord> {
  const checks = new Checks();
  const invoice = findInvoice(books, input.invoiceId, checks);
  if (invoice && !invoice.approved) {
    checks.add(['invoiceId'], 'Approve the invoice before marking it sent.', 'INVALID_STATE');
  }
  return checks.outcome(() => {
    const found = invoice as InvoiceRecord;
    found.lastSentAt = input.sentAt ?? books.now();
    found.lastSentVia = input.sendMethod;
    found.modifiedAt = books.now();
    return found;
  });
}

export function deleteInvoice(books: WaveBooks, invoiceId: string): Outcome<true> {
  const checks = new Checks();
  findInvoice(books, invoiceId, checks);
  return checks.outcome(() => {
    books.invoices.delete(invoiceId);
    return true as const;
  });
}
