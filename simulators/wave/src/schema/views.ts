import type { InvoiceStatus, WaveBooks } from '../store/books.js';
import { UNPAID_STATUSES } from '../store/books.js';
import {
  ACCOUNT_SUBTYPES,
  ACCOUNT_TYPES,
  accountType,
  subtypeInfo,
  type AccountRecord,
  type AccountTypeValue,
  type AddressRecord,
  type BusinessRecord,
  type ContactRecord,
  type InvoiceRecord,
  type ProductRecord,
  type SalesTaxRecord,
} from '../store/model.js';
import { currency, formatMicros, formatMinor, money, parseMicros } from '../store/money.js';
import { countryName, provinceName } from '../store/places.js';
import { waveError } from './errors.js';
import { connection, sortBy, type PageArgs } from './paging.js';

/**
 * Turns records into the objects graphql-js resolves with its default resolver: plain fields, and
 * methods (called with the field's arguments) for connections and computed values.
 */
export class Views {
  constructor(private readonly books: WaveBooks) {}

  address(a: AddressRecord | undefined) {
    if (!a) return null;
    return {
      addressLine1: a.addressLine1 ?? null,
      addressLine2: a.addressLine2 ?? null,
      city: a.city ?? null,
      postalCode: a.postalCode ?? null,
      province: a.provinceCode ? { code: a.provinceCode, name: provinceName(a.provinceCode) } : null,
      country: a.countryCode ? { code: a.countryCode, name: countryName(a.countryCode) } : null,
    };
  }

  business(b: BusinessRecord) {
    const books = this.books;
    const inBiz = <T extends { businessId: string }>(map: ReadonlyMap<string, T>) =>
      books.inBusiness(map, b.id);
    const one = <T extends { businessId: string }, V>(
      map: ReadonlyMap<string, T>,
      id: string,
      noun: string,
      view: (r: T) => V,
    ) => {
      const found = map.get(id);
      if (found?.businessId !== b.id) throw waveError(`${noun} not found.`, 'NOT_FOUND');
      return view(found);
    };
    return {
      id: b.id,
      name: b.name,
      isPersonal: b.isPersonal,
      isClassicAccounting: false,
      isClassicInvoicing: false,
      isArchived: b.isArchived,
      organizationalType: b.organizationalType,
      timezone: b.timezone,
      phone: b.phone ?? null,
      fax: null,
      mobile: null,
      tollFree: null,
      website: b.website ?? null,
      emailSendEnabled: b.emailSendEnabled,
      createdAt: b.createdAt,
      modifiedAt: b.modifiedAt,
      currency: currency(b.currency),
      type: b.type,
      subtype: b.subtype,
      address: this.address(b.address),
      customers: (args: PageArgs & CustomerFilter) =>
        connection(filterContacts(inBiz(books.customers), args), args, (c) => this.customer(c)),
      customer: ({ id }: { id: string }) => one(books.customers, id, 'Customer', (c) => this.customer(c)),
      vendors: (args: PageArgs) =>
        connection(sortBy(inBiz(books.vendors), ['NAME_ASC'], { NAME: (v) => v.name }), args, (v) =>
          this.contact(v),
        ),
      vendor: ({ id }: { id: string }) => one(books.vendors, id, 'Vendor', (v) => this.contact(v)),
      products: (args: PageArgs & ProductFilter) =>
        connection(filterProducts(inBiz(books.products), args), args, (p) => this.product(p)),
      product: ({ id }: { id: string }) => one(books.products, id, 'Product', (p) => this.product(p)),
      accounts: (args: PageArgs & AccountFilter) =>
        connection(filterAccounts(inBiz(books.accounts), args), args, (a) => this.account(a)),
      account: ({ id }: { id: string }) => one(books.accounts, id, 'Account', (a) => this.account(a)),
      salesTaxes: (args: PageArgs & { isArchived?: boolean | null }) =>
        connection(
          inBiz(books.salesTaxes).filter((t) => args.isArchived == null || t.isArchived === args.isArchived),
          args,
          (t) => this.salesTax(t),
        ),
      salesTax: ({ id }: { id: string }) => one(books.salesTaxes, id, 'Sales tax', (t) => this.salesTax(t)),
      invoices: (args: PageArgs & InvoiceFilter) =>
        connection(this.filterInvoices(inBiz(books.invoices), args), args, (i) => this.invoice(i)),
      invoice: ({ id }: { id: string }) => one(books.invoices, id, 'Invoice', (i) => this.invoice(i)),
    };
  }

  private businessOf(id: string) {
    const record = this.books.businesses.get(id);
    if (!record) throw waveError('Business not found.', 'NOT_FOUND');
    return () => this.business(record);
  }

  contact(c: ContactRecord) {
    return {
      id: c.id,
      business: this.businessOf(c.businessId),
      name: c.name,
      firstName: c.firstName ?? null,
      lastName: c.lastName ?? null,
      displayId: c.displayId ?? null,
      email: c.email ?? null,
      mobile: c.mobile ?? null,
      phone: c.phone ?? null,
      fax: c.fax ?? null,
      tollFree: c.tollFree ?? null,
      website: c.website ?? null,
      internalNotes: c.internalNotes ?? null,
      isArchived: c.isArchived,
      createdAt: c.createdAt,
      modifiedAt: c.modifiedAt,
      currency: currency(c.currency ?? this.books.businesses.get(c.businessId)?.currency ?? 'USD'),
      address: this.address(c.address),
      shippingDetails: c.shippingDetails
        ? {
            name: c.shippingDetails.name ?? null,
            phone: c.shippingDetails.phone ?? null,
            instructions: c.shippingDetails.instructions ?? null,
            address: this.address(c.shippingDetails.address),
          }
        : null,
    };
  }

  customer(c: ContactRecord) {
    const code = c.currency ?? this.books.businesses.get(c.businessId)?.currency ?? 'USD';
    return {
      ...this.contact(c),
      outstandingAmount: () => money(this.books.customerBalances(c).outstanding, code),
      overdueAmount: () => money(this.books.customerBalances(c).overdue, code),
    };
  }

  salesTax(t: SalesTaxRecord) {
    return {
      id: t.id,
      name: t.name,
      abbreviation: t.abbreviation,
      description: t.description ?? null,
      taxNumber: null,
      rate: formatMicros(t.rateMicros),
      isArchived: t.isArchived,
      isCompound: false,
      isRecoverable: false,
      createdAt: t.createdAt,
      modifiedAt: t.modifiedAt,
    };
  }

  accountType(value: AccountTypeValue) {
    return { name: ACCOUNT_TYPES[value].name, value, normalBalanceType: ACCOUNT_TYPES[value].normal };
  }

  accountSubtype(value: string) {
    const info = subtypeInfo(value);
    return {
      name: info.name,
      value,
      type: this.accountType(info.type),
      archivable: info.archivable,
      systemCreated: info.systemCreated,
    };
  }

  allAccountSubtypes() {
    return Object.keys(ACCOUNT_SUBTYPES).map((value) => this.accountSubtype(value));
  }

  account(a: AccountRecord) {
    const type = accountType(a);
    const balance = formatMinor(a.balanceMinor, currency(a.currency).exponent);
    return {
      id: a.id,
      business: this.businessOf(a.businessId),
      name: a.name,
      description: a.description ?? null,
      displayId: a.displayId ?? null,
      classicId: null,
      isArchived: a.isArchived,
      sequence: a.sequence,
      balance,
      balanceInBusinessCurrency: balance,
      normalBalanceType: ACCOUNT_TYPES[type].normal,
      currency: currency(a.currency),
      type: this.accountType(type),
      subtype: this.accountSubtype(a.subtype),
    };
  }

  product(p: ProductRecord) {
    const account = (id: string | undefined) => {
      const found = id ? this.books.accounts.get(id) : undefined;
      return found ? this.account(found) : null;
    };
    return {
      id: p.id,
      business: this.businessOf(p.businessId),
      name: p.name,
      description: p.description ?? null,
      unitPrice: formatMicros(p.unitPriceMicros),
      isSold: p.incomeAccountId !== undefined,
      isBought: p.expenseAccountId !== undefined,
      isArchived: p.isArchived,
      createdAt: p.createdAt,
      modifiedAt: p.modifiedAt,
      incomeAccount: account(p.incomeAccountId),
      expenseAccount: account(p.expenseAccountId),
      defaultSalesTaxes: p.salesTaxIds.flatMap((id) => {
        const tax = this.books.salesTaxes.get(id);
        return tax ? [this.salesTax(tax)] : [];
      }),
    };
  }

  invoice(i: InvoiceRecord) {
    const books = this.books;
    const totals = books.invoiceTotals(i);
    const code = i.currency;
    const bizUuid = uuidOf(i.businessId);
    const invUuid = uuidOf(i.id);
    const option = (key: string, fallback: boolean | string) => i.options[key] ?? fallback;
    const customer = books.customers.get(i.customerId);
    return {
      id: i.id,
      business: this.businessOf(i.businessId),
      status: books.invoiceStatus(i),
      title: i.title,
      subhead: i.subhead ?? null,
      invoiceNumber: i.invoiceNumber,
      poNumber: i.poNumber ?? null,
      invoiceDate: i.invoiceDate,
      dueDate: i.dueDate,
      memo: i.memo ?? null,
      footer: i.footer ?? null,
      pdfUrl: `https://api.waveapps.com/businesses/${bizUuid}/invoices/${invUuid}/pdf/`,
      viewUrl: `https://next.waveapps.com/${bizUuid}/invoices/${invUuid}/view`,
      exchangeRate: formatMicros(i.exchangeRateMicros),
      createdAt: i.createdAt,
      modifiedAt: i.modifiedAt,
      lastSentAt: i.lastSentAt ?? null,
      lastSentVia: i.lastSentVia ?? null,
      lastViewedAt: i.lastViewedAt ?? null,
      requireTermsOfServiceAgreement: option('requireTermsOfServiceAgreement', false),
      disableCreditCardPayments: option('disableCreditCardPayments', false),
      disableBankPayments: option('disableBankPayments', false),
      disableAmexPayments: option('disableAmexPayments', false),
      itemTitle: option('itemTitle', 'Items'),
      unitTitle: option('unitTitle', 'Quantity'),
      priceTitle: option('priceTitle', 'Price'),
      amountTitle: option('amountTitle', 'Amount'),
      hideName: option('hideName', false),
      hideDescription: option('hideDescription', false),
      hideUnit: option('hideUnit', false),
      hidePrice: option('hidePrice', false),
      hideAmount: option('hideAmount', false),
      currency: currency(code),
      customer: () => {
        if (!customer) throw waveError('Customer not found.', 'NOT_FOUND');
        return this.customer(customer);
      },
      subtotal: money(totals.subtotal, code),
      taxTotal: money(totals.taxTotal, code),
      discountTotal: money(totals.discountTotal, code),
      total: money(totals.total, code),
      amountDue: money(totals.amountDue, code),
      amountPaid: money(totals.amountPaid, code),
      discounts: i.discounts.map((d) => ({
        __typename: d.type === 'FIXED' ? 'FixedInvoiceDiscount' : 'PercentageInvoiceDiscount',
        name: d.name ?? null,
        createdAt: d.createdAt,
        modifiedAt: d.createdAt,
        ...(d.type === 'FIXED'
          ? { amount: formatMicros(d.valueMicros) }
          : { percentage: formatMicros(d.valueMicros) }),
      })),
      source: null,
      invoiceReminders: [],
      attachments: [],
      items: i.items.map((item) => {
        const product = books.products.get(item.productId);
        const account = item.accountId ? books.accounts.get(item.accountId) : undefined;
        const taxTotal = item.taxes.reduce((sum, t) => sum + t.amountMinor, 0n);
        return {
          id: item.id,
          product: () => {
            if (!product) throw waveError('Product not found.', 'NOT_FOUND');
            return this.product(product);
          },
          account: account ? this.account(account) : null,
          description: item.description ?? null,
          quantity: formatMicros(item.quantityMicros),
          price: formatMicros(item.unitPriceMicros),
          unitPrice: formatMicros(item.unitPriceMicros),
          subtotal: money(item.subtotalMinor, code),
          total: money(item.subtotalMinor + taxTotal, code),
          taxes: item.taxes.flatMap((t) => {
            const salesTax = books.salesTaxes.get(t.salesTaxId);
            return salesTax
              ? [
                  {
                    amount: money(t.amountMinor, code),
                    rate: formatMicros(t.rateMicros),
                    salesTax: this.salesTax(salesTax),
                  },
                ]
              : [];
          }),
        };
      }),
    };
  }

  private filterInvoices(invoices: InvoiceRecord[], f: InvoiceFilter): InvoiceRecord[] {
    const books = this.books;
    const status = (i: InvoiceRecord): InvoiceStatus => books.invoiceStatus(i);
    const amountDue = f.amountDue != null ? parseMicros(f.amountDue) : undefined;
    const filtered = invoices.filter((i) => {
      if (f.status != null) {
        const s = status(i);
        if (f.status === 'UNPAID' ? !UNPAID_STATUSES.has(s) : s !== f.status) return false;
      }
      if (f.customerId != null && i.customerId !== f.customerId) return false;
      if (f.currency != null && i.currency !== f.currency) return false;
      if (f.invoiceDateStart != null && i.invoiceDate < f.invoiceDateStart) return false;
      if (f.invoiceDateEnd != null && i.invoiceDate > f.invoiceDateEnd) return false;
      if (f.modifiedAtAfter != null && Date.parse(i.modifiedAt) <= Date.parse(f.modifiedAtAfter))
        return false;
      if (f.modifiedAtBefore != null && Date.parse(i.modifiedAt) >= Date.parse(f.modifiedAtBefore))
        return false;
      if (f.invoiceNumber != null && i.invoiceNumber !== f.invoiceNumber) return false;
      if (amountDue !== undefined) {
        const due = books.invoiceTotals(i).amountDue;
        if (due * 10n ** BigInt(6 - currency(i.currency).exponent) !== amountDue) return false;
      }
      return true;
    });
    const customerName = (i: InvoiceRecord) => books.customers.get(i.customerId)?.name ?? '';
    return sortBy(filtered, f.sort ?? ['CREATED_AT_DESC'], {
      CREATED_AT: (i) => i.createdAt,
      MODIFIED_AT: (i) => i.modifiedAt,
      INVOICE_DATE: (i) => i.invoiceDate,
      INVOICE_NUMBER: (i) => i.invoiceNumber.padStart(20, '0'),
      DUE_DATE: (i) => i.dueDate,
      AMOUNT_DUE: (i) => books.invoiceTotals(i).amountDue,
      CUSTOMER_NAME: customerName,
    });
  }
}

interface CustomerFilter {
  readonly sort?: readonly string[];
  readonly email?: string | null;
  readonly modifiedAtAfter?: string | null;
  readonly modifiedAtBefore?: string | null;
}

interface ProductFilter {
  readonly sort?: readonly string[];
  readonly isSold?: boolean | null;
  readonly isBought?: boolean | null;
  readonly isArchived?: boolean | null;
  readonly modifiedAtAfter?: string | null;
  readonly modifiedAtBefore?: string | null;
}

interface AccountFilter {
  readonly types?: readonly string[] | null;
  readonly subtypes?: readonly string[] | null;
  readonly excludedSubtypes?: readonly string[] | null;
  readonly isArchived?: boolean | null;
}

interface InvoiceFilter {
  readonly sort?: readonly string[];
  readonly status?: InvoiceStatus | null;
  readonly customerId?: string | null;
  readonly currency?: string | null;
  readonly invoiceDateStart?: string | null;
  readonly invoiceDateEnd?: string | null;
  readonly modifiedAtAfter?: string | null;
  readonly modifiedAtBefore?: string | null;
  readonly invoiceNumber?: string | null;
  readonly amountDue?: string | null;
}

const modifiedWithin = (
  r: { modifiedAt: string },
  f: { modifiedAtAfter?: string | null; modifiedAtBefore?: string | null },
) =>
  (f.modifiedAtAfter == null || Date.parse(r.modifiedAt) > Date.parse(f.modifiedAtAfter)) &&
  (f.modifiedAtBefore == null || Date.parse(r.modifiedAt) < Date.parse(f.modifiedAtBefore));

const NAMED_SORT = {
  NAME: (r: { name: string }) => r.name.toLowerCase(),
  CREATED_AT: (r: { createdAt: string }) => r.createdAt,
  MODIFIED_AT: (r: { modifiedAt: string }) => r.modifiedAt,
};

function filterContacts(contacts: ContactRecord[], f: CustomerFilter): ContactRecord[] {
  const email = f.email?.toLowerCase();
  const kept = contacts.filter(
    (c) => (email === undefined || c.email?.toLowerCase() === email) && modifiedWithin(c, f),
  );
  return sortBy(kept, f.sort ?? ['NAME_ASC'], NAMED_SORT);
}

function filterProducts(products: ProductRecord[], f: ProductFilter): ProductRecord[] {
  const kept = products.filter(
    (p) =>
      (f.isSold == null || (p.incomeAccountId !== undefined) === f.isSold) &&
      (f.isBought == null || (p.expenseAccountId !== undefined) === f.isBought) &&
      (f.isArchived == null || p.isArchived === f.isArchived) &&
      modifiedWithin(p, f),
  );
  return sortBy(kept, f.sort ?? ['NAME_ASC'], NAMED_SORT);
}

function filterAccounts(accounts: AccountRecord[], f: AccountFilter): AccountRecord[] {
  const kept = accounts.filter(
    (a) =>
      (f.types == null || f.types.includes(accountType(a))) &&
      (f.subtypes == null || f.subtypes.includes(a.subtype)) &&
      !f.excludedSubtypes?.includes(a.subtype) &&
      (f.isArchived == null || a.isArchived === f.isArchived),
  );
  return kept.sort((a, b) => a.sequence - b.sequence);
}

/** The uuid inside a Wave id (`base64("Invoice:<uuid>")`). */
function uuidOf(id: string): string {
  return Buffer.from(id, 'base64').toString('utf8').split(':')[1] ?? id;
}
