import { Type } from '@sinclair/typebox';
import { READ_ONLY, defineTool, jsonResult } from '@mcp-gateway/connector-kit';
import type { ErpnextBackend } from '../backend.js';
import { normalizeColumns, normalizeRows, splitTotalRow, summaryOf } from '../report-result.js';
import { freeObject, limit, offset } from '../schema.js';
import { explained } from './hints.js';

const DEFAULT_ROWS = 100;
const MAX_ROWS = 1000;

const Input = Type.Object(
  {
    report_name: Type.String({
      minLength: 1,
      maxLength: 140,
      description:
        'The report, e.g. "Accounts Receivable", "General Ledger", "Sales Register", "Stock Balance".',
    }),
    filters: Type.Optional(
      freeObject(
        'Report filters by fieldname, e.g. {"company": "Northwind Trading Co.", "report_date": "2026-03-31"} or {"from_date": "2026-01-01", "to_date": "2026-03-31"}. Dates are "YYYY-MM-DD". Most financial reports need company.',
      ),
    ),
    limit: Type.Optional(limit('rows', DEFAULT_ROWS, MAX_ROWS)),
    offset: Type.Optional(offset('rows')),
    include_chart: Type.Optional(
      Type.Boolean({ default: false, description: "Include the report's chart data. Default false." }),
    ),
  },
  { additionalProperties: false },
);

export const runReport = defineTool<ErpnextBackend, typeof Input>({
  name: 'erpnext_run_report',
  title: 'ERPNext: run a report',
  description: [
    'Runs an ERPNext query or script report (Accounts Receivable, Accounts Payable, General Ledger, Trial Balance, Profit and Loss Statement, Balance Sheet, Sales Register, Stock Balance, Gross Profit, …) and returns its columns and rows.',
    'Rows are objects keyed by column fieldname; the total row comes separately in totals, summary cards in summary. Rows are paged (limit/offset, next_offset).',
    'Report names: erpnext_list_documents {"doctype": "Report", "fields": ["name", "ref_doctype", "report_type"], "filters": {"disabled": 0}}. When a required filter is missing ERPNext says which.',
    'Example: {"report_name": "Accounts Receivable", "filters": {"company": "Northwind Trading Co.", "ageing_based_on": "Due Date"}}.',
  ].join(' '),
  input: Input,
  annotations: READ_ONLY,
  async run(args, { backend, signal }) {
    const body = await explained(
      backend.client.call(
        'frappe.desk.query_report.run',
        { report_name: args.report_name, filters: args.filters ?? {} },
        { signal, subject: `the report ${args.report_name}` },
      ),
      {
        404: 'List report names with erpnext_list_documents {"doctype": "Report", "fields": ["name", "ref_doctype"]}.',
        417: 'Pass the missing filter (by fieldname) in filters.',
      },
    );
    const message = (body['message'] ?? {}) as Record<string, unknown>;
    if (message['prepared_report']) {
      const doc = (message['doc'] ?? {}) as Record<string, unknown>;
      return jsonResult({
        report: args.report_name,
        prepared_report: true,
        status: doc['status'] ?? 'Queued',
        note: 'ERPNext runs this report in the background (a prepared report). Ask again in a minute; if it stays queued, narrow the filters.',
      });
    }
    const columns = normalizeColumns(message['columns']);
    const { rows, total } = splitTotalRow(normalizeRows(message['result'], columns), columns);
    const start = args.offset ?? 0;
    const size = args.limit ?? DEFAULT_ROWS;
    const page = rows.slice(start, start + size);
    const result: Record<string, unknown> = {
      report: args.report_name,
      columns: columns.map((c) => ({
        fieldname: c.fieldname,
        label: c.label,
        ...(c.fieldtype ? { fieldtype: c.fieldtype } : {}),
      })),
      row_count: rows.length,
      offset: start,
    };
    if (start + page.length < rows.length) result['next_offset'] = start + page.length;
    result['rows'] = page;
    if (total) result['totals'] = total;
    const summary = summaryOf(message['report_summary']);
    if (summary) result['summary'] = summary;
    if (typeof message['message'] === 'string' && message['message'] !== '')
      result['message'] = message['message'];
    if (args.include_chart && message['chart']) result['chart'] = message['chart'];
    return jsonResult(result, 'ask for fewer rows (limit) or narrower filters');
  },
});
