import { tableFields, valueFields, type DocTypeMeta } from './meta.js';
import type { DocStore } from './store.js';
import { rowsOf } from './validate.js';
import { text } from './values.js';

export interface LinkingDocument {
  readonly doctype: string;
  readonly name: string;
  /** ` at Row: 2` when a child row links. */
  readonly row?: string;
}

/** `check_if_doc_is_linked`: the first document whose Link field (or child row's) names this one. */
export function linkingDocument(
  store: DocStore,
  metas: readonly DocTypeMeta[],
  doctype: string,
  name: string,
): LinkingDocument | undefined {
  const target = name.toLowerCase();
  const linksTo = (m: DocTypeMeta) =>
    valueFields(m).filter(
      (f) => f.fieldtype === 'Link' && f.options === doctype && f.fieldname !== 'amended_from',
    );
  for (const meta of metas) {
    if (meta.istable || meta.name === 'DocType') continue;
    const own = linksTo(meta);
    const tables = tableFields(meta).flatMap((t) => {
      const child = metas.find((m) => m.name === t.options);
      return child ? [{ fieldname: t.fieldname, links: linksTo(child) }] : [];
    });
    for (const doc of store.all(meta.name)) {
      if (own.some((f) => text(doc[f.fieldname]).toLowerCase() === target))
        return { doctype: meta.name, name: text(doc['name']) };
      for (const table of tables) {
        for (const row of rowsOf(doc, table.fieldname)) {
          if (table.links.some((f) => text(row[f.fieldname]).toLowerCase() === target))
            return { doctype: meta.name, name: text(doc['name']), row: `at Row: ${text(row['idx'])}` };
        }
      }
    }
  }
  return undefined;
}
