import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { seedDemo } from './demo/seed.js';
import { dispatch } from './http/router.js';
import { tooManyRequests, type ApiResponse } from './http/responses.js';
import type { Clock } from './site/clock.js';
import { Site } from './site/site.js';

export interface ErpnextSimulatorOptions {
  port?: number;
  host?: string;
  /** The API key pair clients must send as `Authorization: token <key>:<secret>`. */
  apiKey: string;
  apiSecret: string;
  /** Extra latency per response in ms, to model a slow site. */
  latencyMs?: number;
  /** The user the key pair belongs to (owner of what the API creates). */
  apiUser?: string;
  /** 15 (default): DELETE answers 202 `{"data":"ok"}`; 14: 200 `{"message":"ok"}`. */
  version?: 14 | 15;
  /** A fixed clock for tests; the demo data's dates are relative to it. */
  clock?: Clock;
}

export interface RunningErpnextSimulator {
  /** `http://host:port`, the site URL (`ERPNEXT_URL`). */
  readonly url: string;
  readonly port: number;
  /** Test hook: the site's documents, metadata and lifecycle. */
  readonly site: Site;
  /** The next `requests` API calls answer 429 with `Retry-After: retryAfterSeconds`. */
  throttle(requests: number, retryAfterSeconds?: number): void;
  /** Changes the per-response latency. */
  setLatency(ms: number): void;
  close(): Promise<void>;
}

const MAX_BODY = 10 * 1024 * 1024;

/**
 * Test-only control endpoints (not Frappe's): `POST /__simulator/throttle {"requests","retry_after"}` and
 * `POST /__simulator/latency {"ms"}`, for tests that drive the simulator as a separate process.
 */
const CONTROL_PREFIX = '/__simulator/';

function write(res: ServerResponse, r: ApiResponse): void {
  res.writeHead(r.status, {
    'Content-Type': r.contentType,
    'Content-Length': Buffer.byteLength(r.body),
    'X-Frame-Options': 'SAMEORIGIN',
    ...r.headers,
  });
  res.end(r.body);
}

/** Starts an ERPNext site with the demo company on `host:port` (port 0 picks a free one). */
export async function startErpnextSimulator(opts: ErpnextSimulatorOptions): Promise<RunningErpnextSimulator> {
  const host = opts.host ?? '127.0.0.1';
  let latencyMs = Math.max(0, opts.latencyMs ?? 0);
  let throttled = 0;
  let retryAfter = 60;
  const site = new Site(opts.clock);
  seedDemo(site);
  const router = {
    site,
    version: opts.version ?? 15,
    credentials: {
      apiKey: opts.apiKey,
      apiSecret: opts.apiSecret,
      user: opts.apiUser ?? 'integrations@northwind.example',
    },
  };

  const control = (pathname: string, body: string): ApiResponse => {
    let args: Record<string, unknown> = {};
    try {
      args = JSON.parse(body || '{}') as Record<string, unknown>;
    } catch {
      // fall through with defaults
    }
    if (pathname === `${CONTROL_PREFIX}throttle`) {
      throttled = Math.max(0, Number(args['requests'] ?? 1));
      retryAfter = Math.max(0, Number(args['retry_after'] ?? 60));
    } else if (pathname === `${CONTROL_PREFIX}latency`) {
      latencyMs = Math.max(0, Number(args['ms'] ?? 0));
    } else {
      return { status: 404, contentType: 'text/plain', body: 'unknown control' };
    }
    return {
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify({ throttled, retryAfter, latencyMs }),
    };
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const body = Buffer.concat(chunks).toString('utf8');
      let response: ApiResponse;
      if (url.pathname.startsWith(CONTROL_PREFIX)) {
        write(res, control(url.pathname, body));
        return;
      }
      if (size > MAX_BODY)
        response = { status: 413, contentType: 'text/plain', body: 'Request Entity Too Large' };
      else if (throttled > 0 && url.pathname.startsWith('/api/')) {
        throttled--;
        response = tooManyRequests(retryAfter);
      } else {
        response = dispatch(router, {
          method: req.method ?? 'GET',
          pathname: url.pathname,
          query: url.searchParams,
          contentType: String(req.headers['content-type'] ?? ''),
          body,
          authorization: req.headers.authorization,
        });
      }
      if (latencyMs > 0) setTimeout(() => write(res, response), latencyMs);
      else write(res, response);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    site,
    throttle(requests, retryAfterSeconds = 60) {
      throttled = requests;
      retryAfter = retryAfterSeconds;
    },
    setLatency(ms) {
      latencyMs = Math.max(0, ms);
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
