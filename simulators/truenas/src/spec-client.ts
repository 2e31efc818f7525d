import { once } from 'node:events';
import WebSocket from 'ws';

export interface RpcMessage {
  jsonrpc?: string;
  id?: unknown;
  result?: unknown;
  error?: {
    code: number;
    message: string;
    data?: { error: number; errname: string; reason: string; extra: unknown };
  };
  method?: string;
  params?: { msg: string; collection: string; id: unknown; fields?: Record<string, unknown> };
}

/** A bare JSON-RPC client for simulator specs: raw frames in, every message out. */
export class SpecClient {
  readonly messages: RpcMessage[] = [];
  private nextId = 1;
  private readonly waiters = new Map<unknown, (m: RpcMessage) => void>();

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const message = JSON.parse(Buffer.isBuffer(data) ? data.toString('utf8') : '{}') as RpcMessage;
      this.messages.push(message);
      const waiter = this.waiters.get(message.id ?? null);
      if (waiter && message.method === undefined) {
        this.waiters.delete(message.id ?? null);
        waiter(message);
      }
    });
  }

  static async connect(url: string, path = '/api/current'): Promise<SpecClient> {
    const ws = new WebSocket(`${url}${path}`);
    await once(ws, 'open');
    return new SpecClient(ws);
  }

  call(method: string, params: unknown[] = []): Promise<RpcMessage> {
    const id = this.nextId++;
    return this.send({ jsonrpc: '2.0', id, method, params }, id);
  }

  /** Sends a raw frame and waits for the response with `id` (null for parse errors). */
  send(frame: unknown, id: unknown): Promise<RpcMessage> {
    const reply = new Promise<RpcMessage>((resolve) => this.waiters.set(id, resolve));
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
    return reply;
  }

  async login(apiKey: string, username = 'truenas_admin'): Promise<unknown> {
    const reply = await this.call('auth.login_ex', [
      { mechanism: 'API_KEY_PLAIN', username, api_key: apiKey, login_options: { user_info: false } },
    ]);
    return reply.result;
  }

  close(): void {
    this.ws.close();
  }
}
