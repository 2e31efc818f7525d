import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { demoBooks } from './demo/seed.js';
import { SimulatorControl } from './http/control.js';
import { GRAPHQL_PATH, route } from './http/router.js';
import { edgeError, type SimResponse } from './http/responses.js';
import type { WaveBooks } from './store/books.js';

export interface WaveSimulatorOptions {
  port?: number;
  host?: string;
  /** The access token clients must send as `Authorization: Bearer <token>`. */
  token: string;
  /** Extra latency per response in ms, to model a slow backend. */
  latencyMs?: number;
  /** The clock "today" and timestamps come from (tests pin it). */
  clock?: () => Date;
}

export interface RunningWaveSimulator {
  /** `http://host:port`. */
  readonly url: string;
  /** The GraphQL endpoint: `${url}/graphql/public`. */
  readonly graphqlUrl: string;
  readonly port: number;
  /** Test hook: the simulated books (businesses, customers, invoices, transactions, sent emails). */
  readonly books: WaveBooks;
  /** Test hooks: queue 429s, change latency, rotate the token. */
  readonly control: SimulatorControl;
  /** The next `count` requests (for `operationName`, when given) get 429 with `Retry-After: retryAfterSeconds`. */
  rateLimitNext(count: number, retryAfterSeconds?: number, operationName?: string): void;
  /** Back to fresh demo books. */
  reset(): void;
  close(): Promise<void>;
}

const MAX_BODY = 1024 * 1024;

function write(res: ServerResponse, r: SimResponse): void {
  res.writeHead(r.status, { ...r.headers, 'Content-Length': Buffer.byteLength(r.body) });
  res.end(r.body);
}

/** Starts the simulator on `host:port` (port 0 picks a free one). */
export async function startWaveSimulator(opts: WaveSimulatorOptions): Promise<RunningWaveSimulator> {
  const host = opts.host ?? '127.0.0.1';
  const control = new SimulatorControl(opts.token, Math.max(0, opts.latencyMs ?? 0));
  let books = demoBooks(opts.clock);
  const hooks = { books: () => books, control, reset: () => (books = demoBooks(opts.clock)) };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on('end', () => {
      const answer = (r: SimResponse) =>
        control.latencyMs > 0 ? setTimeout(() => write(res, r), control.latencyMs) : write(res, r);
      if (size > MAX_BODY) {
        answer(edgeError(413, 'Request body too large.', 'PAYLOAD_TOO_LARGE'));
        return;
      }
      const url = new URL(req.url ?? '/', 'http://localhost');
      route(hooks, {
        method: req.method ?? 'GET',
        pathname: url.pathname,
        authorization: req.headers.authorization,
        body: Buffer.concat(chunks).toString('utf8'),
      }).then(answer, () => answer(edgeError(500, 'Internal server error', 'INTERNAL_SERVER_ERROR')));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    url,
    graphqlUrl: `${url}${GRAPHQL_PATH}`,
    port,
    get books() {
      return books;
    },
    control,
    rateLimitNext: (count, retryAfterSeconds, operationName) =>
      control.rateLimitNext(count, retryAfterSeconds, operationName),
    reset: hooks.reset,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
