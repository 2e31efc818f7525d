import { randomBytes } from 'node:crypto';
import { dateString, type Clock } from './clock.js';
import type { DocTypeMeta } from './meta.js';
import type { Doc, DocStore } from './store.js';
import { mandatoryError, validationError } from './errors.js';
import type { Session } from './session.js';
import { text } from './values.js';

/**
 * `frappe.model.naming.set_new_name`: a name the client sent is ignored unless the DocType is named by
 * prompt; otherwise the autoname rule decides (naming series, a field, a hash, or a controller).
 */
export class Naming {
  private readonly series = new Map<string, number>();

  constructor(
    private readonly store: DocStore,
    private readonly clock: Clock,
  ) {}

  name(meta: DocTypeMeta, doc: Doc, session: Session): string {
    const autoname = meta.autoname;
    if (autoname === 'prompt') return required(meta, doc, 'name', 'Name');
    if (autoname === 'hash') return hash();
    if (autoname === 'naming_series:') return this.next(text(doc['naming_series']));
    if (autoname.startsWith('field:')) {
      const fieldname = autoname.slice('field:'.length);
      const label = meta.fields.find((f) => f.fieldname === fieldname)?.label ?? fieldname;
      return required(meta, doc, fieldname, label);
    }
    if (autoname === 'Customer') return this.customerName(doc, session);
    if (autoname === 'Warehouse') return this.warehouseName(doc);
    throw new Error(`unknown autoname ${autoname}`);
  }

  /** `.YYYY.` and friends become today's parts; `#####` (added when absent) the next number. */
  next(seriesPattern: string): string {
    const today = dateString(this.clock.now());
    const parts = seriesPattern.includes('#') ? seriesPattern : `${seriesPattern}.#####`;
    let prefix = '';
    let digits = 5;
    for (const part of parts.split('.')) {
      if (part === 'YYYY') prefix += today.slice(0, 4);
      else if (part === 'YY') prefix += today.slice(2, 4);
      else if (part === 'MM') prefix += today.slice(5, 7);
      else if (part === 'DD') prefix += today.slice(8, 10);
      else if (/^#+$/.test(part)) digits = part.length;
      else prefix += part;
    }
    const current = (this.series.get(prefix) ?? 0) + 1;
    this.series.set(prefix, current);
    return `${prefix}${text(current).padStart(digits, '0')}`;
  }

  /** The series counters as they are, to put back when the insert that advanced them fails (a rollback). */
  snapshot(): () => void {
    const saved = new Map(this.series);
    return () => {
      this.series.clear();
      for (const [k, v] of saved) this.series.set(k, v);
    };
  }

  /** ERPNext's Customer: named by customer_name; a taken name gets " - 1", " - 2", … and a note. */
  private customerName(doc: Doc, session: Session): string {
    const base = text(doc['customer_name']).trim();
    if (!base) throw mandatoryError('Customer', 'Customer Name', 'new-customer');
    if (!this.store.has('Customer', base)) return base;
    let count = 1;
    while (this.store.has('Customer', `${base} - ${count}`)) count++;
    const renamed = `${base} - ${count}`;
    session.messages.push({
      message: `Changed customer name to '${renamed}' as '${base}' already exists.`,
      title: 'Note',
      indicator: 'yellow',
    });
    return renamed;
  }

  /** Warehouses are "<warehouse_name> - <company abbr>". */
  private warehouseName(doc: Doc): string {
    const company = this.store.get('Company', text(doc['company']));
    if (!company) throw validationError('Company is mandatory for a Warehouse');
    return `${text(doc['warehouse_name'])} - ${text(company['abbr'])}`;
  }
}

function required(meta: DocTypeMeta, doc: Doc, fieldname: string, label: string): string {
  const value = doc[fieldname];
  if (value === undefined || value === null || text(value).trim() === '') {
    throw mandatoryError(meta.name, label, `new-${meta.name.toLowerCase().replace(/ /g, '-')}`);
  }
  return text(value).trim();
}

/** `frappe.generate_hash(length=10)`. */
export function hash(): string {
  return randomBytes(5).toString('hex');
}
