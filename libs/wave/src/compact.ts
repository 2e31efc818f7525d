import { amountOf, isZero, toCurrencyDecimal, type Amount } from './money.js';
import type {
  WaveAccount,
  WaveAddress,
  WaveCustomer,
  WaveInvoiceDetail,
  WaveInvoiceSummary,
  WaveProduct,
  WaveVendor,
} from './types.js';

/** Row shapes the tools return: short keys, no nulls, money as `{amount, currency}`. */

type Row = Record<string, unknown>;

function put(row: Row, key: string, value: unknown): void {
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0))
    return;
  row[key] = value;
}

export function addressLine(a: WaveAddress | null): string | undefined {
  if (!a) return undefined;
  const parts = [a.addressLine1, a.addressLine2, a.city, a.province?.code, a.postalCode, a.country?.code];
  const text = parts.filter((p): p is string => typeof p === 'string' && p !== '').join(', ');
  return text === '' ? undefined : text;
}

export function customerRow(c: WaveCustomer, businessCurrency: string): Row {
  const currency = c.currency?.code ?? businessCurrency;
  const row: Row = { id: c.id, name: c.name };
  const contact = [c.firstName, c.lastName].filter(Boolean).join(' ');
  put(row, 'contact', contact);
  put(row, 'email', c.email);
  put(row, 'phone', c.phone ?? c.mobile);
  put(row, 'display_id', c.displayId);
  put(row, 'address', addressLine(c.address));
  row['currency'] = currency;
  const outstanding = amountOf(c.outstandingAmount, currency);
  const overdue = amountOf(c.overdueAmount, currency);
  if (!isZero(outstanding)) row['outstanding'] = outstanding;
  if (!isZero(overdue)) row['overdue'] = overdue;
  if (c.isArchived) row['archived'] = true;
  return row;
}

export function productRow(p: WaveProduct, businessCurrency: string): Row {
  const row: Row = { id: p.id, name: p.name };
  put(row, 'description', p.description);
  row['unit_price'] = {
    amount: toCurrencyDecimal(p.unitPrice, businessCurrency),
    currency: businessCurrency,
  };
  row['sold'] = p.isSold;
  row['bought'] = p.isBought;
  put(row, 'income_account', p.incomeAccount);
  put(row, 'expense_account', p.expenseAccount);
  put(
    row,
    'default_sales_taxes',
    p.defaultSalesTaxes.map((t) => ({
      id: t.id,
      name: t.name,
      abbreviation: t.abbreviation,
      rate: String(t.rate ?? ''),
    })),
  );
  if (p.isArchived) row['archived'] = true;
  return row;
}

export function accountRow(a: WaveAccount): Row {
  const row: Row = { id: a.id, name: a.name, type: a.type.value, subtype: a.subtype.value };
  if (a.balance !== null)
    row['balance'] = { amount: toCurrencyDecimal(a.balance, a.currency.code), currency: a.currency.code };
  put(row, 'display_id', a.displayId);
  put(row, 'description', a.description);
  if (a.isArchived) row['archived'] = true;
  return row;
}

export function vendorRow(v: WaveVendor): Row {
  const row: Row = { id: v.id, name: v.name };
  put(row, 'contact', [v.firstName, v.lastName].filter(Boolean).join(' '));
  put(row, 'email', v.email);
  put(row, 'phone', v.phone);
  put(row, 'website', v.website);
  put(row, 'currency', v.currency?.code);
  if (v.isArchived) row['archived'] = true;
  return row;
}

/** Whole days from `due` to `today` (both `YYYY-MM-DD`), when positive. */
export function daysPast(due: string, today: string): number | undefined {
  const days = Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${due}T00:00:00Z`)) / 86_400_000);
  return Number.isFinite(days) && days > 0 ? days : undefined;
}

export function invoiceRow(i: WaveInvoiceSummary, today: string): Row {
  const currency = i.currency.code;
  const row: Row = { id: i.id, number: i.invoiceNumber, status: i.status };
  if (i.customer) row['customer'] = { id: i.customer.id, name: i.customer.name };
  row['invoice_date'] = i.invoiceDate;
  row['due_date'] = i.dueDate;
  const amountDue = amountOf(i.amountDue, currency);
  if (!isZero(amountDue) && i.status !== 'DRAFT') put(row, 'days_overdue', daysPast(i.dueDate, today));
  row['total'] = amountOf(i.total, currency);
  row['amount_due'] = amountDue;
  const paid = amountOf(i.amountPaid, currency);
  if (!isZero(paid)) row['amount_paid'] = paid;
  put(row, 'po_number', i.poNumber);
  put(row, 'last_sent_at', i.lastSentAt);
  row['view_url'] = i.viewUrl;
  return row;
}

export function invoiceDetail(i: WaveInvoiceDetail, today: string): Row {
  const currency = i.currency.code;
  const row = invoiceRow(i, today);
  delete row['view_url'];
  if (i.customer)
    row['customer'] = {
      id: i.customer.id,
      name: i.customer.name,
      ...(i.customer.email ? { email: i.customer.email } : {}),
    };
  put(row, 'title', i.title);
  row['items'] = i.items.map((item) => {
    const out: Row = {};
    if (item.product) out['product'] = item.product;
    put(out, 'description', item.description);
    out['quantity'] = String(item.quantity);
    out['unit_price'] = { amount: toCurrencyDecimal(item.unitPrice, currency), currency };
    out['subtotal'] = amountOf(item.subtotal, currency);
    put(
      out,
      'taxes',
      item.taxes.map((t) => ({
        name: t.salesTax.abbreviation || t.salesTax.name,
        rate: String(t.rate),
        amount: amountOf(t.amount, currency),
      })),
    );
    return out;
  });
  row['subtotal'] = amountOf(i.subtotal, currency);
  const discount: Amount | undefined = amountOf(i.discountTotal, currency);
  if (!isZero(discount)) row['discount_total'] = discount;
  row['tax_total'] = amountOf(i.taxTotal, currency);
  put(row, 'memo', i.memo);
  put(row, 'footer', i.footer);
  put(row, 'last_sent_via', i.lastSentVia);
  put(row, 'last_viewed_at', i.lastViewedAt);
  row['view_url'] = i.viewUrl;
  row['pdf_url'] = i.pdfUrl;
  return row;
}

/** Today as `YYYY-MM-DD` (UTC), for "days overdue". */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
