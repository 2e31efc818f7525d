export {
  BUS_VERSION,
  DEFAULT_SUBJECT_PREFIX,
  connectorQueueGroup,
  isValidConnectorName,
  INSTANCE_ID_PATTERN,
  isValidInstanceId,
  jetStreamName,
  isValidSubjectPrefix,
  subject,
} from './subjects.js';
export { BusError, WIRE_ERROR_CODES, WireErrorSchema, isWireErrorCode } from './wire-error.js';
export type { WireError, WireErrorCode } from './wire-error.js';
export { AcceptedSchema, ProgressUpdateSchema, replyEnvelopeSchema } from './envelope.js';
export type { Accepted, ProgressUpdate, ReplyEnvelope } from './envelope.js';
export { defineEvent, defineRequest } from './operation.js';
export type {
  ConnectorParams,
  EventOperation,
  MessageOf,
  ParamsOf,
  RequestOf,
  RequestOperation,
  ResponseOf,
} from './operation.js';
export {
  CallerSchema,
  ContentBlockSchema,
  SurfaceSchema,
  TOOL_NAME_PATTERN,
  TokenKindSchema,
  ToolAnnotationsSchema,
  ToolDescriptorSchema,
  ToolResultSchema,
  callerFor,
} from './tool.js';
export type {
  Caller,
  CallerIdentity,
  ContentBlock,
  Surface,
  TokenKind,
  ToolAnnotations,
  ToolDescriptor,
  ToolResult,
} from './tool.js';
export { ConnectorToolsList } from './operations/connector-tools-list.js';
export { ConnectorToolsCall } from './operations/connector-tools-call.js';
export { ConnectorToolsCancel } from './operations/connector-tools-cancel.js';
export { ConnectorInstancePing } from './operations/connector-instance-ping.js';
export type { InstanceParams } from './operations/connector-instance-ping.js';
export { BackendHealthSchema, RegistryAnnounce } from './operations/registry-announce.js';
export type { Announcement, BackendHealth } from './operations/registry-announce.js';
export { RegistryDiscover } from './operations/registry-discover.js';
export {
  AUDIT_KINDS,
  AuditRecord,
  AuthFailureRecordSchema,
  ToolCallOutcomeSchema,
  ToolCallRecordSchema,
  auditSubjects,
} from './operations/audit-record.js';
export type {
  AuditKind,
  AuditParams,
  AuthFailureRecord,
  ToolCallOutcome,
  ToolCallRecord,
} from './operations/audit-record.js';
export { compileSchema, describeValidationErrors, schemaProblem } from './validation.js';
export { canonicalJson, toolsDigest } from './digest.js';
export { authQueueGroup } from './subjects.js';
export {
  ApiTokenInfoSchema,
  BasicCredentialsSchema,
  ConsentRequestSchema,
  CsrfSchema,
  FormParamsSchema,
  OAUTH_ERROR_CODES,
  OAuthFailureSchema,
  PublicJwkSchema,
  RevocationSchema,
  SCOPE_PATTERN,
  ScopeSchema,
  TokenHashSchema,
} from './operations/auth/auth-types.js';
export type {
  ApiTokenInfo,
  ConsentRequest,
  FormParams,
  OAuthErrorCode,
  OAuthFailure,
  PublicJwk,
  Revocation,
} from './operations/auth/auth-types.js';
export { AuthKeysGet } from './operations/auth/auth-keys-get.js';
export { AuthRevocationsList, AuthRevoked } from './operations/auth/auth-revocations.js';
export {
  AuthApiTokenCreate,
  AuthApiTokenList,
  AuthApiTokenRevoke,
  AuthApiTokenVerify,
} from './operations/auth/auth-api-tokens.js';
export { AuthClientGet, AuthClientRegister } from './operations/auth/auth-clients.js';
export { AuthAuthorizeCheck, AuthAuthorizeDecide } from './operations/auth/auth-authorize.js';
export { AuthTokenExchange, AuthTokenRevoke } from './operations/auth/auth-tokens.js';
export { MAX_JSON_DEPTH, nestedDeeperThan } from './json-depth.js';
