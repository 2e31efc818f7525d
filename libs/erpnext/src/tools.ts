import type { ToolDefinition } from '@mcp-gateway/connector-kit';
import type { ErpnextBackend } from './backend.js';
import { countDocuments } from './tools/count-documents.js';
import { createDocument } from './tools/create-document.js';
import { deleteDocument } from './tools/delete-document.js';
import { describeDoctype } from './tools/describe-doctype.js';
import { cancelDocument, submitDocument } from './tools/docstatus.js';
import { getDocument } from './tools/get-document.js';
import { listDoctypes } from './tools/list-doctypes.js';
import { listDocuments } from './tools/list-documents.js';
import { runReport } from './tools/run-report.js';
import { updateDocument } from './tools/update-document.js';

export const erpnextTools: readonly ToolDefinition<ErpnextBackend>[] = [
  listDocuments,
  getDocument,
  createDocument,
  updateDocument,
  submitDocument,
  cancelDocument,
  deleteDocument,
  countDocuments,
  runReport,
  listDoctypes,
  describeDoctype,
];
