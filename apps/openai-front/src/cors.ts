import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * CORS for Open WebUI's direct connections and user tool servers, where the browser calls the API
 * (reference §3): preflights are answered without authentication, and the allow-origin header goes on
 * every response — 401s, errors and the stream included — or the browser hides the body and Open WebUI
 * shows "Network Problem". Credentials are never used, so `*` in ALLOWED_ORIGINS is safe.
 */
export function corsMiddleware(allowed: ReadonlySet<string>) {
  const any = allowed.has('*');
  return (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    const origin = req.headers.origin;
    if (origin && (any || allowed.has(origin))) {
      res.setHeader('access-control-allow-origin', any ? '*' : origin);
      res.setHeader('access-control-expose-headers', 'Content-Disposition, Location, Retry-After');
      res.setHeader('vary', 'Origin');
    }
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'access-control-allow-methods': 'GET, POST, OPTIONS',
        'access-control-allow-headers':
          req.headers['access-control-request-headers'] ??
          'authorization, content-type, accept, x-session-id',
        'access-control-max-age': '86400',
        ...(req.headers['access-control-request-private-network'] === 'true'
          ? { 'access-control-allow-private-network': 'true' }
          : {}),
      });
      res.end();
      return;
    }
    next();
  };
}
