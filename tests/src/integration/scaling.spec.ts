import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BusError, ConnectorToolsCall } from '@mcp-gateway/contracts';
import { NATS_URL, uniquePrefix, waitFor } from '@mcp-gateway/testing';
import { startFrontSide, servedBy } from './front-harness.js';
import { cancelled, startReplica } from './test-connector.js';

describe('connector replicas on the real NATS server', () => {
  const prefix = uniquePrefix('scale');
  let front: Awaited<ReturnType<typeof startFrontSide>>;

  before(async () => {
    front = await startFrontSide(prefix, NATS_URL);
  });
  after(async () => {
    await front.close();
  });

  it('a connector that starts appears within a second, and two replicas count as one connector', async () => {
    const started = Date.now();
    const a = await startReplica(prefix, NATS_URL);
    await waitFor(() => front.catalog.tool('testkit_echo'), 1_000, 'testkit tools');
    assert.ok(Date.now() - started < 3_000);
    const b = await startReplica(prefix, NATS_URL);
    await waitFor(() => front.instances('testkit') === 2, 2_000, 'two instances');
    assert.equal(front.catalog.view().filter((c) => c.name === 'testkit').length, 1);
    assert.equal(front.catalog.tools().filter((t) => t.descriptor.name === 'testkit_echo').length, 1);

    const served = new Set<string>();
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => front.call('testkit_echo', { message: `m${i}` })),
    );
    for (const r of results) served.add(servedBy(r));
    assert.deepEqual([...served].sort(), [a.instance, b.instance].sort(), 'both replicas served calls');

    await a.stop();
    await b.stop();
    await waitFor(
      () => front.catalog.tool('testkit_echo') === undefined,
      2_000,
      'tools to disappear after both replicas leave',
    );
  });

  it('stopping one replica under load fails no call, and a restarted replica serves again', async () => {
    const a = await startReplica(prefix, NATS_URL);
    const b = await startReplica(prefix, NATS_URL);
    await waitFor(() => front.instances('testkit') === 2, 3_000, 'two instances');
    let failures = 0;
    let completed = 0;
    const deadline = Date.now() + 2_500;
    const worker = async () => {
      while (Date.now() < deadline) {
        try {
          await front.call('testkit_echo', { message: 'load', delayMs: 20 });
          completed++;
        } catch {
          failures++;
        }
      }
    };
    const load = Promise.all(Array.from({ length: 8 }, worker));
    await new Promise((r) => setTimeout(r, 800));
    await a.stop();
    await load;
    assert.equal(failures, 0, `no call may fail (${completed} completed)`);
    assert.ok(completed > 100, `load ran (${completed} calls)`);
    assert.equal(front.instances('testkit'), 1);

    const c = await startReplica(prefix, NATS_URL);
    await waitFor(() => front.instances('testkit') === 2, 3_000, 'restarted replica');
    const served = new Set(
      (await Promise.all(Array.from({ length: 60 }, () => front.call('testkit_echo', { message: 'x' })))).map(
        servedBy,
      ),
    );
    assert.ok(served.has(c.instance), 'the restarted replica takes calls');
    await b.stop();
    await c.stop();
  });

  it('errors cross the bus as wire codes, progress is relayed, and cancellation reaches the connector', async () => {
    const a = await startReplica(prefix, NATS_URL);
    await waitFor(() => front.catalog.tool('testkit_slow'), 2_000, 'tools');
    const tool = front.catalog.tool('testkit_echo')!;
    await assert.rejects(
      front.invoker.invoke(
        { ...tool, descriptor: { ...tool.descriptor, name: 'testkit_nothing' } },
        {},
        { caller: { surface: 'cli', subject: 't' } },
      ),
      (e: unknown) => e instanceof BusError && e.code === 'TOOL_NOT_FOUND',
    );
    await assert.rejects(
      front.invoker.invoke(tool, { message: 42 }, { caller: { surface: 'cli', subject: 't' } }),
      (e: unknown) =>
        e instanceof BusError &&
        e.code === 'INVALID_ARGUMENTS' &&
        e.message.includes('message must be string'),
    );
    // A payload that breaks the contract never reaches the handler.
    const raw = await front.bus.nc.request(
      ConnectorToolsCall.subject(prefix, { connector: 'testkit' }),
      new TextEncoder().encode('{"tool":"testkit_echo"}'),
      { timeout: 2_000 },
    );
    const reply = JSON.parse(new TextDecoder().decode(raw.data)) as { ok: boolean; error: { code: string } };
    assert.equal(reply.ok, false);
    assert.equal(reply.error.code, 'INVALID_REQUEST');

    const progress: number[] = [];
    const result = await front.call(
      'testkit_slow',
      { steps: 3 },
      { onProgress: (p) => progress.push(p.progress) },
    );
    assert.deepEqual(progress, [1, 2, 3]);
    assert.equal(result.isError, undefined);

    const controller = new AbortController();
    setTimeout(() => controller.abort(), 250);
    const before = cancelled.length;
    await assert.rejects(
      front.call('testkit_slow', { steps: 50 }, { signal: controller.signal, onProgress: () => undefined }),
      (e: unknown) => e instanceof BusError && e.code === 'CANCELLED',
    );
    await waitFor(() => cancelled.length > before, 2_000, 'the connector to see the cancellation');
    assert.ok(cancelled[cancelled.length - 1]! <= 5, 'the connector stopped early');
    await a.stop();
  });

  it('a connector that stops announcing disappears, and a broken one does not affect the others', async () => {
    const a = await startReplica(prefix, NATS_URL);
    await waitFor(() => front.catalog.tool('testkit_echo'), 2_000, 'tools');
    // A "ghost" replica announces once and never again (like a process killed with -9) and has no tool list.
    front.client.publish(
      (await import('@mcp-gateway/contracts')).RegistryAnnounce,
      {},
      {
        connector: 'ghost',
        instance: 'ghost-1',
        version: '0',
        status: 'up',
        toolsDigest: 'x',
        toolCount: 1,
        backend: { healthy: true, checkedAt: new Date().toISOString() },
        startedAt: new Date().toISOString(),
        intervalMs: 100,
      },
    );
    await waitFor(() => front.catalog.view().some((c) => c.name === 'ghost'), 1_000, 'ghost to appear');
    assert.ok(front.catalog.tool('testkit_echo'), 'testkit is unaffected');
    await waitFor(() => !front.catalog.view().some((c) => c.name === 'ghost'), 2_000, 'ghost to expire');
    const r = await front.call('testkit_echo', { message: 'still here' });
    assert.equal(servedBy(r), a.instance);
    await a.stop();
  });
});
