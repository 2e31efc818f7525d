import { text } from './values.js';

/** A document as stored: field values, standard columns, and child rows under their table fieldnames. */
export type Doc = Record<string, unknown>;

/**
 * Every parent document by DocType and name. Names compare case-insensitively, like MariaDB's default
 * collation does for Frappe's primary keys (`frappe.db.get_value("Customer", "acme corporation")` finds
 * "Acme Corporation").
 */
export class DocStore {
  private readonly tables = new Map<string, Map<string, Doc>>();

  all(doctype: string): Doc[] {
    return [...(this.tables.get(doctype)?.values() ?? [])];
  }

  get(doctype: string, name: string): Doc | undefined {
    return this.tables.get(doctype)?.get(name.toLowerCase());
  }

  has(doctype: string, name: string): boolean {
    return this.get(doctype, name) !== undefined;
  }

  put(doctype: string, doc: Doc): void {
    let table = this.tables.get(doctype);
    if (!table) {
      table = new Map();
      this.tables.set(doctype, table);
    }
    table.set(text(doc['name']).toLowerCase(), doc);
  }

  delete(doctype: string, name: string): void {
    this.tables.get(doctype)?.delete(name.toLowerCase());
  }
}
