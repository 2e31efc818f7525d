/**
 * Protocol revisions and codes. Legacy revisions negotiate with `initialize`; 2026-07-28 is stateless
 * and self-describing through `_meta` on every request.
 * https://modelcontextprotocol.io/specification/2026-07-28/basic/versioning
 */
export const MODERN_VERSION = '2026-07-28';
export const LEGACY_VERSIONS = ['2025-11-25', '2025-06-18', '2025-03-26', '2024-11-05'] as const;
export const LATEST_LEGACY_VERSION = LEGACY_VERSIONS[0];
/** Assumed when a legacy client sends no `MCP-Protocol-Version` (spec: 2025-03-26). */
export const DEFAULT_LEGACY_VERSION = '2025-03-26';
export const SUPPORTED_VERSIONS: readonly string[] = [MODERN_VERSION, ...LEGACY_VERSIONS];

export const META = {
  protocolVersion: 'io.modelcontextprotocol/protocolVersion',
  clientCapabilities: 'io.modelcontextprotocol/clientCapabilities',
  clientInfo: 'io.modelcontextprotocol/clientInfo',
  serverInfo: 'io.modelcontextprotocol/serverInfo',
  logLevel: 'io.modelcontextprotocol/logLevel',
} as const;

export const RPC = {
  parseError: -32700,
  invalidRequest: -32600,
  methodNotFound: -32601,
  invalidParams: -32602,
  internalError: -32603,
  /** 2026-07-28: a required `Mcp-*` header is missing or disagrees with the body. */
  headerMismatch: -32020,
  missingClientCapability: -32021,
  unsupportedProtocolVersion: -32022,
  /** The caller's rate limit refused the request (a server-defined code, JSON-RPC 2.0 §5.1); HTTP 429. */
  rateLimited: -32000,
  /** Legacy only. */
  resourceNotFound: -32002,
} as const;

export const LOG_LEVELS = [
  'debug',
  'info',
  'notice',
  'warning',
  'error',
  'critical',
  'alert',
  'emergency',
] as const;

export type Era = 'legacy' | 'modern';

export interface ServerIdentity {
  readonly name: string;
  readonly title: string;
  readonly version: string;
  readonly instructions: string;
}
