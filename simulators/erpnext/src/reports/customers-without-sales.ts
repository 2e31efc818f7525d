import type { ReportDefinition } from './report.js';
import { text } from '../site/values.js';

/** ERPNext's "Customers Without Any Sales Transactions" (a Query Report: SQL columns, no filters). */
export const customersWithoutSales: ReportDefinition = {
  name: 'Customers Without Any Sales Transactions',
  ref_doctype: 'Customer',
  report_type: 'Query Report',
  module: 'Selling',
  add_total_row: 0,
  run(site) {
    const buyers = new Set(
      [...site.store.all('Sales Invoice'), ...site.store.all('Sales Order')]
        .filter((d) => d['docstatus'] === 1)
        .map((d) => text(d['customer']).toLowerCase()),
    );
    return {
      columns: [
        { label: 'Customer', fieldname: 'customer', fieldtype: 'Link', options: 'Customer', width: 120 },
        { label: 'Customer Name', fieldname: 'customer_name', fieldtype: 'Data', width: 120 },
        { label: 'Territory', fieldname: 'territory', fieldtype: 'Link', options: 'Territory', width: 120 },
        {
          label: 'Customer Group',
          fieldname: 'customer_group',
          fieldtype: 'Link',
          options: 'Customer Group',
          width: 120,
        },
      ],
      result: site.store
        .all('Customer')
        .filter((c) => !buyers.has(text(c['name']).toLowerCase()))
        .map((c) => ({
          customer: c['name'],
          customer_name: c['customer_name'],
          territory: c['territory'] ?? null,
          customer_group: c['customer_group'] ?? null,
        })),
    };
  },
};
