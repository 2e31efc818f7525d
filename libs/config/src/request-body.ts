import type { IncomingMessage } from 'node:http';

/** How long a body may take to arrive: the longest silence between two chunks, and the whole body. */
export interface BodyDeadlines {
  readonly idleMs?: number;
  readonly totalMs?: number;
}

export const BODY_IDLE_MS = 10_000;
export const BODY_TOTAL_MS = 60_000;

/** Why a body could not be read; each edge turns it into its own error shape. */
export type BodyProblem =
  | { readonly kind: 'too_large'; readonly limit: number }
  | { readonly kind: 'timeout'; readonly afterMs: number }
  | { readonly kind: 'aborted' };

export class RequestBodyError extends Error {
  constructor(readonly problem: BodyProblem) {
    super(`request body ${problem.kind}`);
    this.name = 'RequestBodyError';
  }
}

/**
 * Reads a whole request body as UTF-8, refusing more than `limit` bytes without buffering them (a larger
 * declared `Content-Length` is refused before reading), and giving up on a body that stalls or trickles
 * (Node's own `requestTimeout` would hold the request for five minutes); after a timeout the connection
 * is closed once the caller's answer is written. A client that hangs up mid-body is `aborted`.
 */
export function readRequestBody(
  req: IncomingMessage,
  limit: number,
  deadlines: BodyDeadlines = {},
): Promise<string> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    return Promise.reject(new RequestBodyError({ kind: 'too_large', limit }));
  }
  const idleMs = deadlines.idleMs ?? BODY_IDLE_MS;
  const totalMs = deadlines.totalMs ?? BODY_TOTAL_MS;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const fail = (problem: BodyProblem) => {
      clearTimeout(idle);
      clearTimeout(total);
      req.removeListener('data', onData);
      reject(new RequestBodyError(problem));
    };
    const timedOut = (afterMs: number) => () => {
      fail({ kind: 'timeout', afterMs });
      // The answer to the rejection is written in this turn; then hang up on the stalled client.
      setImmediate(() => req.socket?.destroySoon());
    };
    const idle = setTimeout(timedOut(idleMs), idleMs);
    const total = setTimeout(timedOut(totalMs), totalMs);
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        fail({ kind: 'too_large', limit });
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
    req.once('error', () => fail({ kind: 'aborted' }));
  });
}
