import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TrueNasBackend } from './backend.js';
import { FakeTrueNas } from './spec-fake-truenas.js';
import { specConfig } from './spec-harness.js';
import { parseVersion, snapshotNamespace } from './version.js';

describe('TrueNAS versions', () => {
  it('parses what system.version_short and system.version answer', () => {
    assert.deepEqual(parseVersion('25.10.0'), { major: 25, minor: 10, text: '25.10.0' });
    assert.deepEqual(parseVersion('TrueNAS-25.04.2'), { major: 25, minor: 4, text: '25.04.2' });
    assert.equal(parseVersion('TrueNAS-SCALE-24.10.2.1')?.minor, 10);
    assert.equal(parseVersion('26.04.0-BETA.1')?.major, 26);
    assert.equal(parseVersion('unknown'), undefined);
  });

  it('chooses pool.snapshot from 25.10 on and zfs.snapshot before', () => {
    assert.equal(snapshotNamespace(parseVersion('24.10.2')), 'zfs.snapshot');
    assert.equal(snapshotNamespace(parseVersion('25.04.2')), 'zfs.snapshot');
    assert.equal(snapshotNamespace(parseVersion('25.10.0')), 'pool.snapshot');
    assert.equal(snapshotNamespace(parseVersion('26.04.0')), 'pool.snapshot');
    assert.equal(snapshotNamespace(undefined), 'zfs.snapshot');
  });
});

describe('TrueNasBackend', () => {
  let fake: FakeTrueNas;
  let backend: TrueNasBackend;
  before(async () => {
    fake = await FakeTrueNas.start();
    backend = new TrueNasBackend(specConfig(fake.url.href), undefined);
  });
  after(async () => {
    await backend.close();
    await fake.close();
  });

  it('learns the version and subscribes to jobs on login; the probe says which release answered', async () => {
    const health = await backend.probe(AbortSignal.timeout(2_000));
    assert.deepEqual(health, { healthy: true, detail: 'TrueNAS 25.10.0' });
    assert.ok(fake.calls.includes('system.version_short'));
    assert.ok(fake.calls.includes('core.subscribe'));
  });

  it('falls back to the other snapshot namespace on "Method does not exist", and remembers it', async () => {
    // A release that claims 25.10 but only has the old names (a backport or a fork).
    fake.handlers.set('zfs.snapshot.query', () => ({ result: [] }));
    assert.deepEqual(await backend.snapshotCall('query', [[], {}]), []);
    assert.deepEqual(await backend.snapshotCall('query', [[], {}]), []);
    assert.equal(fake.calls.filter((c) => c === 'pool.snapshot.query').length, 1);
    assert.equal(fake.calls.filter((c) => c === 'zfs.snapshot.query').length, 2);
  });

  it('reports an unhealthy probe with the reason', async () => {
    fake.handlers.set('core.ping', () => FakeTrueNas.callError('EFAULT', 14, 'middleware is restarting'));
    const health = await backend.probe(AbortSignal.timeout(2_000));
    assert.equal(health.healthy, false);
    assert.match(health.detail ?? '', /middleware is restarting/);
  });
});
