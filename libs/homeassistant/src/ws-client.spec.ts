import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { WebSocketServer, type WebSocket } from 'ws';
import { BusError } from '@mcp-gateway/contracts';
import { HomeAssistantSocket, HomeAssistantSocketError } from './ws-client.js';

/** A minimal Home Assistant WebSocket endpoint whose behaviour each test can steer. */
class FakeHomeAssistant {
  readonly server = new WebSocketServer({ port: 0 });
  readonly seenIds: number[] = [];
  connections = 0;
  hold = false;
  private readonly clients = new Set<WebSocket>();

  constructor(private readonly token: string) {
    this.server.on('connection', (socket) => {
      this.connections++;
      this.clients.add(socket);
      socket.on('close', () => this.clients.delete(socket));
      socket.send(JSON.stringify({ type: 'auth_required', ha_version: '2026.8.1' }));
      socket.on('message', (data) => {
        const msg = JSON.parse(Buffer.isBuffer(data) ? data.toString('utf8') : '{}') as {
          id?: number;
          type: string;
          access_token?: string;
          value?: unknown;
        };
        if (msg.type === 'auth') {
          socket.send(
            JSON.stringify(
              msg.access_token === this.token
                ? { type: 'auth_ok', ha_version: '2026.8.1' }
                : { type: 'auth_invalid', message: 'Invalid access token or password' },
            ),
          );
          return;
        }
        this.seenIds.push(msg.id ?? -1);
        if (this.hold) return;
        if (msg.type === 'ping') socket.send(JSON.stringify({ id: msg.id, type: 'pong' }));
        else if (msg.type === 'echo')
          socket.send(JSON.stringify([{ id: msg.id, type: 'result', success: true, result: msg.value }]));
        else
          socket.send(
            JSON.stringify({
              id: msg.id,
              type: 'result',
              success: false,
              error: { code: 'unknown_command', message: 'Unknown command.' },
            }),
          );
      });
    });
  }

  get url(): URL {
    return new URL(`ws://127.0.0.1:${(this.server.address() as { port: number }).port}/api/websocket`);
  }

  dropAll(): void {
    for (const c of this.clients) c.terminate();
  }

  async close(): Promise<void> {
    this.dropAll();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

describe('HomeAssistantSocket', () => {
  let ha: FakeHomeAssistant;
  before(async () => {
    ha = new FakeHomeAssistant('secret');
    await once(ha.server, 'listening');
  });
  after(() => ha.close());

  it('authenticates, numbers commands increasingly and reads coalesced frames', async () => {
    const socket = new HomeAssistantSocket({ url: ha.url, token: 'secret', timeoutMs: 2_000 });
    try {
      assert.deepEqual(await socket.command('echo', { value: { a: 1 } }), { a: 1 });
      assert.equal(await socket.command('echo', { value: 2 }), 2);
      assert.equal(socket.haVersion, '2026.8.1');
      const [a, b] = ha.seenIds.slice(-2);
      assert.ok(a !== undefined && b !== undefined && b > a);
    } finally {
      await socket.close();
    }
  });

  it('turns error results into errors that carry the code', async () => {
    const socket = new HomeAssistantSocket({ url: ha.url, token: 'secret', timeoutMs: 2_000 });
    try {
      await assert.rejects(
        socket.command('nope'),
        (e: unknown) => e instanceof HomeAssistantSocketError && e.code === 'unknown_command',
      );
    } finally {
      await socket.close();
    }
  });

  it('reports a rejected token as BACKEND_AUTH_FAILED', async () => {
    const socket = new HomeAssistantSocket({ url: ha.url, token: 'wrong', timeoutMs: 2_000 });
    try {
      await assert.rejects(
        socket.command('echo'),
        (e: unknown) => e instanceof BusError && e.code === 'BACKEND_AUTH_FAILED',
      );
      // While it waits to retry it fails at once with the same reason.
      await assert.rejects(
        socket.command('echo'),
        (e: unknown) => e instanceof BusError && e.code === 'BACKEND_AUTH_FAILED',
      );
    } finally {
      await socket.close();
    }
  });

  it('fails pending commands on a drop, fails fast while down, then reconnects', async () => {
    const socket = new HomeAssistantSocket({
      url: ha.url,
      token: 'secret',
      timeoutMs: 2_000,
      initialBackoffMs: 150,
    });
    try {
      assert.equal(await socket.command('echo', { value: 1 }), 1);
      const before = ha.connections;
      ha.hold = true;
      const pending = assert.rejects(
        socket.command('echo', { value: 2 }),
        (e: unknown) => e instanceof BusError && e.code === 'BACKEND_UNAVAILABLE',
      );
      await sleep(20);
      ha.dropAll();
      await pending;
      ha.hold = false;
      const started = Date.now();
      await assert.rejects(
        socket.command('echo', { value: 3 }),
        (e: unknown) => e instanceof BusError && e.code === 'BACKEND_UNAVAILABLE',
      );
      assert.ok(Date.now() - started < 50, 'fails fast while disconnected');
      await sleep(400);
      assert.equal(await socket.command('echo', { value: 4 }), 4);
      assert.equal(ha.connections, before + 1);
    } finally {
      await socket.close();
    }
  });

  it('times out a command Home Assistant never answers', async () => {
    const socket = new HomeAssistantSocket({ url: ha.url, token: 'secret', timeoutMs: 200 });
    try {
      await socket.command('echo', { value: 0 });
      ha.hold = true;
      await assert.rejects(
        socket.command('echo', { value: 1 }),
        (e: unknown) => e instanceof BusError && e.code === 'TIMEOUT',
      );
    } finally {
      ha.hold = false;
      await socket.close();
    }
  });

  it('rejects in-flight commands on close and refuses new ones', async () => {
    const socket = new HomeAssistantSocket({ url: ha.url, token: 'secret', timeoutMs: 2_000 });
    await socket.command('echo', { value: 0 });
    ha.hold = true;
    const pending = assert.rejects(
      socket.command('echo', { value: 1 }),
      (e: unknown) => e instanceof BusError && e.code === 'BACKEND_UNAVAILABLE',
    );
    await socket.close();
    ha.hold = false;
    await pending;
    await assert.rejects(
      socket.command('echo'),
      (e: unknown) => e instanceof BusError && e.code === 'BACKEND_UNAVAILABLE',
    );
  });

  it('reports an unreachable server as BACKEND_UNAVAILABLE', async () => {
    const socket = new HomeAssistantSocket({
      url: new URL('ws://127.0.0.1:1/api/websocket'),
      token: 'secret',
      timeoutMs: 1_000,
    });
    try {
      await assert.rejects(
        socket.command('echo'),
        (e: unknown) => e instanceof BusError && e.code === 'BACKEND_UNAVAILABLE',
      );
    } finally {
      await socket.close();
    }
  });
});
