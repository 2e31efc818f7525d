import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { BusError, type Announcement } from '@mcp-gateway/contracts';
import type { BusClient } from '@mcp-gateway/bus';
import { Announcer } from './announcer.js';
import { BackendPolicy } from './backend-policy.js';

/** Records what the announcer publishes; subscriptions do nothing. */
function fakeBus() {
  const published: Announcement[] = [];
  const bus = {
    connected: true,
    publish: (_op: unknown, _params: unknown, message: Announcement) => published.push(message),
    subscribe: () => ({ unsubscribe: () => undefined }),
  };
  return { bus: bus as unknown as BusClient, published };
}

describe('Announcer', () => {
  it('announces an open circuit as unhealthy at once, and healthy again once a trial call closes it', async () => {
    const { bus, published } = fakeBus();
    const policy = new BackendPolicy({
      connector: 'fake',
      displayName: 'Fake',
      breakerThreshold: 2,
      halfOpenAfterMs: 200,
      retries: 0,
    });
    const backend = {
      probe: () => Promise.resolve({ healthy: true, detail: 'API running.' }),
      close: () => Promise.resolve(),
    };
    const announcer = new Announcer(bus, backend, policy, {
      connector: 'fake',
      instance: 'i1',
      version: 'test',
      toolsDigest: 'digest',
      toolCount: 1,
      intervalMs: 60_000,
      demo: false,
    });
    await announcer.start();
    try {
      assert.equal(published.at(-1)?.backend.healthy, true);

      const down = () =>
        Promise.reject(new BusError('BACKEND_UNAVAILABLE', 'Fake is unreachable (ECONNREFUSED).'));
      const call = { timeoutMs: 1_000, idempotent: true };
      await assert.rejects(policy.execute(call, down));
      await assert.rejects(policy.execute(call, down));

      const open = published.at(-1);
      assert.equal(open?.status, 'up');
      assert.equal(open?.backend.healthy, false);
      assert.match(
        open?.backend.detail ?? '',
        /^Circuit open after 2 failures in a row; next try in 1 s\. Last error: Fake is unreachable \(ECONNREFUSED\)\. The health probe reaches it again\.$/,
      );
      assert.equal(announcer.health.healthy, false, '/ready follows the circuit too');

      await sleep(250);
      assert.equal(await policy.execute(call, () => Promise.resolve('ok')), 'ok');
      assert.equal(published.at(-1)?.backend.healthy, true);
      assert.equal(published.at(-1)?.backend.detail, 'API running.');
    } finally {
      announcer.stop();
    }
    assert.equal(published.at(-1)?.status, 'down');
  });
});
