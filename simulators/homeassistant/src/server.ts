import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { calendarEntityState } from './core/calendars.js';
import type { HomeAssistantState } from './core/hass.js';
import { stableHexId } from './core/ids.js';
import { nowMicros } from './core/time.js';
import { buildDemoHome } from './demo/build.js';
import { sunState } from './demo/sun.js';
import { dispatch } from './rest/router.js';
import { httpError, type ApiResponse } from './rest/responses.js';
import { COMMANDS } from './ws/commands.js';
import { WsSession } from './ws/session.js';

export interface HomeAssistantSimulatorOptions {
  port?: number;
  host?: string;
  /** The long-lived access token clients must present (REST bearer / WS `auth`). */
  token: string;
  /** Extra latency per REST response and WS result in ms, to model a slow backend in benchmarks. */
  latencyMs?: number;
}

export interface RunningHomeAssistantSimulator {
  /** `http://host:port`; the REST root is `${url}/api/`, the WebSocket `${url}/api/websocket`. */
  url: string;
  port: number;
  close(): Promise<void>;
  /** Test hook: the simulated state machine, registries, recorder and services. */
  state: HomeAssistantState;
}

/** Headers HA's `http` integration adds to every response. */
const SECURITY_HEADERS = {
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'SAMEORIGIN',
};

// Clients may send large service payloads; HA's own limit is 16 MiB.
const MAX_BODY = 16 * 1024 * 1024;

function write(res: ServerResponse, r: ApiResponse): void {
  res.writeHead(r.status, {
    'Content-Type': r.contentType,
    'Content-Length': Buffer.byteLength(r.body),
    ...SECURITY_HEADERS,
    ...r.headers,
  });
  res.end(r.body);
}

/** Time-driven states HA refreshes on its own (the sun moves, calendar events start and end). */
function refreshClockStates(hass: HomeAssistantState): void {
  const now = nowMicros();
  const context = hass.newContext(null);
  const sun = sunState(now, hass.config.latitude, hass.config.longitude);
  hass.update('sun.sun', sun.state, sun.attributes, context);
  for (const cal of hass.calendars.values()) {
    const view = calendarEntityState(cal, now, hass.timeZone);
    hass.write(cal.entity_id, view.state, view.attributes, context);
  }
}

/** Start the simulator on `host:port` (port 0 picks a free one). */
export async function startHomeAssistantSimulator(
  opts: HomeAssistantSimulatorOptions,
): Promise<RunningHomeAssistantSimulator> {
  const host = opts.host ?? '127.0.0.1';
  const latencyMs = Math.max(0, opts.latencyMs ?? 0);
  const owner = { id: stableHexId('user:owner'), name: 'Owner' };
  const hass = buildDemoHome({ internalUrl: null, owner });

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const response =
        size > MAX_BODY
          ? { ...httpError(400), status: 413, body: '413: Request Entity Too Large' }
          : dispatch(hass, opts.token, {
              method: req.method ?? 'GET',
              pathname: url.pathname,
              query: url.searchParams,
              body: Buffer.concat(chunks).toString('utf8'),
              authorization: req.headers.authorization,
            });
      if (latencyMs > 0) setTimeout(() => write(res, response), latencyMs);
      else write(res, response);
    });
  });
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (pathname !== '/api/websocket') {
      socket.end(
        'HTTP/1.1 404 Not Found\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 14\r\n\r\n404: Not Found',
      );
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      new WsSession(ws, hass, opts.token, latencyMs, COMMANDS);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  hass.config.internal_url = url;
  const clock = setInterval(() => refreshClockStates(hass), 60_000);
  clock.unref();

  return {
    url,
    port,
    state: hass,
    close: async () => {
      clearInterval(clock);
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
