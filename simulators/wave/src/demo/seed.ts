import { WaveBooks } from '../store/books.js';
import { createCustomer, type CustomerCreateInput } from '../store/customers.js';
import { seededId } from '../store/ids.js';
import { createInvoice, type InvoiceCreateInput } from '../store/invoices.js';
import type { AccountRecord, BusinessRecord, ContactRecord } from '../store/model.js';
import { parseMicros } from '../store/money.js';
import type { Outcome } from '../store/outcome.js';
import { createProduct, type ProductCreateInput } from '../store/products.js';

function must<T>(outcome: Outcome<T>, what: string): T {
  if (!outcome.didSucceed) throw new Error(`demo seed: ${what}: ${JSON.stringify(outcome.inputErrors)}`);
  return outcome.value;
}

function micros(value: string): bigint {
  const parsed = parseMicros(value);
  if (parsed === undefined) throw new Error(`demo seed: bad decimal ${value}`);
  return parsed;
}

/** Demo ids are derived from names, so they are the same on every start (handy in docs and tests). */
export const DEMO_BUSINESS_ID = seededId('Business', 'northwind-studio');
export const DEMO_PERSONAL_BUSINESS_ID = seededId('Business', 'personal');

/**
 * A design and consulting studio in USD with customers, products, a sales tax, a chart of accounts,
 * vendors and invoices in every status — three of them overdue, one in EUR — plus a personal business.
 * Dates are relative to `books.today()`, so "overdue" stays true whenever the demo runs.
 */
export function seedDemoBooks(books: WaveBooks): void {
  const day = (offset: number): string => {
    const d = new Date(`${books.today()}T12:00:00Z`);
    d.setUTCDate(d.getUTCDate() + offset);
    return d.toISOString().slice(0, 10);
  };
  const at = (offset: number): string => `${day(offset)}T15:30:00.000Z`;

  books.user = {
    id: seededId('User', 'alex'),
    firstName: 'Alex',
    lastName: 'Rivera',
    defaultEmail: 'alex@northwind.example',
    createdAt: at(-900),
    modifiedAt: at(-30),
  };
  const business = (
    id: string,
    fields: Partial<BusinessRecord> & Pick<BusinessRecord, 'name'>,
  ): BusinessRecord => {
    const record: BusinessRecord = {
      id,
      isPersonal: false,
      isArchived: false,
      currency: 'USD',
      organizationalType: 'SOLE_PROPRIETORSHIP',
      timezone: 'America/New_York',
      type: { name: 'Consulting & Professional Services', value: 'CONSULTING_PROFESSIONAL' },
      subtype: { name: 'Design', value: 'CONSULTING_PROFESSIONAL__DESIGN' },
      emailSendEnabled: true,
      createdAt: at(-900),
      modifiedAt: at(-30),
      nextInvoiceNumber: 1001,
      ...fields,
    };
    books.businesses.set(id, record);
    return record;
  };
  const biz = business(DEMO_BUSINESS_ID, {
    name: 'Northwind Studio',
    phone: '+1 212 555 0100',
    website: 'https://northwind.example',
    address: {
      addressLine1: '350 Fifth Avenue',
      addressLine2: 'Suite 4100',
      city: 'New York',
      provinceCode: 'US-NY',
      countryCode: 'US',
      postalCode: '10118',
    },
  });
  const personal = business(DEMO_PERSONAL_BUSINESS_ID, {
    name: 'Personal',
    isPersonal: true,
    organizationalType: null,
    type: null,
    subtype: null,
  });

  let sequence = 0;
  const account = (
    businessId: string,
    name: string,
    subtype: string,
    balance = '0',
    extra: Partial<AccountRecord> = {},
  ): AccountRecord => {
    sequence += 1;
    const record: AccountRecord = {
      id: seededId('Account', `${businessId}:${name}`),
      businessId,
      name,
      subtype,
      currency: 'USD',
      isArchived: false,
      sequence,
      displayId: String(1000 + sequence * 10),
      balanceMinor: micros(balance) / 10_000n,
      createdAt: at(-900),
      modifiedAt: at(-30),
      ...extra,
    };
    books.accounts.set(record.id, record);
    return record;
  };
  account(biz.id, 'Business Checking', 'CASH_AND_BANK', '12450.00', {
    description: 'Main operating account',
  });
  account(biz.id, 'Cash on Hand', 'CASH_AND_BANK', '200.00');
  account(biz.id, 'Accounts Receivable', 'ACCOUNTS_RECEIVABLE');
  account(biz.id, 'Business Credit Card', 'CREDIT_CARD', '1230.55');
  account(biz.id, 'Sales Tax (ST)', 'SALES_TAX');
  account(biz.id, 'Owner Investment / Drawings', 'OWNERS_EQUITY', '5000.00');
  const sales = account(biz.id, 'Sales', 'INCOME');
  const consulting = account(biz.id, 'Consulting Income', 'INCOME');
  account(biz.id, 'Office Supplies', 'EXPENSE', '312.40');
  const software = account(biz.id, 'Software & Subscriptions', 'EXPENSE', '1180.00');
  account(biz.id, 'Travel', 'EXPENSE', '645.10');
  account(biz.id, 'Payment Processing Fees', 'PAYMENT_PROCESSING_FEES', '88.20');
  account(biz.id, 'Old Savings', 'CASH_AND_BANK', '0', { isArchived: true });
  account(personal.id, 'Personal Chequing', 'CASH_AND_BANK', '3200.00');
  account(personal.id, 'Groceries', 'EXPENSE', '410.25');

  const salesTaxId = seededId('SalesTax', `${biz.id}:ST`);
  books.salesTaxes.set(salesTaxId, {
    id: salesTaxId,
    businessId: biz.id,
    name: 'Sales Tax',
    abbreviation: 'ST',
    description: 'New York sales tax',
    rateMicros: micros('0.08875'),
    isArchived: false,
    createdAt: at(-900),
    modifiedAt: at(-900),
  });

  const contact = (
    kind: 'Customer' | 'Vendor',
    fields: Omit<ContactRecord, 'id' | 'businessId' | 'isArchived' | 'createdAt' | 'modifiedAt'>,
  ): void => {
    const record: ContactRecord = {
      id: seededId(kind, fields.name),
      businessId: biz.id,
      isArchived: false,
      createdAt: at(-400),
      modifiedAt: at(-60),
      ...fields,
    };
    (kind === 'Customer' ? books.customers : books.vendors).set(record.id, record);
  };
  const customer = (input: Omit<CustomerCreateInput, 'businessId'>): ContactRecord => {
    const made = must(
      createCustomer(books, { businessId: biz.id, ...input }),
      `customer ${input.name ?? ''}`,
    );
    books.customers.delete(made.id);
    const record = { ...made, id: seededId('Customer', made.name), createdAt: at(-400), modifiedAt: at(-60) };
    books.customers.set(record.id, record);
    return record;
  };
  const acme = customer({
    name: 'Acme Corporation',
    firstName: 'Dana',
    lastName: 'Whitfield',
    email: 'accounts@acme.example',
    phone: '+1 415 555 0142',
    currency: 'USD',
    address: {
      addressLine1: '1 Market St',
      city: 'San Francisco',
      provinceCode: 'US-CA',
      countryCode: 'US',
      postalCode: '94105',
    },
  });
  const bluebird = customer({
    name: 'Bluebird Bakery',
    firstName: 'Sam',
    lastName: 'Okafor',
    email: 'sam@bluebird.example',
    currency: 'USD',
  });
  const cedar = customer({
    name: 'Cedar & Pine Architects',
    email: 'billing@cedarpine.example',
    website: 'https://cedarpine.example',
    currency: 'USD',
  });
  const delta = customer({
    name: 'Delta Freight GmbH',
    email: 'ap@deltafreight.example',
    currency: 'EUR',
    address: { addressLine1: 'Hafenstraße 12', city: 'Hamburg', countryCode: 'DE', postalCode: '20457' },
  });
  const evergreen = customer({
    name: 'Evergreen Dental',
    firstName: 'Priya',
    lastName: 'Natarajan',
    email: 'office@evergreendental.example',
    currency: 'USD',
  });
  const foxglove = customer({
    name: 'Foxglove Florist',
    email: 'hello@foxglove.example',
    currency: 'USD',
    internalNotes: 'Pays by bank transfer.',
  });

  contact('Vendor', { name: 'Paper & Co. Office Supply', email: 'orders@paperco.example', currency: 'USD' });
  contact('Vendor', {
    name: 'CloudHost Inc.',
    email: 'billing@cloudhost.example',
    website: 'https://cloudhost.example',
    currency: 'USD',
  });
  contact('Vendor', { name: 'City Transit Authority', currency: 'USD' });
  contact('Vendor', { name: 'Pixel Stock Photos', email: 'support@pixelstock.example', currency: 'USD' });

  const product = (input: Omit<ProductCreateInput, 'businessId'>, archived = false) => {
    const made = must(createProduct(books, { businessId: biz.id, ...input }), `product ${input.name}`);
    books.products.delete(made.id);
    const record = {
      ...made,
      id: seededId('Product', made.name),
      isArchived: archived,
      createdAt: at(-500),
      modifiedAt: at(-90),
    };
    books.products.set(record.id, record);
    return record;
  };
  const hour = product({
    name: 'Consulting hour',
    unitPrice: '150.00',
    description: 'Design consulting, per hour',
    incomeAccountId: consulting.id,
    defaultSalesTaxIds: [salesTaxId],
  });
  const maintenance = product({
    name: 'Website maintenance (monthly)',
    unitPrice: '400.00',
    incomeAccountId: sales.id,
  });
  const logo = product({
    name: 'Logo design',
    unitPrice: '850.00',
    description: 'Logo and brand mark, three concepts',
    incomeAccountId: sales.id,
  });
  const workshop = product({
    name: 'Workshop day',
    unitPrice: '1200.00',
    description: 'On-site brand workshop',
    incomeAccountId: consulting.id,
  });
  const hosting = product({
    name: 'Hosting (annual)',
    unitPrice: '240.00',
    incomeAccountId: sales.id,
    expenseAccountId: software.id,
  });
  product({ name: 'Stock photo license', unitPrice: '35.00', expenseAccountId: software.id });
  product({ name: 'Retainer (legacy)', unitPrice: '500.00', incomeAccountId: sales.id }, true);

  interface DemoInvoice {
    customer: ContactRecord;
    items: { product: { id: string }; quantity?: string; unitPrice?: string; taxed?: boolean }[];
    date: number;
    due: number;
    approved?: boolean;
    sent?: number;
    viewed?: number;
    /** An amount paid, or `all`. */
    paid?: string;
    currency?: string;
    poNumber?: string;
  }
  const invoice = (spec: DemoInvoice): void => {
    const input: InvoiceCreateInput = {
      businessId: biz.id,
      customerId: spec.customer.id,
      invoiceDate: day(spec.date),
      dueDate: day(spec.due),
      items: spec.items.map((i) => ({
        productId: i.product.id,
        ...(i.quantity ? { quantity: i.quantity } : {}),
        ...(i.unitPrice ? { unitPrice: i.unitPrice } : {}),
        ...(i.taxed ? { taxes: [{ salesTaxId }] } : {}),
      })),
      ...(spec.currency ? { currency: spec.currency } : {}),
      ...(spec.poNumber ? { poNumber: spec.poNumber } : {}),
    };
    const made = must(createInvoice(books, input), 'invoice');
    books.invoices.delete(made.id);
    made.id = seededId('Invoice', made.invoiceNumber);
    made.createdAt = at(spec.date);
    made.modifiedAt = at(spec.viewed ?? spec.sent ?? spec.date);
    made.approved = spec.approved ?? true;
    if (spec.sent !== undefined) {
      made.lastSentAt = at(spec.sent);
      made.lastSentVia = 'WAVE';
    }
    if (spec.viewed !== undefined) made.lastViewedAt = at(spec.viewed);
    if (spec.paid !== undefined) {
      made.amountPaidMinor =
        spec.paid === 'all' ? books.invoiceTotals(made).total : micros(spec.paid) / 10_000n;
    }
    books.invoices.set(made.id, made);
  };
  invoice({
    customer: acme,
    items: [{ product: hour, quantity: '2', taxed: true }],
    date: -75,
    due: -45,
    sent: -75,
    viewed: -74,
    paid: 'all',
  });
  invoice({ customer: bluebird, items: [{ product: logo }], date: -60, due: -30, sent: -60, viewed: -58 });
  invoice({
    customer: cedar,
    items: [{ product: workshop, quantity: '2' }],
    date: -40,
    due: -10,
    sent: -40,
    paid: '1000.00',
    poNumber: 'CP-2291',
  });
  invoice({ customer: evergreen, items: [{ product: maintenance }], date: -35, due: -5, sent: -35 });
  invoice({
    customer: acme,
    items: [{ product: hour, quantity: '10', taxed: true }],
    date: -10,
    due: 20,
    sent: -10,
    paid: '500.00',
  });
  invoice({ customer: foxglove, items: [{ product: hosting }], date: -5, due: 25, sent: -5, viewed: -4 });
  invoice({ customer: bluebird, items: [{ product: maintenance }], date: -3, due: 27, sent: -3 });
  invoice({ customer: evergreen, items: [{ product: hour, quantity: '4', taxed: true }], date: -1, due: 29 });
  invoice({
    customer: delta,
    items: [{ product: workshop, unitPrice: '1100.00' }],
    date: 0,
    due: 30,
    approved: false,
    currency: 'EUR',
  });
  invoice({
    customer: delta,
    items: [{ product: logo, unitPrice: '800.00' }],
    date: -50,
    due: -20,
    sent: -50,
    currency: 'EUR',
  });
}

/** A fresh set of demo books on the given clock. */
export function demoBooks(clock?: () => Date): WaveBooks {
  const books = new WaveBooks(clock);
  seedDemoBooks(books);
  return books;
}
