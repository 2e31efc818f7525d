export { McpHandler } from './mcp-handler.js';
export type { McpHandlerOptions } from './mcp-handler.js';
export type { HeaderReader, McpResponder, Principal, SseStream, ToolRateLimit } from './responder.js';
export { MessageError, errorMessage, parseJson } from './jsonrpc.js';
export { decodeHeaderValue } from './modern-headers.js';
export { mapCallError } from './error-mapping.js';
export {
  DEFAULT_LEGACY_VERSION,
  LATEST_LEGACY_VERSION,
  LEGACY_VERSIONS,
  MODERN_VERSION,
  RPC,
  SUPPORTED_VERSIONS,
} from './protocol.js';
export type { Era, ServerIdentity } from './protocol.js';
export { BodyTimeoutError, BodyTooLargeError, hostProblem, originProblem, readBody } from './http-guards.js';
export type { OriginPolicy } from './http-guards.js';
export { NodeResponder } from './node-responder.js';
