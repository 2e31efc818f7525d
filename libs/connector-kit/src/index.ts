export { defineTool, describeTool, DESTRUCTIVE, READ_ONLY, WRITE, WRITE_IDEMPOTENT } from './tool.js';
export type { ToolContext, ToolDefinition } from './tool.js';
export { MAX_RESULT_CHARS, ToolError, errorResult, jsonResult, textResult } from './results.js';
export { HttpBackend, parseRetryAfter } from './http-backend.js';
export type { BackendRequest, BackendResponse, HttpBackendOptions } from './http-backend.js';
export type { BackendDeps, ConnectorBackend, ConnectorDefinition } from './connector-definition.js';
export { BackendPolicy, DEFAULT_POLICY_SETTINGS } from './backend-policy.js';
export type {
  Attempt,
  BackendPolicyOptions,
  BackendPolicySettings,
  CircuitPosition,
  PolicyCall,
} from './backend-policy.js';
export { NotSent } from './backend-failures.js';
export { remainingMs } from './call-scope.js';
export { ConnectorRuntime } from './connector-runtime.js';
export type { RuntimeOptions } from './connector-runtime.js';
export { Announcer } from './announcer.js';
export { bootstrapConnector, runConnectorMain } from './bootstrap.js';
export type { RunningConnector } from './bootstrap.js';
export { DEFAULT_LIMIT, MAX_LIMIT, pagingProperties } from './paging.js';
