import { tableFields } from '../site/meta.js';
import type { Site } from '../site/site.js';
import type { Doc } from '../site/store.js';

/**
 * `frappe.desk.form.load.getdoctype`: the DocType document and those of its child tables, with the
 * client-side assets a form needs (`__js`, `__list_js`, …), which an API client has no use for.
 */
export function doctypeBundle(site: Site, doctype: string): Doc[] {
  const meta = site.meta(doctype);
  const names = [meta.name, ...tableFields(meta).map((t) => t.options ?? '')];
  return names.map((name, i) => {
    const doc = site.raw('DocType', name);
    const script = `frappe.ui.form.on("${name}", {\n\trefresh(frm) {\n\t\tfrm.set_query("customer", () => ({ filters: { disabled: 0 } }));\n\t},\n});\n`;
    return i === 0
      ? {
          ...doc,
          __js: script,
          __list_js: `frappe.listview_settings["${name}"] = { add_fields: ["status"] };\n`,
          __css: '',
          __messages: {},
          __print_formats: [],
          __workflow_docs: [],
          __form_grid_templates: {},
          __listview_template: null,
          __tree_js: null,
          __dashboard: { fieldname: 'name', transactions: [] },
          __linked_with: {},
          __last_sync_on: '2024-01-15 09:30:00.000000',
        }
      : doc;
  });
}
