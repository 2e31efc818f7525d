import { FrappeException, doesNotExist } from '../site/errors.js';
import { ordered } from '../site/document.js';
import { jsonArg } from '../query/parse.js';
import type { Session } from '../site/session.js';
import type { Site } from '../site/site.js';
import type { Doc } from '../site/store.js';
import { accountsReceivable } from './accounts-receivable.js';
import { customersWithoutSales } from './customers-without-sales.js';
import type { ReportColumn, ReportDefinition } from './report.js';
import { salaryRegister } from './salary-register.js';
import { salesRegister } from './sales-register.js';

export const REPORTS: readonly ReportDefinition[] = [
  accountsReceivable,
  salesRegister,
  customersWithoutSales,
  salaryRegister,
];

const NUMERIC = new Set(['Currency', 'Float', 'Int', 'Percent']);

/** Stores a `Report` document per report so `GET /api/resource/Report` lists them. */
export function seedReports(site: Site): void {
  const meta = site.meta('Report');
  for (const r of REPORTS) {
    site.store.put(
      'Report',
      ordered(meta, {
        name: r.name,
        owner: 'Administrator',
        creation: '2024-01-15 09:30:00.000000',
        modified: '2024-01-15 09:30:00.000000',
        modified_by: 'Administrator',
        docstatus: 0,
        idx: 0,
        report_name: r.name,
        ref_doctype: r.ref_doctype,
        report_type: r.report_type,
        module: r.module,
        is_standard: 'Yes',
        add_total_row: r.add_total_row,
        prepared_report: 0,
        disabled: 0,
      }),
    );
  }
}

/**
 * `frappe.desk.query_report.run`: checks the report exists and that the user may read its DocType, runs
 * it, and (v15) appends the total row server-side when the report asks for one.
 */
export function runReport(site: Site, reportName: string, rawFilters: unknown, session: Session): Doc {
  const report = REPORTS.find((r) => r.name.toLowerCase() === reportName.trim().toLowerCase());
  if (!report || !site.store.has('Report', report.name)) throw doesNotExist('Report', reportName);
  const refMeta = site.meta(report.ref_doctype);
  if (refMeta.noAccess || session.user === 'Guest') {
    throw new FrappeException(
      'PermissionError',
      403,
      [{ message: 'Must have report permission to access this report.', title: 'Message', indicator: 'red' }],
      'Must have report permission to access this report.',
    );
  }
  const filters = jsonArg(rawFilters);
  const started = performance.now();
  const out = report.run(
    site,
    filters !== null && typeof filters === 'object' ? (filters as Record<string, unknown>) : {},
  );
  const result: Doc[] = [...out.result];
  if (report.add_total_row && result.length > 0) result.push(totalRow(out.columns, result));
  return {
    result,
    columns: out.columns,
    message: out.message ?? null,
    chart: out.chart ?? null,
    report_summary: out.report_summary ?? null,
    skip_total_row: 0,
    status: null,
    execution_time: Math.round((performance.now() - started) / 10) / 100 + 0.01,
    add_total_row: report.add_total_row === 1,
  };
}

/** `frappe.desk.query_report.add_total_row`: sums of numeric columns, "'Total'" in the first. */
function totalRow(columns: readonly ReportColumn[], rows: readonly Doc[]): Doc {
  const total: Doc = {};
  columns.forEach((c, i) => {
    if (NUMERIC.has(c.fieldtype) && c.fieldname !== 'age') {
      const sum = rows.reduce(
        (s, r) => s + (typeof r[c.fieldname] === 'number' ? (r[c.fieldname] as number) : 0),
        0,
      );
      total[c.fieldname] = Math.round(sum * 100) / 100;
    } else {
      total[c.fieldname] = i === 0 ? "'Total'" : null;
    }
  });
  return total;
}
