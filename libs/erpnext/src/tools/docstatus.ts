import { Type } from '@sinclair/typebox';
import { DESTRUCTIVE, ToolError, WRITE, defineTool, jsonResult } from '@mcp-gateway/connector-kit';
import type { ErpnextBackend } from '../backend.js';
import { DOCSTATUS_LABELS, compactDocument } from '../compact.js';
import type { Doc } from '../frappe-client.js';
import { doctypeName, documentName } from '../schema.js';
import { DOCUMENT_HINTS, WRITE_HINTS, explained } from './hints.js';

const Input = Type.Object(
  {
    doctype: doctypeName('A submittable DocType, e.g. "Sales Invoice", "Sales Order", "Payment Entry".'),
    name: documentName('The document name, e.g. "ACC-SINV-2026-00013".'),
  },
  { additionalProperties: false },
);

type Action = 'submit' | 'cancel';

/** Reads the state first, so "already submitted" or "a draft cannot be cancelled" are plain answers. */
async function transition(
  backend: ErpnextBackend,
  doctype: string,
  name: string,
  action: Action,
  signal: AbortSignal,
) {
  const current = await explained(backend.client.get(doctype, name, signal), DOCUMENT_HINTS);
  const docstatus = Number(current['docstatus'] ?? 0);
  const canonical = typeof current['name'] === 'string' ? current['name'] : name;
  if (action === 'submit' && docstatus !== 0) {
    throw new ToolError(
      `${doctype} ${canonical} is already ${docstatus === 1 ? 'submitted' : 'cancelled'} (docstatus ${docstatus}); only drafts (docstatus 0) can be submitted.`,
    );
  }
  if (action === 'cancel' && docstatus !== 1) {
    throw new ToolError(
      docstatus === 0
        ? `${doctype} ${canonical} is a draft (docstatus 0): only submitted documents are cancelled. A draft can be deleted with erpnext_delete_document or edited.`
        : `${doctype} ${canonical} is already cancelled (docstatus 2).`,
    );
  }
  const answer = await explained(backend.client.runMethod(doctype, canonical, action, signal), WRITE_HINTS);
  // Frappe returns the saved document; some versions return nothing, then read it again.
  const doc: Doc = answer.value ?? (await backend.client.get(doctype, canonical, signal));
  const after = Number(doc['docstatus'] ?? (action === 'submit' ? 1 : 2));
  const result: Record<string, unknown> = {
    doctype,
    name: canonical,
    docstatus: after,
    state: DOCSTATUS_LABELS[after] ?? String(after),
    document: compactDocument(doc, { tables: 'counts' }),
  };
  if (answer.notes.length > 0) result['notes'] = answer.notes;
  return jsonResult(result);
}

export const submitDocument = defineTool<ErpnextBackend, typeof Input>({
  name: 'erpnext_submit_document',
  title: 'ERPNext: submit a document',
  description: [
    'Submits a draft ERPNext document (docstatus 0 → 1): the invoice, order or payment becomes final and posts to the ledgers.',
    'A submitted document can no longer be edited (except "allow on submit" fields) or deleted; undoing it means erpnext_cancel_document.',
    'ERPNext validates everything again and returns its message when it refuses. Confirm with the user before submitting.',
    'Example: {"doctype": "Sales Invoice", "name": "ACC-SINV-2026-00013"}.',
  ].join(' '),
  input: Input,
  annotations: WRITE,
  run: (args, { backend, signal }) => transition(backend, args.doctype, args.name, 'submit', signal),
});

export const cancelDocument = defineTool<ErpnextBackend, typeof Input>({
  name: 'erpnext_cancel_document',
  title: 'ERPNext: cancel a document',
  description: [
    'Cancels a submitted ERPNext document (docstatus 1 → 2), reversing its ledger entries. This cannot be undone: a cancelled document stays cancelled; a correction is a new document (an amendment).',
    'ERPNext refuses when submitted documents depend on it (e.g. a payment against the invoice); its message names them.',
    'Confirm with the user before cancelling.',
    'Example: {"doctype": "Sales Invoice", "name": "ACC-SINV-2026-00009"}.',
  ].join(' '),
  input: Input,
  annotations: DESTRUCTIVE,
  run: (args, { backend, signal }) => transition(backend, args.doctype, args.name, 'cancel', signal),
});
