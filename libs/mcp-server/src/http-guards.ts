import type { IncomingMessage } from 'node:http';
import { RequestBodyError, readRequestBody, type BodyDeadlines } from '@mcp-gateway/config';
import { MessageError } from './jsonrpc.js';
import { RPC } from './protocol.js';

export interface OriginPolicy {
  /** Origins allowed besides the public URL's own, e.g. `https://claude.ai`. */
  readonly allowedOrigins: ReadonlySet<string>;
  readonly publicOrigin: string;
  /** When bound to loopback, the Host header must name a loopback host or the public host (DNS rebinding). */
  readonly loopbackBind: boolean;
  readonly publicHost: string;
}

/**
 * Origin: absent is fine (server-to-server clients such as Claude's send none); present and not allowed is
 * 403 (MCP 2025-11-25 transports, "Security Warning").
 */
export function originProblem(req: IncomingMessage, policy: OriginPolicy): string | undefined {
  const origin = req.headers.origin;
  if (origin === undefined || origin === policy.publicOrigin || policy.allowedOrigins.has(origin))
    return undefined;
  return `Origin ${origin} is not allowed`;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export function hostProblem(req: IncomingMessage, policy: OriginPolicy): string | undefined {
  if (!policy.loopbackBind) return undefined;
  const host = req.headers.host;
  if (!host) return 'Host header is required';
  const name = host.replace(/:\d+$/, '').toLowerCase();
  if (
    LOOPBACK_HOSTS.has(name) ||
    host.toLowerCase() === policy.publicHost ||
    name === policy.publicHost.replace(/:\d+$/, '')
  ) {
    return undefined;
  }
  return `Host ${host} is not allowed`;
}

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`Request body is larger than ${limit} bytes`);
  }
}

/**
 * The body stopped arriving. A `-32600` {@link MessageError}, so an edge that answers message errors
 * answers this one too; the connection is closed once that answer is written.
 */
export class BodyTimeoutError extends MessageError {
  constructor(readonly afterMs: number) {
    super(RPC.invalidRequest, `Request timeout: the body did not arrive within ${afterMs / 1000} s`);
  }
}

/** Reads the whole body as UTF-8 (see `readRequestBody`), failing with the JSON-RPC errors `/mcp` answers. */
export async function readBody(
  req: IncomingMessage,
  limit: number,
  deadlines: BodyDeadlines = {},
): Promise<string> {
  try {
    return await readRequestBody(req, limit, deadlines);
  } catch (error) {
    if (!(error instanceof RequestBodyError)) throw error;
    const { problem } = error;
    if (problem.kind === 'too_large') throw new BodyTooLargeError(problem.limit);
    if (problem.kind === 'timeout') throw new BodyTimeoutError(problem.afterMs);
    // A client that hangs up mid-body is a bad request, not a server failure.
    throw new MessageError(RPC.invalidRequest, 'Request aborted before its body was complete');
  }
}
