import { dateString, datetimeString, systemClock, type Clock } from './clock.js';
import { CONTROLLERS, invoiceStatus } from './controllers.js';
import { applyDefaults, applyValues, asDict, ordered } from './document.js';
import { CORE_DOCTYPES } from './doctypes/core.js';
import { SELLING_DOCTYPES } from './doctypes/selling.js';
import { SETUP_DOCTYPES } from './doctypes/setup.js';
import { bareValidation, doesNotExist, duplicateEntry, permissionError, validationError } from './errors.js';
import { tableFields, type DocTypeMeta } from './meta.js';
import { Naming } from './naming.js';
import { GUEST, type Session } from './session.js';
import { DocStore, type Doc } from './store.js';
import {
  rowsOf,
  validateLinks,
  validateMandatory,
  validateSelects,
  validateUpdateAfterSubmit,
} from './validate.js';
import { docTypeDocument } from './doctype-docs.js';
import { linkingDocument } from './links.js';
import { text } from './values.js';

const DOCSTATUS_LABEL = ['0 (Draft)', '1 (Submitted)', '2 (Cancelled)'];

/**
 * One Frappe site in memory: DocType metadata, documents, naming series and the document lifecycle
 * (insert, save, submit, cancel, delete) with Frappe's validations and ERPNext's selling controllers.
 */
export class Site {
  readonly store = new DocStore();
  readonly naming: Naming;
  private readonly metas = new Map<string, DocTypeMeta>();
  defaultCompany: string | undefined;

  constructor(readonly clock: Clock = systemClock) {
    this.naming = new Naming(this.store, clock);
    for (const meta of [...CORE_DOCTYPES, ...SETUP_DOCTYPES, ...SELLING_DOCTYPES])
      this.metas.set(meta.name, meta);
    for (const meta of this.metas.values()) this.store.put('DocType', docTypeDocument(meta));
  }

  /** `frappe.get_meta`: unknown DocTypes are `DocType <name> not found` (404). */
  meta(doctype: string): DocTypeMeta {
    const meta = this.metas.get(doctype);
    if (!meta) throw doesNotExist('DocType', doctype);
    return meta;
  }

  readonly childMeta = (doctype: string): DocTypeMeta => this.meta(doctype);
  readonly findMeta = (doctype: string): DocTypeMeta | undefined => this.metas.get(doctype);

  /** Read permission for lists and documents; child tables are only readable through their parent. */
  readable(doctype: string, session: Session): DocTypeMeta {
    const meta = this.meta(doctype);
    if (session.user === GUEST || meta.noAccess || meta.istable) throw permissionError(meta.name);
    return meta;
  }

  writable(doctype: string, session: Session): DocTypeMeta {
    const meta = this.readable(doctype, session);
    if (meta.readOnly) throw permissionError(meta.name);
    return meta;
  }

  /** The stored document (not a copy), or `<DocType> <name> not found`. */
  raw(doctype: string, name: string): Doc {
    const doc = this.store.get(doctype, name);
    if (!doc) throw doesNotExist(doctype, name);
    return doc;
  }

  /** `GET /api/resource/<DocType>/<name>`: the document without nulls. */
  read(doctype: string, name: string, session: Session): Doc {
    this.readable(doctype, session);
    return asDict(this.raw(doctype, name));
  }

  /** `Document.insert`; a failed insert rolls its naming series back, as the transaction would. */
  insert(doctype: string, data: Doc, session: Session): Doc {
    const rollback = this.naming.snapshot();
    let inserted: Doc | undefined;
    try {
      // Inserting with docstatus 1 saves and submits in one transaction.
      const submit = Number(data['docstatus'] ?? 0) === 1;
      inserted = this.insertDoc(doctype, submit ? { ...data, docstatus: 0 } : data, session, submit);
      return submit ? this.submit(doctype, text(inserted['name']), session) : inserted;
    } catch (error) {
      if (inserted) this.store.delete(this.meta(doctype).name, text(inserted['name']));
      rollback();
      throw error;
    }
  }

  private insertDoc(doctype: string, data: Doc, session: Session, submitting: boolean): Doc {
    const meta = this.writable(doctype, session);
    if (submitting && !meta.is_submittable) throw validationError(`${meta.name} is not submittable`);
    const doc: Doc = {};
    if (meta.autoname === 'prompt' && typeof data['name'] === 'string') doc['name'] = data['name'];
    applyValues(meta, doc, data, this.childMeta);
    if (Number(data['docstatus'] ?? 0) === 2)
      throw bareValidation(
        'DocstatusTransitionError',
        'Cannot change docstatus from 0 (Draft) to 2 (Cancelled)',
      );
    doc['docstatus'] = 0;
    doc['name'] = this.naming.name(meta, this.prepare(meta, doc), session);
    this.check(meta, doc);
    if (this.store.has(meta.name, text(doc['name']))) throw duplicateEntry(meta.name, text(doc['name']));
    const now = datetimeString(this.clock.now());
    const stored = this.stamp(meta, { ...doc, owner: session.user, creation: now }, session.user, now);
    this.store.put(meta.name, stored);
    return asDict(stored);
  }

  /** `PUT /api/resource/<DocType>/<name>`: merge, validate, save; `docstatus: 1` submits. */
  update(doctype: string, name: string, data: Doc, session: Session): Doc {
    const meta = this.writable(doctype, session);
    const existing = this.raw(meta.name, name);
    if (typeof data['modified'] === 'string' && data['modified'] !== existing['modified']) {
      throw validationError(
        `Error: Document has been modified after you have opened it (${data['modified']}, ${text(existing['modified'])}). Please refresh to get the latest document.`,
        'TimestampMismatchError',
      );
    }
    const from = Number(existing['docstatus']);
    const to = data['docstatus'] === undefined ? from : Number(data['docstatus']);
    this.checkTransition(meta, from, to);
    const doc = structuredClone(existing);
    applyValues(meta, doc, data, this.childMeta);
    doc['docstatus'] = to;
    if (from === 1 && to === 1) validateUpdateAfterSubmit(meta, existing, doc);
    this.prepare(meta, doc);
    this.check(meta, doc);
    const stored = this.stamp(meta, doc, session.user, datetimeString(this.clock.now()));
    this.store.put(meta.name, stored);
    return asDict(stored);
  }

  /** `run_method: submit` (`Document.submit`): docstatus 0 → 1 with a full validation. */
  submit(doctype: string, name: string, session: Session): Doc {
    const meta = this.writable(doctype, session);
    if (!meta.is_submittable) throw validationError(`${meta.name} is not submittable`);
    return this.update(meta.name, name, { docstatus: 1 }, session);
  }

  /** `run_method: cancel` (`Document.cancel`): docstatus 1 → 2. */
  cancel(doctype: string, name: string, session: Session): Doc {
    const meta = this.writable(doctype, session);
    const doc = this.raw(meta.name, name);
    if (doc['docstatus'] === 0)
      throw bareValidation(
        'DocstatusTransitionError',
        'Cannot change docstatus from 0 (Draft) to 2 (Cancelled)',
      );
    return this.update(meta.name, name, { docstatus: 2 }, session);
  }

  /** `frappe.delete_doc`: submitted documents and documents others link to stay. */
  delete(doctype: string, name: string, session: Session): void {
    const meta = this.writable(doctype, session);
    const doc = this.raw(meta.name, name);
    if (doc['docstatus'] === 1) {
      throw validationError(
        `${meta.name} ${text(doc['name'])}: Submitted Record cannot be deleted. You must <a href='https://docs.erpnext.com//docs/user/manual/en/setting-up/articles/delete-submitted-document' target='_blank'>Cancel</a> it first.`,
      );
    }
    const link = linkingDocument(this.store, [...this.metas.values()], meta.name, text(doc['name']));
    if (link) {
      const docLink = `<a href="/app/Form/${meta.name}/${text(doc['name'])}">${text(doc['name'])}</a>`;
      const refLink = `<a href="/app/Form/${link.doctype}/${link.name}">${link.name}</a>`;
      throw validationError(
        `Cannot delete or cancel because ${meta.name} ${docLink} is linked with ${link.doctype} ${refLink} ${link.row ?? ''}`,
        'LinkExistsError',
      );
    }
    this.store.delete(meta.name, text(doc['name']));
  }

  /** Sets stored values directly (demo data, test hooks) and recomputes an invoice's status. */
  patch(doctype: string, name: string, values: Doc): Doc {
    const doc = this.raw(doctype, name);
    Object.assign(doc, values);
    this.refreshStatuses();
    return asDict(doc);
  }

  /** ERPNext's daily job that marks unpaid invoices past their due date Overdue. */
  refreshStatuses(): void {
    const today = dateString(this.clock.now());
    for (const doc of this.store.all('Sales Invoice')) {
      if (doc['docstatus'] === 1) doc['status'] = invoiceStatus(doc, today);
    }
  }

  private prepare(meta: DocTypeMeta, doc: Doc): Doc {
    const controller = CONTROLLERS[meta.name];
    const ctx = { store: this.store, clock: this.clock, defaultCompany: this.defaultCompany };
    controller?.setMissing?.(doc, ctx);
    applyDefaults(meta, doc, this.clock);
    for (const table of tableFields(meta)) {
      const child = this.childMeta(table.options ?? '');
      rowsOf(doc, table.fieldname).forEach((row, i) => {
        applyDefaults(child, row, this.clock);
        row['idx'] = i + 1;
        row['doctype'] = child.name;
      });
    }
    return doc;
  }

  private check(meta: DocTypeMeta, doc: Doc): void {
    validateMandatory(meta, doc, this.childMeta);
    validateLinks(meta, doc, this.store, this.childMeta);
    validateSelects(meta, doc, this.childMeta);
    const ctx = { store: this.store, clock: this.clock, defaultCompany: this.defaultCompany };
    CONTROLLERS[meta.name]?.compute?.(doc, ctx);
  }

  /** `Document.check_docstatus_transition`: bare raises, so only `exception` carries the text. */
  private checkTransition(meta: DocTypeMeta, from: number, to: number): void {
    if (from === 2) throw bareValidation('ValidationError', 'Cannot edit cancelled document');
    if ((from === 0 && to === 2) || (from === 1 && to === 0))
      throw bareValidation(
        'DocstatusTransitionError',
        `Cannot change docstatus from ${DOCSTATUS_LABEL[from] ?? from} to ${DOCSTATUS_LABEL[to] ?? to}`,
      );
    if (to === 1 && !meta.is_submittable) throw validationError(`${meta.name} is not submittable`);
  }

  /** Standard columns on the document and its rows, in Frappe's column order. */
  private stamp(meta: DocTypeMeta, doc: Doc, user: string, now: string): Doc {
    doc['modified'] = now;
    doc['modified_by'] = user;
    doc['idx'] ??= 0;
    for (const table of tableFields(meta)) {
      const child = this.childMeta(table.options ?? '');
      doc[table.fieldname] = rowsOf(doc, table.fieldname).map((row) =>
        ordered(child, {
          ...row,
          owner: row['owner'] ?? doc['owner'] ?? user,
          creation: row['creation'] ?? doc['creation'] ?? now,
          modified: now,
          modified_by: user,
          docstatus: doc['docstatus'],
          parent: doc['name'],
          parentfield: table.fieldname,
          parenttype: meta.name,
        }),
      );
    }
    return ordered(meta, doc);
  }
}
