import type { Server } from 'node:http';

/**
 * Stops an HTTP server the way a service leaving under load should: no new connections, idle keep-alive
 * connections closed at once, requests in flight (including long SSE streams) given `graceMs` to finish,
 * then whatever is left is cut. Resolves when the server is closed.
 */
export function closeHttpServer(server: Server, graceMs: number): Promise<void> {
  if (!server.listening) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const force = setTimeout(() => server.closeAllConnections(), graceMs);
    force.unref();
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    server.closeIdleConnections();
  });
}
