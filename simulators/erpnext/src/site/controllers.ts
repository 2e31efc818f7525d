import { addDays, dateString, type Clock } from './clock.js';
import { doesNotExist, validationError } from './errors.js';
import type { Doc, DocStore } from './store.js';
import { rowsOf } from './validate.js';
import { text } from './values.js';

export interface ControllerContext {
  readonly store: DocStore;
  readonly clock: Clock;
  /** The user's default company (`frappe.defaults.get_user_default("Company")`). */
  readonly defaultCompany: string | undefined;
}

/** The parts of an ERPNext controller the simulator models (`set_missing_values`, totals, `set_status`). */
export interface Controller {
  /** Before mandatory checks: fetch values from linked masters, like `set_missing_values`. */
  setMissing?(doc: Doc, ctx: ControllerContext): void;
  /** After validation: totals and status. */
  compute?(doc: Doc, ctx: ControllerContext): void;
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const num = (v: unknown) => (typeof v === 'number' ? v : 0);

interface Fill {
  readonly dateField: string;
  readonly dueField: string;
  readonly days: number;
  /** Whether the item rows have a description field. */
  readonly description: boolean;
}

function fillFromMasters(doc: Doc, ctx: ControllerContext, { dateField, dueField, days, description }: Fill) {
  if (doc['company'] === undefined && ctx.defaultCompany) doc['company'] = ctx.defaultCompany;
  const customer = ctx.store.get('Customer', text(doc['customer']));
  if (customer) doc['customer_name'] = customer['customer_name'];
  const company = ctx.store.get('Company', text(doc['company']));
  doc['currency'] ??= customer?.['default_currency'] ?? company?.['default_currency'];
  doc[dateField] ??= dateString(ctx.clock.now());
  if (doc[dueField] === undefined && typeof doc[dateField] === 'string')
    doc[dueField] = addDays(doc[dateField], days);
  for (const row of rowsOf(doc, 'items')) {
    if (row['item_code'] === undefined || row['item_code'] === null || row['item_code'] === '') continue;
    // ERPNext's get_item_details loads the item first: an unknown code fails there, before any validation.
    const item = ctx.store.get('Item', text(row['item_code']));
    if (!item) throw doesNotExist('Item', text(row['item_code']));
    row['item_code'] = item['name'];
    row['item_name'] ??= item['item_name'];
    row['uom'] ??= item['stock_uom'];
    if (row['rate'] === undefined) row['rate'] = item['standard_rate'] ?? 0;
    if (description) row['description'] ??= item['description'] ?? item['item_name'];
  }
}

function totals(doc: Doc): number {
  let qty = 0;
  let total = 0;
  for (const row of rowsOf(doc, 'items')) {
    row['amount'] = round2(num(row['qty']) * num(row['rate']));
    qty += num(row['qty']);
    total += num(row['amount']);
  }
  doc['total_qty'] = qty;
  doc['total'] = round2(total);
  doc['grand_total'] = round2(total);
  return round2(total);
}

/** ERPNext's `SalesInvoice.set_status` for the states the simulator reaches. */
export function invoiceStatus(doc: Doc, today: string): string {
  if (doc['docstatus'] === 0) return 'Draft';
  if (doc['docstatus'] === 2) return 'Cancelled';
  const outstanding = num(doc['outstanding_amount']);
  if (outstanding <= 0) return 'Paid';
  if (typeof doc['due_date'] === 'string' && doc['due_date'] < today) return 'Overdue';
  if (outstanding < num(doc['grand_total'])) return 'Partly Paid';
  return 'Unpaid';
}

const salesInvoice: Controller = {
  setMissing: (doc, ctx) =>
    fillFromMasters(doc, ctx, {
      dateField: 'posting_date',
      dueField: 'due_date',
      days: 30,
      description: true,
    }),
  compute(doc, ctx) {
    const grandTotal = totals(doc);
    if (doc['docstatus'] === 0) doc['outstanding_amount'] = grandTotal;
    if (typeof doc['due_date'] === 'string' && doc['due_date'] < text(doc['posting_date'])) {
      throw validationError('Due Date cannot be before Posting / Supplier Invoice Date');
    }
    doc['status'] = invoiceStatus(doc, dateString(ctx.clock.now()));
  },
};

const salesOrder: Controller = {
  setMissing(doc, ctx) {
    fillFromMasters(doc, ctx, {
      dateField: 'transaction_date',
      dueField: 'delivery_date',
      days: 7,
      description: false,
    });
    for (const row of rowsOf(doc, 'items')) row['delivery_date'] ??= doc['delivery_date'];
  },
  compute(doc) {
    totals(doc);
    const status = doc['docstatus'] === 0 ? 'Draft' : doc['docstatus'] === 2 ? 'Cancelled' : undefined;
    if (status) doc['status'] = status;
    else if (doc['status'] === 'Draft' || doc['status'] === undefined) doc['status'] = 'To Deliver and Bill';
  },
};

export const CONTROLLERS: Readonly<Record<string, Controller>> = {
  'Sales Invoice': salesInvoice,
  'Sales Order': salesOrder,
};
