import { once } from 'node:events';
import { createServer, type Server } from 'node:https';
import { WebSocketServer, type WebSocket } from 'ws';

export type FakeReply = { result: unknown } | { error: Record<string, unknown> } | 'hold';
export type FakeHandler = (params: unknown[], socket: WebSocket, id: unknown) => FakeReply;

/**
 * A minimal TrueNAS JSON-RPC endpoint whose every answer a test can steer (error shapes, silence,
 * drops), for what the simulator does not do on purpose. Logs in with any key unless told otherwise.
 */
export class FakeTrueNas {
  readonly server: WebSocketServer;
  private readonly tls: Server | undefined;
  readonly calls: string[] = [];
  connections = 0;
  logins = 0;
  /** The params of the last `auth.login_ex`. */
  loginParams: unknown;
  login: FakeReply = { result: { response_type: 'SUCCESS', user_info: null, authenticator: 'LEVEL_1' } };
  readonly handlers = new Map<string, FakeHandler>([
    ['system.version_short', () => ({ result: '25.10.0' })],
    ['core.subscribe', () => ({ result: 'sub-1' })],
    ['core.ping', () => ({ result: 'pong' })],
  ]);
  private readonly clients = new Set<WebSocket>();

  private constructor(tls?: { cert: string; key: string }) {
    this.tls = tls ? createServer(tls) : undefined;
    this.server = this.tls ? new WebSocketServer({ server: this.tls }) : new WebSocketServer({ port: 0 });
    this.server.on('connection', (socket) => {
      this.connections++;
      this.clients.add(socket);
      socket.on('close', () => this.clients.delete(socket));
      socket.on('message', (data) => {
        const text = Buffer.isBuffer(data) ? data.toString('utf8') : '';
        const msg = JSON.parse(text) as { id: unknown; method: string; params: unknown[] };
        this.calls.push(msg.method);
        if (msg.method === 'auth.login_ex') {
          this.logins++;
          this.loginParams = msg.params;
        }
        const reply =
          msg.method === 'auth.login_ex'
            ? this.login
            : (this.handlers.get(msg.method)?.(msg.params, socket, msg.id) ?? {
                error: { code: -32601, message: 'Method does not exist' },
              });
        if (reply === 'hold') return;
        socket.send(JSON.stringify({ jsonrpc: '2.0', id: msg.id, ...reply }));
      });
    });
  }

  /** Plain `ws://`, or `wss://` with the given certificate. */
  static async start(tls?: { cert: string; key: string }): Promise<FakeTrueNas> {
    const fake = new FakeTrueNas(tls);
    if (fake.tls) {
      fake.tls.listen(0, '127.0.0.1');
      await once(fake.tls, 'listening');
    } else {
      await once(fake.server, 'listening');
    }
    return fake;
  }

  get url(): URL {
    const address = (this.tls ?? this.server).address() as { port: number };
    return new URL(`${this.tls ? 'wss' : 'ws'}://127.0.0.1:${address.port}/api/current`);
  }

  /** A `Method call error` as `send_truenas_error` shapes it. */
  static callError(errname: string, errno: number, reason: string, cls = 'CallError'): FakeReply {
    return {
      error: {
        code: -32001,
        message: 'Method call error',
        data: {
          error: errno,
          errname,
          reason: `[${errname}] ${reason}`,
          trace: { class: cls, formatted: '', repr: '' },
          extra: null,
        },
      },
    };
  }

  notify(collection: string, msg: string, id: unknown, fields?: unknown): void {
    const params = fields === undefined ? { msg, collection, id } : { msg, collection, id, fields };
    for (const c of this.clients)
      c.send(JSON.stringify({ jsonrpc: '2.0', method: 'collection_update', params }));
  }

  dropAll(): void {
    for (const c of this.clients) c.terminate();
  }

  async close(): Promise<void> {
    this.dropAll();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    const tls = this.tls;
    if (tls) await new Promise<void>((resolve) => tls.close(() => resolve()));
  }
}
