import { Type } from '@sinclair/typebox';
import { ToolError, WRITE_IDEMPOTENT, defineTool, jsonResult } from '@mcp-gateway/connector-kit';
import type { ErpnextBackend } from '../backend.js';
import { compactDocument, ignoredFields } from '../compact.js';
import { doctypeName, documentName, freeObject } from '../schema.js';
import { WRITE_HINTS, explained } from './hints.js';

const Input = Type.Object(
  {
    doctype: doctypeName('The DocType, e.g. "Customer".'),
    name: documentName('The document name, e.g. "Acme Corporation" or "ACC-SINV-2026-00013".'),
    values: freeObject(
      'Only the fields to change, e.g. {"email_id": "billing@acme.example"}. A child table given here REPLACES all its rows: send the complete list (rows keep their identity when they carry their "name").',
    ),
  },
  { additionalProperties: false },
);

export const updateDocument = defineTool<ErpnextBackend, typeof Input>({
  name: 'erpnext_update_document',
  title: 'ERPNext: update a document',
  description: [
    'Changes fields of an existing ERPNext document; fields not given keep their values.',
    'Drafts (docstatus 0) can change freely; submitted documents only in fields marked "allow on submit" (ERPNext refuses the rest: cancel and amend instead); cancelled ones not at all.',
    'To submit or cancel use erpnext_submit_document / erpnext_cancel_document, not docstatus.',
    'Returns the saved document; ignored_fields lists keys ERPNext does not know.',
    'Example: {"doctype": "Customer", "name": "Acme Corporation", "values": {"customer_group": "Government", "mobile_no": "+1 555 0100"}}.',
  ].join(' '),
  input: Input,
  annotations: WRITE_IDEMPOTENT,
  async run(args, { backend, signal }) {
    if ('docstatus' in args.values) {
      throw new ToolError(
        'Do not set docstatus here: use erpnext_submit_document or erpnext_cancel_document.',
      );
    }
    if (Object.keys(args.values).length === 0)
      throw new ToolError('values is empty: name at least one field to change.');
    const saved = await explained(
      backend.client.update(args.doctype, args.name, args.values, signal),
      WRITE_HINTS,
    );
    const result: Record<string, unknown> = {
      updated: saved.value['name'] ?? args.name,
      doctype: args.doctype,
      document: compactDocument(saved.value),
    };
    const ignored = ignoredFields(args.values, saved.value);
    if (ignored.length > 0) result['ignored_fields'] = ignored;
    if (saved.notes.length > 0) result['notes'] = saved.notes;
    return jsonResult(result);
  },
});
