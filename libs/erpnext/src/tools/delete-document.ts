import { Type } from '@sinclair/typebox';
import { DESTRUCTIVE, defineTool, jsonResult } from '@mcp-gateway/connector-kit';
import type { ErpnextBackend } from '../backend.js';
import { doctypeName, documentName } from '../schema.js';
import { DOCUMENT_HINTS, explained } from './hints.js';

const Input = Type.Object(
  {
    doctype: doctypeName('The DocType, e.g. "ToDo", "Sales Invoice".'),
    name: documentName('The document name, e.g. "ACC-SINV-2026-00014".'),
  },
  { additionalProperties: false },
);

export const deleteDocument = defineTool<ErpnextBackend, typeof Input>({
  name: 'erpnext_delete_document',
  title: 'ERPNext: delete a document',
  description: [
    'Deletes an ERPNext document permanently. Drafts and masters (customers, items) can be deleted; submitted documents must be cancelled first, and ERPNext refuses while other documents link to it (it names them).',
    'This cannot be undone: confirm with the user first.',
    'Example: {"doctype": "ToDo", "name": "a1b2c3d4e5"}.',
  ].join(' '),
  input: Input,
  annotations: DESTRUCTIVE,
  async run(args, { backend, signal }) {
    await explained(backend.client.delete(args.doctype, args.name, signal), {
      ...DOCUMENT_HINTS,
      417: 'A submitted document is cancelled first (erpnext_cancel_document); a linked one needs the linking documents removed or changed.',
    });
    return jsonResult({ deleted: args.name, doctype: args.doctype });
  },
});
