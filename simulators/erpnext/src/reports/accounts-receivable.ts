import { dateString, daysBetween } from '../site/clock.js';
import { validationError } from '../site/errors.js';
import type { Doc } from '../site/store.js';
import { num, filterValue, type ReportDefinition } from './report.js';
import { text } from '../site/values.js';

const COLUMNS = [
  { label: 'Posting Date', fieldname: 'posting_date', fieldtype: 'Date', width: 90 },
  { label: 'Party Type', fieldname: 'party_type', fieldtype: 'Data', width: 90 },
  { label: 'Party', fieldname: 'party', fieldtype: 'Dynamic Link', options: 'party_type', width: 180 },
  { label: 'Customer Name', fieldname: 'customer_name', fieldtype: 'Data', width: 180 },
  { label: 'Voucher Type', fieldname: 'voucher_type', fieldtype: 'Data', width: 120 },
  {
    label: 'Voucher No',
    fieldname: 'voucher_no',
    fieldtype: 'Dynamic Link',
    options: 'voucher_type',
    width: 180,
  },
  { label: 'Due Date', fieldname: 'due_date', fieldtype: 'Date', width: 90 },
  { label: 'Invoiced Amount', fieldname: 'invoiced', fieldtype: 'Currency', options: 'currency', width: 120 },
  { label: 'Paid Amount', fieldname: 'paid', fieldtype: 'Currency', options: 'currency', width: 120 },
  { label: 'Credit Note', fieldname: 'credit_note', fieldtype: 'Currency', options: 'currency', width: 120 },
  {
    label: 'Outstanding Amount',
    fieldname: 'outstanding',
    fieldtype: 'Currency',
    options: 'currency',
    width: 120,
  },
  { label: 'Age (Days)', fieldname: 'age', fieldtype: 'Int', width: 80 },
] as const;

/**
 * ERPNext's Accounts Receivable (`erpnext/accounts/report/accounts_receivable`): unpaid submitted sales
 * invoices at `report_date`, aged by due or posting date into `range1`…`range4` buckets.
 */
export const accountsReceivable: ReportDefinition = {
  name: 'Accounts Receivable',
  ref_doctype: 'Sales Invoice',
  report_type: 'Script Report',
  module: 'Accounts',
  add_total_row: 1,
  run(site, filters) {
    const company = filterValue(filters['company']);
    if (!company) throw validationError('Company is mandatory');
    const reportDate = filterValue(filters['report_date']) ?? dateString(site.clock.now());
    const byPosting = filterValue(filters['ageing_based_on']) === 'Posting Date';
    const party = filterValue(filters['customer']) ?? filterValue(filters['party']);
    const limits = [1, 2, 3, 4].map((i, k) => Number(filters[`range${i}`] ?? (k + 1) * 30));
    const labels = [
      `0-${limits[0]}`,
      ...limits.slice(1).map((l, k) => `${(limits[k] ?? 0) + 1}-${l}`),
      `${(limits[3] ?? 120) + 1}-Above`,
    ];
    const buckets = [0, 0, 0, 0, 0];
    const rows: Doc[] = [];
    for (const inv of site.store.all('Sales Invoice')) {
      if (inv['docstatus'] !== 1 || num(inv['outstanding_amount']) <= 0) continue;
      if (text(inv['company']).toLowerCase() !== company.toLowerCase()) continue;
      if (party && text(inv['customer']).toLowerCase() !== party.toLowerCase()) continue;
      if (text(inv['posting_date']) > reportDate) continue;
      const ageFrom = text(byPosting ? inv['posting_date'] : (inv['due_date'] ?? inv['posting_date']));
      const age = Math.max(0, daysBetween(ageFrom, reportDate));
      const bucket = limits.findIndex((l) => age <= l);
      const index = bucket === -1 ? 4 : bucket;
      const outstanding = num(inv['outstanding_amount']);
      buckets[index] = (buckets[index] ?? 0) + outstanding;
      const row: Doc = {
        posting_date: inv['posting_date'],
        party_type: 'Customer',
        party: inv['customer'],
        customer_name: inv['customer_name'],
        voucher_type: 'Sales Invoice',
        voucher_no: inv['name'],
        due_date: inv['due_date'],
        invoiced: num(inv['grand_total']),
        paid: Math.round((num(inv['grand_total']) - outstanding) * 100) / 100,
        credit_note: 0,
        outstanding,
        age,
        currency: inv['currency'],
      };
      labels.forEach((_, i) => (row[`range${i + 1}`] = i === index ? outstanding : 0));
      rows.push(row);
    }
    rows.sort((a, b) => text(a['posting_date']).localeCompare(text(b['posting_date'])));
    const rangeColumns = labels.map((label, i) => ({
      label,
      fieldname: `range${i + 1}`,
      fieldtype: 'Currency',
      options: 'currency',
      width: 120,
    }));
    return {
      columns: [
        ...COLUMNS,
        ...rangeColumns,
        { label: 'Currency', fieldname: 'currency', fieldtype: 'Link', options: 'Currency', width: 80 },
      ],
      result: rows,
      chart: {
        data: { labels, datasets: [{ values: buckets.map((b) => Math.round(b * 100) / 100) }] },
        type: 'percentage',
      },
    };
  },
};
