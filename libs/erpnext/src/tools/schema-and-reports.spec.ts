import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, type Harness } from '../spec-harness.js';

type Doc = Record<string, unknown>;

describe('erpnext schema discovery and reports', () => {
  let h: Harness;
  before(async () => (h = await startHarness()));
  after(() => h.close());

  it('lists DocTypes without child tables unless asked, with search and module', async () => {
    const all = await h.json<{ doctypes: Doc[] }>('erpnext_list_doctypes', {});
    assert.ok(all.doctypes.some((d) => d['name'] === 'Sales Invoice' && d['submittable'] === true));
    assert.ok(!all.doctypes.some((d) => d['name'] === 'Sales Invoice Item'));
    const child = await h.json<{ doctypes: Doc[] }>('erpnext_list_doctypes', {
      search: 'invoice',
      include_child_tables: true,
    });
    assert.deepEqual(
      child.doctypes.map((d) => d['name']),
      ['Sales Invoice', 'Sales Invoice Item'],
    );
    const paged = await h.json<{ doctypes: Doc[]; next_offset?: number }>('erpnext_list_doctypes', {
      module: 'Setup',
      limit: 2,
    });
    assert.equal(paged.doctypes.length, 2);
    assert.equal(paged.next_offset, 2);
  });

  it('describes a DocType: fields with types, links, options, required; child tables; list columns', async () => {
    const d = await h.json<{
      submittable: boolean;
      title_field: string;
      fields: Doc[];
      child_tables: { fieldname: string; doctype: string; fields: Doc[] }[];
      list_view_fields: string[];
    }>('erpnext_describe_doctype', { doctype: 'Sales Invoice' });
    assert.equal(d.submittable, true);
    assert.equal(d.title_field, 'customer_name');
    assert.deepEqual(
      d.fields.find((f) => f['fieldname'] === 'customer'),
      {
        fieldname: 'customer',
        label: 'Customer',
        type: 'Link',
        link: 'Customer',
        required: true,
      },
    );
    assert.ok(
      (d.fields.find((f) => f['fieldname'] === 'status')?.['options'] as string[]).includes('Overdue'),
    );
    assert.ok(!d.fields.some((f) => f['type'] === 'Section Break' || f['type'] === 'Table'));
    assert.equal(d.child_tables[0]?.doctype, 'Sales Invoice Item');
    assert.ok(d.child_tables[0]?.fields.some((f) => f['fieldname'] === 'item_code'));
    assert.ok(d.list_view_fields.includes('grand_total'));
    assert.match(
      await h.toolError('erpnext_describe_doctype', { doctype: 'Spaceship' }),
      /DocType Spaceship not found/,
    );
  });

  it('runs a report: typed columns, object rows, the total row apart, paging', async () => {
    const r = await h.json<{
      columns: Doc[];
      rows: Doc[];
      row_count: number;
      next_offset?: number;
      totals?: Doc;
      chart?: unknown;
    }>('erpnext_run_report', {
      report_name: 'Accounts Receivable',
      filters: { company: 'Northwind Trading Co.' },
      limit: 3,
    });
    assert.deepEqual(r.columns[0], { fieldname: 'posting_date', label: 'Posting Date', fieldtype: 'Date' });
    assert.equal(r.rows.length, 3);
    assert.equal(r.next_offset, 3);
    assert.ok(r.row_count > 3);
    assert.equal(typeof r.totals?.['outstanding'], 'number');
    assert.equal(r.chart, undefined);
    const summary = await h.json<{ summary: { label: string }[]; totals: Doc }>('erpnext_run_report', {
      report_name: 'Sales Register',
      filters: { from_date: '2000-01-01' },
      include_chart: true,
    });
    assert.deepEqual(
      summary.summary.map((s) => s.label),
      ['Invoices', 'Total Invoiced', 'Total Outstanding'],
    );
  });

  it('explains missing filters, unknown reports and forbidden ones', async () => {
    assert.match(
      await h.toolError('erpnext_run_report', { report_name: 'Accounts Receivable' }),
      /Company is mandatory\. Pass the missing filter/,
    );
    assert.match(
      await h.toolError('erpnext_run_report', { report_name: 'Nope' }),
      /Report Nope not found\. List report names with erpnext_list_documents/,
    );
    assert.match(
      await h.toolError('erpnext_run_report', { report_name: 'Salary Register' }),
      /HTTP 403.*report permission/,
    );
    const reports = await h.json<{ documents: Doc[] }>('erpnext_list_documents', {
      doctype: 'Report',
      fields: ['name', 'ref_doctype', 'report_type'],
      filters: { disabled: 0 },
      order_by: 'name asc',
    });
    assert.ok(
      reports.documents.some(
        (d) => d['name'] === 'Accounts Receivable' && d['report_type'] === 'Script Report',
      ),
    );
  });
});
