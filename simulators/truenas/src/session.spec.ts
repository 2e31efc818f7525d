import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { startTruenasSimulator, type RunningTruenasSimulator } from './server.js';
import { SpecClient } from './spec-client.js';

const KEY = '1-simulatorkey';

describe('TrueNAS simulator: JSON-RPC 2.0 session', () => {
  let sim: RunningTruenasSimulator;
  before(async () => {
    sim = await startTruenasSimulator({ apiKey: KEY, version: '25.10', jobStepMs: 20 });
  });
  after(() => sim.close());

  it('answers malformed frames with the middleware error shapes', async () => {
    const c = await SpecClient.connect(sim.url);
    assert.equal((await c.send('{"jsonrpc":', null)).error?.code, -32700);
    assert.deepEqual((await c.send('[{"jsonrpc":"2.0","id":1,"method":"core.ping"}]', null)).error, {
      code: -32700,
      message: 'Batch messages are not supported at this time',
    });
    assert.deepEqual((await c.send({ jsonrpc: '1.0', id: 5, method: 'core.ping' }, 5)).error, {
      code: -32600,
      message: "'jsonrpc' member must be of type string and must be exactly '2.0'",
    });
    assert.equal(
      (await c.send({ jsonrpc: '2.0', id: 6, method: 'core.ping', params: {} }, 6)).error?.code,
      -32600,
    );
    assert.deepEqual((await c.call('no.such.method')).error, {
      code: -32601,
      message: 'Method does not exist',
    });
    c.close();
  });

  it('refuses calls before login with ENOTAUTHENTICATED, and logs in with auth.login_ex', async () => {
    const c = await SpecClient.connect(sim.url);
    const anon = await c.call('pool.query');
    assert.equal(anon.error?.code, -32001);
    assert.equal(anon.error?.message, 'Method call error');
    assert.deepEqual(
      [anon.error?.data?.errname, anon.error?.data?.error, anon.error?.data?.reason],
      ['ENOTAUTHENTICATED', 207, '[ENOTAUTHENTICATED] Not authenticated'],
    );
    assert.equal((await c.call('core.ping')).result, 'pong', 'core.ping needs no login');
    assert.deepEqual(await c.login('1-wrong'), { response_type: 'AUTH_ERR' });
    assert.deepEqual(
      await c.login(KEY, 'root'),
      { response_type: 'AUTH_ERR' },
      'the key belongs to truenas_admin',
    );
    assert.deepEqual(await c.login(KEY), {
      response_type: 'SUCCESS',
      user_info: null,
      authenticator: 'LEVEL_1',
    });
    assert.ok(Array.isArray((await c.call('pool.query')).result));
    const tag = await c.call('auth.login_ex', [{ mechanism: 'MAGIC' }]);
    assert.equal(tag.error?.code, -32602);
    assert.match(tag.error?.data?.reason ?? '', /Input tag 'MAGIC' found using 'mechanism'/);
    c.close();
  });

  it('sends validation errors as -32602 with [attribute, message, errno] triples', async () => {
    const c = await SpecClient.connect(sim.url);
    await c.login(KEY);
    const reply = await c.call('pool.dataset.create', [{ name: 'tank' }]);
    assert.equal(reply.error?.code, -32602);
    assert.equal(reply.error?.message, 'Invalid params');
    assert.deepEqual(reply.error?.data?.extra, [
      ['pool_dataset_create.name', 'You need a full name, e.g. pool/newdataset', 22],
    ]);
    const extra = await c.call('pool.query', [[], { bogus: true }]);
    assert.deepEqual(extra.error?.data?.extra, [['options.bogus', 'Extra inputs are not permitted', 22]]);
    const missing = await c.call('pool.snapshot.delete', ['tank@nope']);
    assert.deepEqual(missing.error?.data?.extra, [
      [null, "cannot open 'tank@nope': dataset does not exist", 2],
    ]);
    const notFound = await c.call('pool.query', [[['name', '=', 'nope']], { get: true }]);
    assert.deepEqual([notFound.error?.code, notFound.error?.data?.reason], [-32001, 'MatchNotFound()']);
    c.close();
  });

  it('runs legacy jobs (id at once, progress events) and new-style jobs (answer at the end)', async () => {
    const c = await SpecClient.connect(sim.url);
    await c.login(KEY);
    await c.call('core.subscribe', ['core.get_jobs']);
    const legacy = await c.call('app.stop', ['nextcloud']);
    assert.equal(typeof legacy.result, 'number');
    await sleep(250);
    const events = c.messages.filter(
      (m) => m.params?.collection === 'core.get_jobs' && m.params.id === legacy.result,
    );
    assert.equal(events[0]?.params?.msg, 'added');
    assert.deepEqual(events[0]?.params?.fields?.['message_ids'], [3]);
    assert.deepEqual(
      events.map((e) => (e.params?.fields?.['progress'] as { percent: number }).percent),
      [0, 0, 20, 100, 100],
    );
    assert.equal(events.at(-1)?.params?.fields?.['state'], 'SUCCESS');
    assert.deepEqual((await c.call('core.set_options', [{ legacy_jobs: false }])).result, {
      legacy_jobs: false,
    });
    const modern = await c.call('app.start', ['nextcloud']);
    assert.equal(modern.result, null, 'the job result, sent when it finished');
    const failed = await c.call('app.start', ['syncthing']);
    assert.equal(failed.error?.code, -32001);
    assert.match(failed.error?.data?.reason ?? '', /Failed 'up' action for 'syncthing' app/);
    c.close();
  });

  it('revokes a key used from a remote client over plain ws:// and answers EXPIRED, then AUTH_ERR', async () => {
    const remote = await startTruenasSimulator({ apiKey: KEY, clientsAreRemote: true });
    try {
      const c = await SpecClient.connect(remote.url);
      assert.deepEqual(await c.login(KEY), { response_type: 'EXPIRED' });
      assert.equal(remote.state.keyRevoked, true);
      assert.deepEqual(await c.login(KEY), { response_type: 'AUTH_ERR' });
      c.close();
    } finally {
      await remote.close();
    }
  });

  it('rate-limits unauthenticated calls per method and address', async () => {
    const limited = await startTruenasSimulator({
      apiKey: KEY,
      rateLimit: { calls: 3, periodMs: 60_000, sleepMs: [10, 20] },
    });
    try {
      const c = await SpecClient.connect(limited.url);
      for (let i = 0; i < 3; i++) assert.deepEqual(await c.login('1-guess'), { response_type: 'AUTH_ERR' });
      await c.login(KEY);
      const last = c.messages.at(-1);
      assert.deepEqual(
        [last?.error?.data?.errname, last?.error?.data?.reason],
        ['EBUSY', '[EBUSY] Rate Limit Exceeded'],
      );
      c.close();
    } finally {
      await limited.close();
    }
  });

  it('closes the socket on oversized messages and answers -32000 past 20 concurrent calls', async () => {
    const anon = await SpecClient.connect(sim.url);
    anon.ws.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'core.ping', params: ['x'.repeat(9_000)] }));
    const [code, reason] = (await once(anon.ws, 'close')) as [number, Buffer];
    assert.deepEqual([code, reason.toString()], [1007, 'Anonymous connection max message length is 8 kB']);

    const slow = await startTruenasSimulator({ apiKey: KEY, latencyMs: 200 });
    try {
      const c = await SpecClient.connect(slow.url);
      await c.login(KEY);
      const replies = await Promise.all(Array.from({ length: 22 }, () => c.call('core.ping')));
      const refused = replies.filter((r) => r.error?.code === -32000);
      assert.equal(refused.length, 2);
      assert.equal(refused[0]?.error?.message, 'Maximum number of concurrent calls (20) has exceeded');
      c.close();
    } finally {
      await slow.close();
    }
  });
});

describe('TrueNAS simulator: versions', () => {
  it('25.04 has zfs.snapshot.* and service.start but not pool.snapshot.* or service.control; 25.10 has both', async () => {
    for (const [version, hasNew] of [
      ['25.04', false],
      ['25.10', true],
    ] as const) {
      const sim = await startTruenasSimulator({ apiKey: KEY, version });
      try {
        const c = await SpecClient.connect(sim.url);
        await c.login(KEY);
        assert.equal((await c.call('system.version_short')).result, `${version}.0`);
        assert.ok(Array.isArray((await c.call('zfs.snapshot.query')).result));
        assert.equal((await c.call('pool.snapshot.query')).error?.code, hasNew ? undefined : -32601);
        assert.equal(
          (await c.call('service.control', ['START', 'ssh'])).error?.code,
          hasNew ? undefined : -32601,
        );
        const smb = (await c.call('sharing.smb.query')).result as Record<string, unknown>[];
        assert.equal('readonly' in (smb[0] ?? {}), hasNew, 'the 25.10 SMB schema');
        c.close();
      } finally {
        await sim.close();
      }
    }
  });

  it('serves /api/current and the pinned /api/v<version> paths', async () => {
    const sim = await startTruenasSimulator({ apiKey: KEY, version: '25.10' });
    try {
      const versions = (await (
        await fetch(`${sim.url.replace('ws:', 'http:')}/api/versions`)
      ).json()) as string[];
      assert.ok(versions.includes('v25.10.0') && versions.includes('v25.04.2'));
      const pinned = await SpecClient.connect(sim.url, '/api/v25.10.0');
      assert.equal((await pinned.call('core.ping')).result, 'pong');
      pinned.close();
    } finally {
      await sim.close();
    }
  });
});
