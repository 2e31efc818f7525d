import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BusError } from '@mcp-gateway/contracts';
import { freePort, startPrivateNats, uniquePrefix, waitFor, type PrivateNats } from '@mcp-gateway/testing';
import { startFrontSide } from './front-harness.js';
import { startReplica } from './test-connector.js';

describe('NATS going down and coming back', () => {
  let nats: PrivateNats;
  before(async () => {
    nats = await startPrivateNats(await freePort());
  });
  after(async () => {
    await nats.dispose();
  });

  it('calls fail fast with a clear error while NATS is down and succeed again when it is back', async () => {
    const prefix = uniquePrefix('natsdown');
    const front = await startFrontSide(prefix, nats.url);
    const replica = await startReplica(prefix, nats.url);
    const ok = await front.call('testkit_echo', { message: 'before' });
    assert.equal(ok.isError, undefined);

    await nats.stop();
    await waitFor(() => !front.client.connected, 5_000, 'the client to notice');
    const tool = front.catalog.tool('testkit_echo')!;
    const started = Date.now();
    await assert.rejects(
      front.invoker.invoke(tool, { message: 'during' }, { caller: { surface: 'cli', subject: 't' } }),
      (e: unknown) =>
        e instanceof BusError && e.code === 'BUS_UNAVAILABLE' && e.message.includes('not connected'),
    );
    assert.ok(Date.now() - started < 200, 'failed fast, not after the timeout');

    await nats.start();
    await waitFor(
      async () => {
        try {
          const r = await front.invoker.invoke(
            tool,
            { message: 'after' },
            { caller: { surface: 'cli', subject: 't' } },
          );
          return r.isError === undefined;
        } catch {
          return false;
        }
      },
      15_000,
      'calls to succeed after NATS is back',
    );
    await replica.stop();
    await front.close();
  });
});
