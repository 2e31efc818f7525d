import type { IncomingMessage } from 'node:http';

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

/** Reads the whole body as UTF-8, refusing more than `limit` bytes without buffering them. */
export function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    return Promise.reject(new BodyTooLargeError(limit));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(new BodyTooLargeError(limit));
        return;
      }
      chunks.push(chunk);
    });
    req.once('end', () => resolve(Buffer.concat(chunks, size).toString('utf8')));
    req.once('error', reject);
  });
}
