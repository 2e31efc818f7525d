import type { IncomingMessage } from 'node:http';

/**
 * The address a request came from, for the login backoff. Behind one trusted reverse proxy
 * (`TRUST_PROXY=1`) that is the last hop the proxy appended to `X-Forwarded-For` — earlier entries are
 * whatever the client chose to send, so they are never used.
 */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  const forwarded = req.headers['x-forwarded-for'];
  const header = Array.isArray(forwarded) ? forwarded.join(',') : forwarded;
  if (trustProxy && header) {
    const hops = header
      .split(',')
      .map((hop) => hop.trim())
      .filter(Boolean);
    const last = hops[hops.length - 1];
    if (last) return last;
  }
  return req.socket.remoteAddress ?? 'unknown';
}
