import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { DEFAULT_RATE_LIMIT, RateLimiter, type RateLimitOptions } from './rate-limit.js';
import { RpcSession } from './session.js';
import { TrueNasState, parseVersion } from './state/store.js';

export interface TruenasSimulatorOptions {
  port?: number;
  host?: string;
  /** The API key clients must present, `<id>-<secret>` like a real one. */
  apiKey: string;
  /** The user the key belongs to (`auth.login_ex` checks it); default `truenas_admin`. */
  username?: string;
  /** `25.04` (zfs.snapshot.*, service.start) or `25.10` (pool.snapshot.*, service.control, new SMB schema). */
  version?: string;
  /** Extra delay before every JSON-RPC response, in ms. */
  latencyMs?: number;
  /** How long one step of a job takes, in ms (an app start is about five steps). Default 250. */
  jobStepMs?: number;
  /**
   * Treat every client as remote, so an API-key login over this plain `ws://` server revokes the key as a
   * real TrueNAS does for non-loopback clients. Default false: loopback clients count as secure.
   */
  clientsAreRemote?: boolean;
  rateLimit?: RateLimitOptions;
}

export interface RunningTruenasSimulator {
  /** `ws://host:port`; the API is at `${url}/api/current`. */
  readonly url: string;
  readonly port: number;
  /** Test hook: pools, datasets, snapshots, alerts, apps…, `methodCalls`, `keyRevoked`. */
  readonly state: TrueNasState;
  /** Test hook: drops every client connection (as a network failure would). */
  dropConnections(): void;
  close(): Promise<void>;
}

const LOOPBACK = /^(127\.|::1$|::ffff:127\.)/;

export async function startTruenasSimulator(opts: TruenasSimulatorOptions): Promise<RunningTruenasSimulator> {
  const host = opts.host ?? '127.0.0.1';
  const version = parseVersion(opts.version ?? '25.10');
  const state = new TrueNasState({
    version,
    apiKey: opts.apiKey,
    username: opts.username ?? 'truenas_admin',
    jobStepMs: Math.max(0, opts.jobStepMs ?? 250),
  });
  const rateLimiter = new RateLimiter(opts.rateLimit ?? DEFAULT_RATE_LIMIT);
  // `GET /api/versions`: every API the release serves; `/api/current` is the newest.
  const versions = [
    ...new Set([...(state.atLeast(25, 10) ? ['v25.04.0', 'v25.04.1', 'v25.04.2'] : []), `v${version.full}`]),
  ];
  const paths = new Set(['/api/current', ...versions.map((v) => `/api/${v}`)]);

  const server = createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method === 'GET' && pathname === '/api/versions') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(versions));
      return;
    }
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end('404: Not Found');
  });
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  server.on('upgrade', (req, socket, head) => {
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (!paths.has(pathname)) {
      socket.end(
        'HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\nContent-Length: 14\r\n\r\n404: Not Found',
      );
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const remoteAddress = req.socket.remoteAddress ?? '';
      new RpcSession(ws, {
        state,
        latencyMs: Math.max(0, opts.latencyMs ?? 0),
        secureTransport: !opts.clientsAreRemote && LOOPBACK.test(remoteAddress),
        remoteAddress,
        rateLimiter,
      });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `ws://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    state,
    dropConnections: () => {
      for (const client of wss.clients) client.terminate();
    },
    close: async () => {
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
