import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { BusConnection } from './bus-connection.js';

function listen(server: Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

describe('BusConnection.connect with firstConnectTimeoutMs', () => {
  it('rejects at once when nothing listens, instead of waiting for NATS to appear', async () => {
    const probe = createServer();
    const port = await listen(probe);
    await close(probe);
    const started = Date.now();
    await assert.rejects(
      BusConnection.connect({
        servers: [`nats://127.0.0.1:${port}`],
        prefix: 'gw',
        name: 'spec',
        firstConnectTimeoutMs: 2_000,
      }),
    );
    assert.ok(Date.now() - started < 1_500, `took ${Date.now() - started} ms`);
  });

  it('rejects after the timeout when the server accepts but never speaks NATS', async () => {
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => sockets.add(socket));
    const port = await listen(silent);
    try {
      const started = Date.now();
      await assert.rejects(
        BusConnection.connect({
          servers: [`nats://127.0.0.1:${port}`],
          prefix: 'gw',
          name: 'spec',
          firstConnectTimeoutMs: 300,
        }),
      );
      const took = Date.now() - started;
      assert.ok(took >= 250 && took < 2_000, `took ${took} ms`);
    } finally {
      for (const socket of sockets) socket.destroy();
      await close(silent);
    }
  });
});
