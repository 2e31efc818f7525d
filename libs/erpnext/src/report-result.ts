import { compactRow } from './compact.js';
import type { Doc } from './frappe-client.js';
import { plainText } from './text.js';

export interface ReportColumn {
  readonly fieldname: string;
  readonly label: string;
  readonly fieldtype?: string;
  readonly options?: string;
}

/** `frappe.scrub`: "Outstanding Amount" → "outstanding_amount". */
const scrub = (label: string) =>
  label
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

/**
 * `frappe.desk.query_report.get_column_as_dict`: columns are dicts, or (query reports before v15)
 * `"Label:Fieldtype/Options:Width"` strings.
 */
export function normalizeColumns(raw: unknown): ReportColumn[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((col: unknown): ReportColumn[] => {
    if (typeof col === 'string') {
      const [label = '', type] = col.split(':');
      const [fieldtype, options] = (type ?? '').split('/');
      return [
        {
          fieldname: scrub(label),
          label,
          ...(fieldtype ? { fieldtype } : {}),
          ...(options ? { options } : {}),
        },
      ];
    }
    if (col === null || typeof col !== 'object') return [];
    const c = col as Record<string, unknown>;
    const label = typeof c['label'] === 'string' ? plainText(c['label']) : '';
    const fieldname = typeof c['fieldname'] === 'string' ? c['fieldname'] : scrub(label);
    if (!fieldname) return [];
    return [
      {
        fieldname,
        label: label || fieldname,
        ...(typeof c['fieldtype'] === 'string' ? { fieldtype: c['fieldtype'] } : {}),
        ...(typeof c['options'] === 'string' && c['options'] !== '' ? { options: c['options'] } : {}),
      },
    ];
  });
}

/** Rows as objects keyed by column fieldname (query reports may send lists), nulls dropped. */
export function normalizeRows(raw: unknown, columns: readonly ReportColumn[]): Doc[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((row: unknown): Doc[] => {
    if (Array.isArray(row)) {
      const out: Doc = {};
      row.forEach((value: unknown, i) => (out[columns[i]?.fieldname ?? `column_${i + 1}`] = value));
      return [compactRow(out)];
    }
    return row !== null && typeof row === 'object' ? [compactRow(row as Doc)] : [];
  });
}

/** The total row Frappe appends when a report asks for one: its first column reads "'Total'". */
export function splitTotalRow(
  rows: readonly Doc[],
  columns: readonly ReportColumn[],
): { rows: Doc[]; total?: Doc } {
  const last = rows.at(-1);
  const first = columns[0]?.fieldname;
  if (last && first && typeof last[first] === 'string' && /^'?Total'?$/.test(last[first])) {
    const { [first]: _label, ...total } = last;
    return { rows: rows.slice(0, -1), total };
  }
  return { rows: [...rows] };
}

/** `report_summary` cards as label/value pairs. */
export function summaryOf(raw: unknown): { label: string; value: unknown }[] | undefined {
  if (!Array.isArray(raw) || raw.length === 0) return undefined;
  return raw.flatMap((card: unknown) => {
    if (card === null || typeof card !== 'object') return [];
    const c = card as Record<string, unknown>;
    return typeof c['label'] === 'string' ? [{ label: plainText(c['label']), value: c['value'] }] : [];
  });
}
