import { LEGACY_VERSIONS } from './protocol.js';

const ENCODED = /^=\?base64\?([A-Za-z0-9+/=]*)\?=$/;

/**
 * Decodes a header value that a 2026-07-28 client sent in the `=?base64?…?=` form because it was not
 * header-safe. https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http
 */
export function decodeHeaderValue(value: string): string {
  const match = ENCODED.exec(value);
  return match ? Buffer.from(match[1] ?? '', 'base64').toString('utf8') : value;
}

export type HeaderReader = (name: string) => string | undefined;

/**
 * Checks the request-metadata headers of a modern request against its body. Returns the problem as a
 * sentence, or undefined when they agree.
 */
export function modernHeaderProblem(
  header: HeaderReader,
  method: string,
  metaVersion: string,
  name: string | undefined,
): string | undefined {
  const version = header('mcp-protocol-version');
  if (version === undefined) return 'Header mismatch: MCP-Protocol-Version header is required';
  // Claude sends a legacy header with 2026-07-28 `_meta` (anthropics/claude-code#93290): trust `_meta`.
  if (version !== metaVersion && !(LEGACY_VERSIONS as readonly string[]).includes(version)) {
    return `Header mismatch: MCP-Protocol-Version header value '${version}' does not match body value '${metaVersion}'`;
  }
  const methodHeader = header('mcp-method');
  if (methodHeader === undefined) return 'Header mismatch: Mcp-Method header is required';
  if (decodeHeaderValue(methodHeader) !== method) {
    return `Header mismatch: Mcp-Method header value '${methodHeader}' does not match body value '${method}'`;
  }
  if (name !== undefined) {
    const nameHeader = header('mcp-name');
    if (nameHeader === undefined) return 'Header mismatch: Mcp-Name header is required';
    if (decodeHeaderValue(nameHeader) !== name) {
      return `Header mismatch: Mcp-Name header value '${nameHeader}' does not match body value '${name}'`;
    }
  }
  return undefined;
}
