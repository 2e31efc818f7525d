import { Type } from '@sinclair/typebox';
import { WRITE, defineTool, jsonResult } from '@mcp-gateway/connector-kit';
import type { ErpnextBackend } from '../backend.js';
import { compactDocument, ignoredFields } from '../compact.js';
import { doctypeName, freeObject } from '../schema.js';
import { WRITE_HINTS, explained } from './hints.js';

const Input = Type.Object(
  {
    doctype: doctypeName('The DocType to create, e.g. "Sales Invoice", "Customer", "ToDo".'),
    doc: freeObject(
      'Field values; child tables are lists of row objects, e.g. {"customer": "Acme Corporation", "items": [{"item_code": "WIDGET-STD", "qty": 5}]}. ERPNext names the document itself (naming series); fields left out take their defaults.',
    ),
    submit: Type.Optional(
      Type.Boolean({
        default: false,
        description:
          'Submit it in the same call (submittable DocTypes only; makes it final). Default false: a draft.',
      }),
    ),
  },
  { additionalProperties: false },
);

export const createDocument = defineTool<ErpnextBackend, typeof Input>({
  name: 'erpnext_create_document',
  title: 'ERPNext: create a document',
  description: [
    'Creates an ERPNext document of any DocType: a customer, an item, a sales invoice or order with item rows, a ToDo, ….',
    'ERPNext fills defaults and fetched values (item names, rates, customer name, due date) and validates required fields and links; its message is returned when it refuses.',
    'Submittable documents (invoices, orders, payments) are created as drafts (docstatus 0) unless submit is true; drafts can still be edited, deleted or submitted later with erpnext_submit_document.',
    'Field names and required fields: erpnext_describe_doctype. Returns the saved document with its new name; ignored_fields lists keys ERPNext does not know (it drops them silently).',
    'Example: {"doctype": "Sales Invoice", "doc": {"customer": "Acme Corporation", "due_date": "2026-03-31", "items": [{"item_code": "WIDGET-STD", "qty": 10, "rate": 24.5}]}}.',
  ].join(' '),
  input: Input,
  annotations: WRITE,
  async run(args, { backend, signal }) {
    const doc = args.submit ? { ...args.doc, docstatus: 1 } : args.doc;
    const saved = await explained(backend.client.insert(args.doctype, doc, signal), WRITE_HINTS);
    const result: Record<string, unknown> = {
      created: saved.value['name'],
      doctype: args.doctype,
      document: compactDocument(saved.value),
    };
    const ignored = ignoredFields(args.doc, saved.value);
    if (ignored.length > 0) result['ignored_fields'] = ignored;
    if (saved.notes.length > 0) result['notes'] = saved.notes;
    return jsonResult(result);
  },
});
