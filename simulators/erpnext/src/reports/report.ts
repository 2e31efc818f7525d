import type { Site } from '../site/site.js';
import type { Doc } from '../site/store.js';

/** A report column as Frappe sends it (`get_column_as_dict`). */
export interface ReportColumn {
  readonly label: string;
  readonly fieldname: string;
  readonly fieldtype: string;
  readonly options?: string;
  readonly width?: number;
}

/** What a script report's `execute(filters)` returns, by name instead of by position. */
export interface ReportOutput {
  readonly columns: readonly ReportColumn[];
  readonly result: readonly Doc[];
  readonly message?: string | null;
  readonly chart?: unknown;
  readonly report_summary?: unknown;
}

export interface ReportDefinition {
  readonly name: string;
  readonly ref_doctype: string;
  readonly report_type: 'Script Report' | 'Query Report';
  readonly module: string;
  readonly add_total_row: 0 | 1;
  readonly run: (site: Site, filters: Readonly<Record<string, unknown>>) => ReportOutput;
}

export const filterValue = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

export const num = (value: unknown): number => (typeof value === 'number' ? value : 0);
