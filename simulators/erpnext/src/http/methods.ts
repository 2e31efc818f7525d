import { runCount, runList } from '../query/list.js';
import { jsonArg, sbool } from '../query/parse.js';
import { runReport } from '../reports/run.js';
import { asDict } from '../site/document.js';
import { notPermitted, validationError } from '../site/errors.js';
import { GUEST } from '../site/session.js';
import type { Doc } from '../site/store.js';
import { doctypeBundle } from './doctype-bundle.js';
import type { ApiCall, HandlerResult } from './request.js';
import { text } from '../site/values.js';

interface Method {
  /** `@frappe.whitelist(methods=[…])`; GET and POST when unrestricted. */
  readonly methods: readonly string[];
  readonly allowGuest?: boolean;
  readonly run: (call: ApiCall) => unknown;
}

const READ = ['GET', 'POST'];
const WRITE = ['POST', 'PUT'];

const docArg = (v: unknown): Doc => {
  const parsed = jsonArg(v);
  return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Doc) : {};
};

/** The whitelisted methods the simulator answers (`frappe/client.py`, `frappe/desk/…`). */
const METHODS: Readonly<Record<string, Method>> = {
  ping: { methods: READ, allowGuest: true, run: () => 'pong' },
  'frappe.auth.get_logged_user': { methods: READ, allowGuest: true, run: (c) => c.session.user },
  'frappe.client.get_list': {
    methods: READ,
    run(c) {
      const meta = c.site.readable(text(c.form['doctype']), c.session);
      c.site.refreshStatuses();
      return runList(meta, c.site.store.all(meta.name), c.form, c.site.findMeta);
    },
  },
  'frappe.client.get_count': {
    methods: READ,
    run(c) {
      const meta = c.site.readable(text(c.form['doctype']), c.session);
      c.site.refreshStatuses();
      return runCount(meta, c.site.store.all(meta.name), c.form['filters'], c.site.findMeta);
    },
  },
  'frappe.client.get_value': {
    methods: READ,
    run(c) {
      const meta = c.site.readable(text(c.form['doctype']), c.session);
      const fieldname = jsonArg(c.form['fieldname']) ?? 'name';
      const fields = Array.isArray(fieldname) ? fieldname.map(text) : [text(fieldname)];
      const filtersArg = jsonArg(c.form['filters']);
      const filters = typeof filtersArg === 'string' ? { name: filtersArg } : filtersArg;
      const [row] = runList(
        meta,
        c.site.store.all(meta.name),
        { fields, filters, limit_page_length: 1 },
        c.site.findMeta,
      );
      if (row === undefined) return undefined;
      return sbool(c.form['as_dict'], true) ? row : Object.values(row as Doc);
    },
  },
  'frappe.client.get': {
    methods: READ,
    run(c) {
      const doctype = text(c.form['doctype']);
      const meta = c.site.readable(doctype, c.session);
      let name = text(c.form['name']);
      if (!name) {
        const [row] = runList(
          meta,
          c.site.store.all(meta.name),
          { filters: c.form['filters'], limit_page_length: 1 },
          c.site.findMeta,
        );
        name = text((row as Doc | undefined)?.['name']);
      }
      c.site.refreshStatuses();
      return c.site.read(doctype, name, c.session);
    },
  },
  'frappe.client.insert': {
    methods: WRITE,
    run(c) {
      const doc = docArg(c.form['doc']);
      return c.site.insert(text(doc['doctype']), doc, c.session);
    },
  },
  'frappe.client.set_value': {
    methods: WRITE,
    run(c) {
      const fieldname = jsonArg(c.form['fieldname']);
      const values =
        typeof fieldname === 'object' && fieldname !== null
          ? (fieldname as Doc)
          : { [text(fieldname)]: c.form['value'] };
      return c.site.update(text(c.form['doctype']), text(c.form['name']), values, c.session);
    },
  },
  'frappe.client.submit': {
    methods: WRITE,
    run(c) {
      const doc = docArg(c.form['doc']);
      return c.site.submit(text(doc['doctype']), text(doc['name']), c.session);
    },
  },
  'frappe.client.cancel': {
    methods: WRITE,
    run(c) {
      c.site.cancel(text(c.form['doctype']), text(c.form['name']), c.session);
      return undefined;
    },
  },
  'frappe.client.delete': {
    methods: ['POST', 'PUT', 'DELETE'],
    run(c) {
      c.site.delete(text(c.form['doctype']), text(c.form['name']), c.session);
      return undefined;
    },
  },
  'frappe.desk.query_report.run': {
    methods: READ,
    run(c) {
      c.site.refreshStatuses();
      return runReport(c.site, text(c.form['report_name']), c.form['filters'], c.session);
    },
  },
};

/**
 * `/api/method/<cmd>` (`frappe.handler.handle`): Guest may only call allow_guest methods, a method only
 * answers its HTTP verbs, and the return value becomes `{"message": …}` (nothing when it is None).
 */
export function callMethod(call: ApiCall, cmd: string): HandlerResult {
  if (cmd === 'frappe.desk.form.load.getdoctype') {
    if (call.session.user === GUEST) throw notPermitted();
    const doctype = text(call.form['doctype']);
    call.site.readable(doctype, call.session);
    return { body: { docs: doctypeBundle(call.site, doctype).map(asDict), user_settings: '{}' } };
  }
  const method = METHODS[cmd];
  if (!method) {
    const module = cmd.split('.').slice(0, -1).join('.');
    throw validationError(
      `Failed to get method for command ${cmd} with ${module ? `module '${module}' has no attribute '${cmd.split('.').at(-1) ?? ''}'` : `No module named '${cmd}'`}`,
    );
  }
  if (call.session.user === GUEST && !method.allowGuest) throw notPermitted();
  if (!method.methods.includes(call.httpMethod)) throw notPermitted();
  const value = method.run(call);
  return { body: value === undefined ? {} : { message: value } };
}
