import { addDays, dateString } from '../site/clock.js';
import type { Doc } from '../site/store.js';
import { num, filterValue, type ReportDefinition } from './report.js';
import { text } from '../site/values.js';

/** ERPNext's Sales Register: submitted invoices between `from_date` and `to_date`, with a summary. */
export const salesRegister: ReportDefinition = {
  name: 'Sales Register',
  ref_doctype: 'Sales Invoice',
  report_type: 'Script Report',
  module: 'Accounts',
  add_total_row: 1,
  run(site, filters) {
    const today = dateString(site.clock.now());
    const from = filterValue(filters['from_date']) ?? addDays(today, -30);
    const to = filterValue(filters['to_date']) ?? today;
    const company = filterValue(filters['company'])?.toLowerCase();
    const customer = filterValue(filters['customer'])?.toLowerCase();
    const rows: Doc[] = site.store
      .all('Sales Invoice')
      .filter(
        (inv) =>
          inv['docstatus'] === 1 &&
          text(inv['posting_date']) >= from &&
          text(inv['posting_date']) <= to &&
          (!company || text(inv['company']).toLowerCase() === company) &&
          (!customer || text(inv['customer']).toLowerCase() === customer),
      )
      .sort((a, b) => text(a['posting_date']).localeCompare(text(b['posting_date'])))
      .map((inv) => {
        const customerDoc = site.store.get('Customer', text(inv['customer']));
        return {
          voucher_type: 'Sales Invoice',
          invoice: inv['name'],
          posting_date: inv['posting_date'],
          customer: inv['customer'],
          customer_name: inv['customer_name'],
          customer_group: customerDoc?.['customer_group'] ?? null,
          territory: customerDoc?.['territory'] ?? null,
          currency: inv['currency'],
          net_total: num(inv['total']),
          tax_total: 0,
          grand_total: num(inv['grand_total']),
          outstanding_amount: num(inv['outstanding_amount']),
        };
      });
    const invoiced = rows.reduce((s, r) => s + num(r['grand_total']), 0);
    const outstanding = rows.reduce((s, r) => s + num(r['outstanding_amount']), 0);
    return {
      columns: [
        { label: 'Voucher Type', fieldname: 'voucher_type', fieldtype: 'Data', width: 120 },
        {
          label: 'Invoice',
          fieldname: 'invoice',
          fieldtype: 'Dynamic Link',
          options: 'voucher_type',
          width: 120,
        },
        { label: 'Posting Date', fieldname: 'posting_date', fieldtype: 'Date', width: 80 },
        { label: 'Customer', fieldname: 'customer', fieldtype: 'Link', options: 'Customer', width: 120 },
        { label: 'Customer Name', fieldname: 'customer_name', fieldtype: 'Data', width: 120 },
        {
          label: 'Customer Group',
          fieldname: 'customer_group',
          fieldtype: 'Link',
          options: 'Customer Group',
          width: 120,
        },
        { label: 'Territory', fieldname: 'territory', fieldtype: 'Link', options: 'Territory', width: 80 },
        { label: 'Currency', fieldname: 'currency', fieldtype: 'Data', width: 80 },
        {
          label: 'Net Total',
          fieldname: 'net_total',
          fieldtype: 'Currency',
          options: 'currency',
          width: 120,
        },
        {
          label: 'Total Tax',
          fieldname: 'tax_total',
          fieldtype: 'Currency',
          options: 'currency',
          width: 120,
        },
        {
          label: 'Grand Total',
          fieldname: 'grand_total',
          fieldtype: 'Currency',
          options: 'currency',
          width: 120,
        },
        {
          label: 'Outstanding Amount',
          fieldname: 'outstanding_amount',
          fieldtype: 'Currency',
          options: 'currency',
          width: 120,
        },
      ],
      result: rows,
      report_summary: [
        { value: rows.length, label: 'Invoices', datatype: 'Int', indicator: 'Blue' },
        {
          value: Math.round(invoiced * 100) / 100,
          label: 'Total Invoiced',
          datatype: 'Currency',
          indicator: 'Green',
        },
        {
          value: Math.round(outstanding * 100) / 100,
          label: 'Total Outstanding',
          datatype: 'Currency',
          indicator: 'Red',
        },
      ],
    };
  },
};
