import { MICRO, currency, divRound, microsToMinor } from './money.js';
import type {
  AccountRecord,
  BusinessRecord,
  ContactRecord,
  InvoiceRecord,
  ProductRecord,
  SalesTaxRecord,
  SentInvoiceEmail,
  TransactionRecord,
  UserRecord,
} from './model.js';

export type InvoiceStatus =
  'DRAFT' | 'SAVED' | 'SENT' | 'VIEWED' | 'OVERDUE' | 'PARTIAL' | 'PAID' | 'UNPAID' | 'OVERPAID';

/** Statuses the `UNPAID` filter covers: approved invoices with money still due (backends.md §4.4). */
export const UNPAID_STATUSES: ReadonlySet<InvoiceStatus> = new Set([
  'SAVED',
  'SENT',
  'VIEWED',
  'PARTIAL',
  'OVERDUE',
]);

export interface InvoiceTotals {
  readonly subtotal: bigint;
  readonly taxTotal: bigint;
  readonly discountTotal: bigint;
  readonly total: bigint;
  readonly amountPaid: bigint;
  readonly amountDue: bigint;
}

/** Everything the simulated Wave account holds, with the derived values Wave computes (totals, status). */
export class WaveBooks {
  user: UserRecord = {
    id: '',
    firstName: '',
    lastName: '',
    defaultEmail: '',
    createdAt: '',
    modifiedAt: '',
  };
  readonly businesses = new Map<string, BusinessRecord>();
  readonly customers = new Map<string, ContactRecord>();
  readonly vendors = new Map<string, ContactRecord>();
  readonly salesTaxes = new Map<string, SalesTaxRecord>();
  readonly accounts = new Map<string, AccountRecord>();
  readonly products = new Map<string, ProductRecord>();
  readonly invoices = new Map<string, InvoiceRecord>();
  /** Keyed by `<businessId> <externalId>`: Wave dedupes money transactions on externalId. */
  readonly transactions = new Map<string, TransactionRecord>();
  readonly sentEmails: SentInvoiceEmail[] = [];

  constructor(private readonly clock: () => Date = () => new Date()) {}

  now(): string {
    return this.clock()
      .toISOString()
      .replace(/\.\d{3}Z$/, '.000Z');
  }

  /** Today as `YYYY-MM-DD` (UTC). */
  today(): string {
    return this.clock().toISOString().slice(0, 10);
  }

  inBusiness<T extends { businessId: string }>(map: ReadonlyMap<string, T>, businessId: string): T[] {
    return [...map.values()].filter((r) => r.businessId === businessId);
  }

  invoiceTotals(invoice: InvoiceRecord): InvoiceTotals {
    const { exponent } = currency(invoice.currency);
    let subtotal = 0n;
    let taxTotal = 0n;
    for (const item of invoice.items) {
      subtotal += item.subtotalMinor;
      for (const tax of item.taxes) taxTotal += tax.amountMinor;
    }
    let discountTotal = 0n;
    for (const discount of invoice.discounts) {
      discountTotal +=
        discount.type === 'FIXED'
          ? microsToMinor(discount.valueMicros, exponent)
          : divRound(subtotal * discount.valueMicros, 100n * MICRO);
    }
    const total = subtotal - discountTotal + taxTotal;
    const amountDue = total - invoice.amountPaidMinor;
    return {
      subtotal,
      taxTotal,
      discountTotal,
      total,
      amountPaid: invoice.amountPaidMinor,
      amountDue: amountDue > 0n ? amountDue : 0n,
    };
  }

  invoiceStatus(invoice: InvoiceRecord): InvoiceStatus {
    if (!invoice.approved) return 'DRAFT';
    const totals = this.invoiceTotals(invoice);
    if (totals.amountPaid > totals.total) return 'OVERPAID';
    if (totals.amountPaid === totals.total) return 'PAID';
    if (invoice.dueDate < this.today()) return 'OVERDUE';
    if (totals.amountPaid > 0n) return 'PARTIAL';
    if (invoice.lastViewedAt !== undefined) return 'VIEWED';
    if (invoice.lastSentAt !== undefined) return 'SENT';
    return 'SAVED';
  }

  /** What the customer owes on approved invoices, and how much of it is past due. */
  customerBalances(customer: ContactRecord): { outstanding: bigint; overdue: bigint } {
    let outstanding = 0n;
    let overdue = 0n;
    for (const invoice of this.invoices.values()) {
      if (invoice.customerId !== customer.id || !invoice.approved) continue;
      const due = this.invoiceTotals(invoice).amountDue;
      outstanding += due;
      if (invoice.dueDate < this.today()) overdue += due;
    }
    return { outstanding, overdue };
  }

  /** The business an id of any kind belongs to, for "belongs to another business" checks. */
  ownerOf(id: string): string | undefined {
    for (const map of [
      this.customers,
      this.vendors,
      this.salesTaxes,
      this.accounts,
      this.products,
      this.invoices,
    ]) {
      const found = map.get(id);
      if (found) return found.businessId;
    }
    return undefined;
  }
}
