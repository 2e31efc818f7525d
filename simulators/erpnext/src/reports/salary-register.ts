import type { ReportDefinition } from './report.js';

/** Exists, but on a DocType the API user cannot read: running it is a permission error. */
export const salaryRegister: ReportDefinition = {
  name: 'Salary Register',
  ref_doctype: 'Salary Slip',
  report_type: 'Script Report',
  module: 'Payroll',
  add_total_row: 1,
  run: () => ({ columns: [], result: [] }),
};
