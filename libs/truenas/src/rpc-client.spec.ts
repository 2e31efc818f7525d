import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { BusError } from '@mcp-gateway/contracts';
import { ToolError } from '@mcp-gateway/connector-kit';
import { TrueNasClient, type TrueNasClientOptions } from './rpc-client.js';
import { TrueNasCallError, TrueNasMethodMissing } from './rpc-errors.js';
import { startTruenasSimulator } from '@mcp-gateway/simulator-truenas';
import { FakeTrueNas } from './spec-fake-truenas.js';

function busError(code: string) {
  return (e: unknown) => e instanceof BusError && e.code === code;
}

describe('TrueNasClient', () => {
  let fake: FakeTrueNas;
  const clients: TrueNasClient[] = [];
  const client = (overrides: Partial<TrueNasClientOptions> = {}) => {
    const c = new TrueNasClient({
      url: fake.url,
      apiKey: '1-secret',
      username: 'truenas_admin',
      verifyTls: true,
      allowInsecure: true,
      timeoutMs: 2_000,
      ...overrides,
    });
    clients.push(c);
    return c;
  };
  before(async () => {
    fake = await FakeTrueNas.start();
  });
  beforeEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    fake.login = { result: { response_type: 'SUCCESS', user_info: null, authenticator: 'LEVEL_1' } };
    fake.handlers.set('echo', (params) => ({ result: params[0] ?? null }));
  });
  after(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await fake.close();
  });

  it('refuses plain ws:// unless explicitly allowed, before any byte is sent', () => {
    const before = fake.connections;
    assert.throws(
      () => client({ allowInsecure: false }),
      (e: unknown) =>
        e instanceof Error &&
        e.message.includes('revokes an API key') &&
        e.message.includes('TRUENAS_ALLOW_INSECURE'),
    );
    assert.equal(fake.connections, before);
  });

  it('logs in with auth.login_ex API_KEY_PLAIN, runs onReady, then calls with positional params', async () => {
    let ready = 0;
    const c = client({
      onReady: async (call) => {
        ready++;
        assert.equal(await call<string>('core.ping'), 'pong');
      },
    });
    assert.deepEqual(await c.call('echo', [{ a: 1 }]), { a: 1 });
    assert.deepEqual(fake.loginParams, [
      {
        mechanism: 'API_KEY_PLAIN',
        username: 'truenas_admin',
        api_key: '1-secret',
        login_options: { user_info: false },
      },
    ]);
    assert.equal(ready, 1);
    assert.equal(c.connected, true);
    const first = fake.calls.indexOf('auth.login_ex');
    assert.ok(first >= 0 && fake.calls.indexOf('core.ping') > first, 'login first, then onReady');
  });

  it('maps each JSON-RPC error shape', async () => {
    const c = client();
    fake.handlers.set('v', () => ({
      error: {
        code: -32602,
        message: 'Invalid params',
        data: {
          error: 22,
          errname: 'EINVAL',
          reason: '[EINVAL] pool_dataset_create.name: Path /mnt/tank/x already exists\n',
          trace: { class: 'ValidationErrors' },
          extra: [['pool_dataset_create.name', 'Path /mnt/tank/x already exists', 22]],
        },
      },
    }));
    fake.handlers.set('notfound', () =>
      FakeTrueNas.callError('ENOENT', 2, "cannot open 'tank/x@y': dataset does not exist"),
    );
    fake.handlers.set('busy', () => ({
      error: { code: -32000, message: 'Maximum number of concurrent calls (20) has exceeded' },
    }));
    fake.handlers.set('anon', () => FakeTrueNas.callError('ENOTAUTHENTICATED', 207, 'Not authenticated'));
    fake.handlers.set('limited', () => FakeTrueNas.callError('EBUSY', 16, 'Rate Limit Exceeded'));
    fake.handlers.set('bug', () =>
      FakeTrueNas.callError('EINVAL', 22, "'NoneType' object is not subscriptable", 'TypeError'),
    );
    fake.handlers.set('internal', () => ({
      error: { code: -32603, message: 'Failed to JSON serialize server message' },
    }));
    fake.handlers.set('denied', () => FakeTrueNas.callError('EACCES', 13, 'Not authorized'));

    await assert.rejects(
      c.call('v'),
      (e: unknown) =>
        e instanceof TrueNasCallError &&
        e.code === -32602 &&
        e.message === 'TrueNAS rejected v: pool_dataset_create.name: Path /mnt/tank/x already exists',
    );
    await assert.rejects(
      c.call('notfound'),
      (e: unknown) =>
        e instanceof ToolError &&
        e.message === "TrueNAS: cannot open 'tank/x@y': dataset does not exist (ENOENT)",
    );
    await assert.rejects(
      c.call('nope.nope'),
      (e: unknown) => e instanceof TrueNasMethodMissing && e.method === 'nope.nope',
    );
    await assert.rejects(
      c.call('busy'),
      (e: unknown) => busError('RATE_LIMITED')(e) && (e as BusError).retryAfterMs === 1_000,
    );
    await assert.rejects(c.call('anon'), busError('BACKEND_AUTH_FAILED'));
    await assert.rejects(c.call('limited'), busError('RATE_LIMITED'));
    await assert.rejects(
      c.call('bug'),
      (e: unknown) => busError('BACKEND_ERROR')(e) && (e as Error).message.includes('TypeError'),
    );
    await assert.rejects(c.call('internal'), busError('BACKEND_ERROR'));
    await assert.rejects(
      c.call('denied'),
      (e: unknown) => e instanceof ToolError && e.message.includes('lack the role'),
    );
  });

  for (const [type, pattern] of [
    ['AUTH_ERR', /rejected the API key \(AUTH_ERR\)/],
    ['EXPIRED', /expired or revoked \(EXPIRED\).*unencrypted/],
    ['OTP_REQUIRED', /one-time password/],
  ] as const) {
    it(`reports a ${type} login as BACKEND_AUTH_FAILED, and keeps failing fast until a retry works`, async () => {
      fake.login = { result: { response_type: type } };
      const c = client({ initialBackoffMs: 100 });
      await assert.rejects(
        c.call('echo'),
        (e: unknown) => busError('BACKEND_AUTH_FAILED')(e) && pattern.test((e as Error).message),
      );
      const started = Date.now();
      await assert.rejects(c.call('echo'), busError('BACKEND_AUTH_FAILED'));
      assert.ok(Date.now() - started < 50, 'fails fast while backing off');
      fake.login = { result: { response_type: 'SUCCESS', user_info: null, authenticator: 'LEVEL_1' } };
      await sleep(300);
      assert.equal(await c.call('echo', [7]), 7);
    });
  }

  it('fails calls in flight on a drop, fails fast while down, then reconnects and logs in again', async () => {
    const c = client({ initialBackoffMs: 150 });
    assert.equal(await c.call('echo', [1]), 1);
    const logins = fake.logins;
    fake.handlers.set('hold', () => 'hold');
    const pending = assert.rejects(c.call('hold'), busError('BACKEND_UNAVAILABLE'));
    await sleep(20);
    fake.dropAll();
    await pending;
    await assert.rejects(c.call('echo', [2]), busError('BACKEND_UNAVAILABLE'));
    await sleep(400);
    assert.equal(await c.call('echo', [3]), 3);
    assert.equal(fake.logins, logins + 1, 'logged in again on the new connection');
  });

  it('times out a call TrueNAS never answers, and cancels on abort', async () => {
    const c = client({ timeoutMs: 200 });
    fake.handlers.set('hold', () => 'hold');
    await c.call('echo');
    await assert.rejects(c.call('hold'), busError('TIMEOUT'));
    const controller = new AbortController();
    const call = c.call('hold', [], controller.signal);
    controller.abort();
    await assert.rejects(call, busError('CANCELLED'));
  });

  it('keeps at most maxConcurrent calls in flight on the one connection', async () => {
    const c = client({ maxConcurrent: 2 });
    await c.call('echo');
    let inFlight = 0;
    let peak = 0;
    fake.handlers.set('slow', (params, socket, id) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      setTimeout(() => {
        inFlight--;
        socket.send(JSON.stringify({ jsonrpc: '2.0', id, result: params[0] }));
      }, 30);
      return 'hold';
    });
    const results = await Promise.all([1, 2, 3, 4, 5].map((n) => c.call('slow', [n])));
    assert.deepEqual(results, [1, 2, 3, 4, 5]);
    assert.equal(peak, 2);
  });

  it('passes collection_update notifications to listeners', async () => {
    const c = client();
    await c.call('echo');
    const seen: unknown[] = [];
    c.onCollectionUpdate((u) => seen.push([u.collection, u.msg, u.id]));
    fake.notify('alert.list', 'changed', 'abc', { dismissed: true });
    await sleep(50);
    assert.deepEqual(seen, [['alert.list', 'changed', 'abc']]);
  });

  it('reports an unreachable server as BACKEND_UNAVAILABLE and a closed client as shutting down', async () => {
    const c = client({ url: new URL('ws://127.0.0.1:1/api/current'), timeoutMs: 1_000 });
    await assert.rejects(c.call('echo'), busError('BACKEND_UNAVAILABLE'));
    const sim = await startTruenasSimulator({ apiKey: '1-secret' });
    try {
      const old = client({ url: new URL(`${sim.url}/websocket`), timeoutMs: 1_000 });
      await assert.rejects(
        old.call('echo'),
        (e: unknown) =>
          busError('BACKEND_UNAVAILABLE')(e) && (e as Error).message.includes('TrueNAS 25.04 or later'),
      );
    } finally {
      await sim.close();
    }
    const d = client();
    await d.call('echo');
    await d.close();
    await assert.rejects(
      d.call('echo'),
      (e: unknown) => busError('BACKEND_UNAVAILABLE')(e) && (e as Error).message.includes('shutting down'),
    );
  });
});
