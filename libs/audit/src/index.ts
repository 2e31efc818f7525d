export { AuditLog } from './audit-log.js';
export type { AuditLogOptions, AuditObserver, AuditSink, DropReason } from './audit-log.js';
export { JetStreamAuditSink, auditStreamName, ensureAuditStream } from './audit-stream.js';
export { AuditReadError, AuditReader } from './audit-reader.js';
export type { AuditEntry, AuditFeed, AuditTailOptions } from './audit-reader.js';
export {
  MAX_ARGUMENTS_CHARS,
  MAX_STRING,
  REDACTED,
  argumentsDigest,
  authFailureRecord,
  redactArguments,
  toolCallRecord,
} from './records.js';
export type { AuthFailureInput, ToolCallInput } from './records.js';
export { DEFAULT_AUDIT_SETTINGS, parseDuration, parseSize, readAuditSettings } from './settings.js';
export type { AuditSettings } from './settings.js';
