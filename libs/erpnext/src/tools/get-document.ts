import { Type } from '@sinclair/typebox';
import { READ_ONLY, defineTool, jsonResult } from '@mcp-gateway/connector-kit';
import type { ErpnextBackend } from '../backend.js';
import { compactDocument } from '../compact.js';
import { doctypeName, documentName } from '../schema.js';
import { DOCUMENT_HINTS, explained } from './hints.js';

const Input = Type.Object(
  {
    doctype: doctypeName('The DocType, e.g. "Sales Invoice".'),
    name: documentName('The document name (its ID), e.g. "ACC-SINV-2026-00012" or "Acme Corporation".'),
    fields: Type.Optional(
      Type.Array(Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]*$', maxLength: 140 }), {
        minItems: 1,
        maxItems: 100,
        uniqueItems: true,
        description:
          'Only these top-level fields (name is always included), e.g. ["status", "outstanding_amount", "items"].',
      }),
    ),
    include_metadata: Type.Optional(
      Type.Boolean({
        default: false,
        description:
          'Return the document exactly as ERPNext sent it, with bookkeeping (idx, modified_by, _comments, _liked_by, child-row parent columns). Default false.',
      }),
    ),
  },
  { additionalProperties: false },
);

export const getDocument = defineTool<ErpnextBackend, typeof Input>({
  name: 'erpnext_get_document',
  title: 'ERPNext: get a document',
  description: [
    'Reads one ERPNext document by DocType and name, with its child tables (invoice and order items, taxes, payment references).',
    'docstatus tells its state: 0 draft (editable), 1 submitted (final), 2 cancelled.',
    'Empty fields and bookkeeping are left out; child tables are capped at 100 rows (truncated_tables says so).',
    'Find names with erpnext_list_documents.',
    'Example: {"doctype": "Sales Invoice", "name": "ACC-SINV-2026-00012"} or {"doctype": "Customer", "name": "Acme Corporation", "fields": ["customer_group", "territory", "email_id"]}.',
  ].join(' '),
  input: Input,
  annotations: READ_ONLY,
  async run(args, { backend, signal }) {
    const doc = await explained(backend.client.get(args.doctype, args.name, signal), DOCUMENT_HINTS);
    return jsonResult(
      compactDocument(doc, {
        ...(args.include_metadata ? { raw: true } : {}),
        ...(args.fields ? { fields: args.fields } : {}),
      }),
      'ask for fewer fields',
    );
  },
});
