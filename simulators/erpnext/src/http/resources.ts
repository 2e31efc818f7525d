import { jsonArg } from '../query/parse.js';
import { runList } from '../query/list.js';
import { notPermitted } from '../site/errors.js';
import type { Doc } from '../site/store.js';
import type { ApiCall, HandlerResult } from './request.js';
import { text } from '../site/values.js';

const docBody = (call: ApiCall): Doc => {
  const data = call.form['data'];
  const body = data === undefined || data === null ? call.body : jsonArg(data);
  return body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Doc) : {};
};

/** `GET /api/resource/<DocType>` (`frappe.api.v1.document_list`). */
export function listDocuments(call: ApiCall, doctype: string): HandlerResult {
  const meta = call.site.readable(doctype, call.session);
  call.site.refreshStatuses();
  return { body: { data: runList(meta, call.site.store.all(meta.name), call.form, call.site.findMeta) } };
}

/** `POST /api/resource/<DocType>`: v1 answers 200 with the inserted document. */
export function createDocument(call: ApiCall, doctype: string): HandlerResult {
  const data = { ...docBody(call) };
  delete data['doctype'];
  return { body: { data: call.site.insert(doctype, data, call.session) } };
}

/** `GET /api/resource/<DocType>/<name>`; with `run_method` it runs a document method instead. */
export function readDocument(call: ApiCall, doctype: string, name: string): HandlerResult {
  if ('run_method' in call.form) return runDocumentMethod(call, doctype, name);
  call.site.refreshStatuses();
  return { body: { data: call.site.read(doctype, name, call.session) } };
}

/** `PUT /api/resource/<DocType>/<name>`: partial update; child tables given are replaced. */
export function updateDocument(call: ApiCall, doctype: string, name: string): HandlerResult {
  const data = { ...docBody(call) };
  delete data['flags'];
  return { body: { data: call.site.update(doctype, name, data, call.session) } };
}

/** `DELETE /api/resource/<DocType>/<name>`: v15 answers 202 `{"data": "ok"}`, v14 200 `{"message": "ok"}`. */
export function deleteDocument(
  call: ApiCall,
  doctype: string,
  name: string,
  version: 14 | 15,
): HandlerResult {
  call.site.delete(doctype, name, call.session);
  return version === 14 ? { body: { message: 'ok' } } : { body: { data: 'ok' }, status: 202 };
}

/**
 * `POST /api/resource/<DocType>/<name>` with `run_method` (`execute_doc_method`): `submit` and `cancel`
 * return the saved document; other methods are not whitelisted here.
 */
export function runDocumentMethod(call: ApiCall, doctype: string, name: string): HandlerResult {
  const method = text(call.form['run_method']);
  if (method === 'submit') return { body: { data: call.site.submit(doctype, name, call.session) } };
  if (method === 'cancel') return { body: { data: call.site.cancel(doctype, name, call.session) } };
  call.site.read(doctype, name, call.session);
  throw notPermitted();
}
