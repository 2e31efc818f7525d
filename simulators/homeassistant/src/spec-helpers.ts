import WebSocket from 'ws';
import { startHomeAssistantSimulator, type RunningHomeAssistantSimulator } from './server.js';

export const TOKEN = 'test-token';

export function startSim(latencyMs = 0): Promise<RunningHomeAssistantSimulator> {
  return startHomeAssistantSimulator({ port: 0, token: TOKEN, latencyMs });
}

/** `fetch` with the bearer token; returns status, headers and the parsed (or raw) body. */
export async function api(
  sim: RunningHomeAssistantSimulator,
  path: string,
  init: { method?: string; body?: unknown; token?: string | null } = {},
): Promise<{ status: number; headers: Headers; text: string; json: () => unknown }> {
  const headers: Record<string, string> = {};
  const token = init.token === undefined ? TOKEN : init.token;
  if (token !== null) headers['Authorization'] = `Bearer ${token}`;
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(`${sim.url}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers,
    body:
      init.body === undefined
        ? undefined
        : typeof init.body === 'string'
          ? init.body
          : JSON.stringify(init.body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) as unknown };
}

/** A WS client that queues frames so tests can await the next matching one. */
export class WsClient {
  private readonly frames: Record<string, unknown>[] = [];
  private waiters: (() => void)[] = [];
  closed: number | null = null;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      this.frames.push(JSON.parse(Buffer.from(data as Buffer).toString('utf8')) as Record<string, unknown>);
      this.wake();
    });
    socket.on('close', (code) => {
      this.closed = code;
      this.wake();
    });
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  static async open(sim: RunningHomeAssistantSimulator): Promise<WsClient> {
    const socket = new WebSocket(`${sim.url.replace('http', 'ws')}/api/websocket`);
    const client = new WsClient(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return client;
  }

  /** Open and complete the auth handshake. */
  static async connect(sim: RunningHomeAssistantSimulator): Promise<WsClient> {
    const client = await WsClient.open(sim);
    await client.next((f) => f['type'] === 'auth_required');
    client.send({ type: 'auth', access_token: TOKEN });
    await client.next((f) => f['type'] === 'auth_ok');
    return client;
  }

  send(msg: unknown): void {
    this.socket.send(JSON.stringify(msg));
  }

  /** The next frame (removed from the queue) matching `pred`; rejects after `timeoutMs`. */
  async next(
    pred: (f: Record<string, unknown>) => boolean,
    timeoutMs = 2000,
  ): Promise<Record<string, unknown>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const i = this.frames.findIndex(pred);
      if (i >= 0) return this.frames.splice(i, 1)[0] as Record<string, unknown>;
      if (this.closed !== null) throw new Error(`socket closed (${this.closed}) while waiting`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out; frames: ${JSON.stringify(this.frames).slice(0, 500)}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** Send a command and await its `result` frame. */
  async command(msg: Record<string, unknown>): Promise<Record<string, unknown>> {
    this.send(msg);
    return this.next((f) => f['id'] === msg['id'] && f['type'] === 'result');
  }

  async waitClosed(timeoutMs = 2000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    while (this.closed === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    if (this.closed === null) throw new Error('socket did not close');
    return this.closed;
  }

  close(): void {
    this.socket.close();
  }
}
