import type { IncomingMessage } from 'node:http';
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

/** How long a body may take to arrive; past either bound the read fails with {@link BodyTimeoutError}. */
export interface BodyDeadlines {
  /** The longest silence between two chunks (a stalled or never-ending body). */
  readonly idleMs?: number;
  /** The longest the whole body may take (one that trickles in forever). */
  readonly totalMs?: number;
}

export const BODY_IDLE_MS = 10_000;
export const BODY_TOTAL_MS = 60_000;

/**
 * The body stopped arriving. A `-32600` {@link MessageError}, so an edge that answers message errors
 * answers this one too; the connection is closed once that answer is written.
 */
export class BodyTimeoutError extends MessageError {
  constructor(readonly afterMs: number) {
    super(RPC.invalidRequest, `Request timeout: the body did not arrive within ${afterMs / 1000} s`);
  }
}

/**
 * Reads the whole body as UTF-8, refusing more than `limit` bytes without buffering them, and giving up on
 * a body that stalls or trickles (Node's own `requestTimeout` would hold the request for five minutes).
 */
export function readBody(
  req: IncomingMessage,
  limit: number,
  deadlines: BodyDeadlines = {},
): Promise<string> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    return Promise.reject(new BodyTooLargeError(limit));
  }
  const idleMs = deadlines.idleMs ?? BODY_IDLE_MS;
  const totalMs = deadlines.totalMs ?? BODY_TOTAL_MS;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const fail = (error: Error) => {
      clearTimeout(idle);
      clearTimeout(total);
      req.removeListener('data', onData);
      reject(error);
    };
    const timedOut = (afterMs: number) => () => {
      fail(new BodyTimeoutError(afterMs));
      // The answer to the rejection is written in this turn; then hang up on the stalled client.
      setImmediate(() => req.socket?.destroySoon());
    };
    const idle = setTimeout(timedOut(idleMs), idleMs);
    const total = setTimeout(timedOut(totalMs), totalMs);
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        fail(new BodyTooLargeError(limit));
        req.resume();
        return;
      }
      chunks.push(chunk);
      idle.refresh();
    };
    req.on('data', onData);
    req.once('end', () => {
      clearTimeout(idle);
      clearTimeout(total);
      resolve(Buffer.concat(chunks, size).toString('utf8'));
    });
    // A client that hangs up mid-body is a bad request, not a server failure.
    req.once('error', () =>
      fail(new MessageError(RPC.invalidRequest, 'Request aborted before its body was complete')),
    );
  });
}
