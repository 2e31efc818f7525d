import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { BusClient, BusConnection } from '@mcp-gateway/bus';
import { ToolInvoker, type CatalogTool, type RetryReason } from '@mcp-gateway/catalog';
import {
  BusError,
  ConnectorInstancePing,
  ConnectorToolsCall,
  compileSchema,
  type ToolDescriptor,
} from '@mcp-gateway/contracts';
import { NATS_URL, uniquePrefix, waitFor } from '@mcp-gateway/testing';

/**
 * The front's side of losing a connector replica, with fake replicas on the real NATS server whose every
 * move the test controls: a replica that takes a call and then dies (its connection closed, as kill -9
 * does), and a replica that never takes it at all.
 */
describe('a tool call whose replica is lost', () => {
  const prefix = uniquePrefix('loss');
  const connector = 'fake';
  let bus: BusConnection;
  let client: BusClient;
  const retries: RetryReason[] = [];
  let invoker: ToolInvoker;

  before(async () => {
    bus = await BusConnection.connect({ servers: [NATS_URL], prefix, name: 'loss-front' });
    client = new BusClient(bus);
    invoker = new ToolInvoker(client, 10_000, {
      ackTimeoutMs: 400,
      watchIntervalMs: 200,
      observer: { retried: (_c, reason) => retries.push(reason), inFlight: () => undefined },
    });
  });
  after(async () => {
    invoker.stop();
    await bus.close();
  });

  const subject = ConnectorToolsCall.subject(prefix, { connector });
  const queue = `${prefix}.connector.${connector}`;

  /** A replica that acknowledges every call as `instance`, answers pings, and never replies. */
  async function doomedReplica(instance: string): Promise<{ nc: NatsConnection; taken: () => number }> {
    const nc = await connect({ servers: NATS_URL });
    let taken = 0;
    nc.subscribe(ConnectorInstancePing.subject(prefix, { connector, instance }), {
      callback: (_e, msg) => {
        msg.respond(JSON.stringify({ ok: true, result: { instance, inFlight: taken } }));
      },
    });
    nc.subscribe(subject, {
      queue,
      callback: (_e, msg) => {
        taken++;
        msg.respond(JSON.stringify({ accepted: { instance } }));
      },
    });
    await nc.flush();
    return { nc, taken: () => taken };
  }

  /** A replica that answers every call at once with the replica's name. */
  async function healthyReplica(instance: string): Promise<NatsConnection> {
    const nc = await connect({ servers: NATS_URL });
    nc.subscribe(ConnectorInstancePing.subject(prefix, { connector, instance }), {
      callback: (_e, msg) => {
        msg.respond(JSON.stringify({ ok: true, result: { instance, inFlight: 0 } }));
      },
    });
    nc.subscribe(subject, {
      queue,
      callback: (_e, msg) => {
        msg.respond(JSON.stringify({ accepted: { instance } }));
        msg.respond(
          JSON.stringify({
            ok: true,
            result: { content: [{ type: 'text', text: instance }], isError: false },
          }),
        );
      },
    });
    await nc.flush();
    return nc;
  }

  /** A replica that takes calls off the queue and does nothing: no acknowledgement, no answer. */
  async function silentReplica(): Promise<NatsConnection> {
    const nc = await connect({ servers: NATS_URL });
    nc.subscribe(subject, { queue, callback: () => undefined });
    await nc.flush();
    return nc;
  }

  const call = (tool: CatalogTool, signal?: AbortSignal) =>
    invoker.invoke(tool, {}, { caller: { surface: 'cli', subject: 'test' }, ...(signal ? { signal } : {}) });

  it('sends a read-only call again when the replica that took it dies, and it succeeds', async () => {
    retries.length = 0;
    const doomed = await doomedReplica('doomed-1');
    const started = Date.now();
    const pending = call(tool('fake_read', true));
    await waitFor(() => doomed.taken() === 1, 2_000, 'the doomed replica to take the call');
    const healthy = await healthyReplica('healthy-1');
    await doomed.nc.close(); // what kill -9 looks like to NATS: the connection is gone
    const result = await pending;
    assert.equal(textOf(result), 'healthy-1');
    assert.deepEqual(retries, ['instance_lost']);
    assert.ok(Date.now() - started < 3_000, 'noticed by the ping, long before the 10 s timeout');
    await healthy.close();
  });

  it('fails a write call whose replica died, saying it may or may not have taken effect', async () => {
    retries.length = 0;
    const doomed = await doomedReplica('doomed-2');
    const pending = call(tool('fake_write', false));
    await waitFor(() => doomed.taken() === 1, 2_000, 'the doomed replica to take the call');
    const healthy = await healthyReplica('healthy-2');
    await doomed.nc.close();
    await assert.rejects(pending, (error: unknown) => {
      assert.ok(error instanceof BusError);
      assert.equal(error.code, 'CONNECTOR_UNAVAILABLE');
      assert.match(error.message, /stopped before answering; the call may or may not have taken effect/);
      return true;
    });
    assert.deepEqual(retries, [], 'a write is never sent twice');
    await healthy.close();
  });

  it('sends a read-only call again when no replica acknowledges it, and fails a write', async () => {
    retries.length = 0;
    const silent = await silentReplica();
    const read = call(tool('fake_read', true));
    const write = assert.rejects(call(tool('fake_write', false)), /No fake replica took fake_write in time/);
    await new Promise((r) => setTimeout(r, 100));
    const healthy = await healthyReplica('healthy-3');
    await silent.close();
    assert.equal(textOf(await read), 'healthy-3');
    await write;
    assert.deepEqual(retries, ['not_accepted']);
    await healthy.close();
  });

  it('a client that goes away cancels: no retry, and the cancellation is not mistaken for a lost replica', async () => {
    retries.length = 0;
    const doomed = await doomedReplica('doomed-4');
    const controller = new AbortController();
    const pending = call(tool('fake_read', true), controller.signal);
    await waitFor(() => doomed.taken() === 1, 2_000, 'the replica to take the call');
    controller.abort();
    await assert.rejects(
      pending,
      (error: unknown) => error instanceof BusError && error.code === 'CANCELLED',
    );
    assert.deepEqual(retries, []);
    await doomed.nc.close();
  });

  it('a replica that answers its pings keeps its calls however long they take', async () => {
    retries.length = 0;
    const slow = await doomedReplica('slow-5');
    const settled = call(tool('fake_read', true)).then(
      () => 'answered',
      (error: unknown) => error,
    );
    const early = await Promise.race([settled, new Promise((r) => setTimeout(() => r('waiting'), 1_500))]);
    assert.equal(early, 'waiting', 'pings that are answered never give the call up');
    assert.deepEqual(retries, []);
    await slow.nc.close();
    // Now its replica is gone and nobody else serves the subject: sent again once, then refused.
    const error = await settled;
    assert.ok(error instanceof BusError && error.code === 'CONNECTOR_UNAVAILABLE', String(error));
    assert.deepEqual(retries, ['instance_lost']);
  });
});

function tool(name: string, readOnly: boolean): CatalogTool {
  const descriptor: ToolDescriptor = {
    name,
    title: name,
    description: 'A fake tool.',
    inputSchema: { type: 'object' },
    annotations: {
      readOnlyHint: readOnly,
      destructiveHint: false,
      idempotentHint: readOnly,
      openWorldHint: false,
    },
  };
  return {
    connector: 'fake',
    descriptor,
    validate: compileSchema({ type: 'object' }),
    scope: `fake:${readOnly ? 'read' : 'write'}`,
  };
}

function textOf(result: { content: readonly { type: string; text?: string }[] }): string {
  return result.content[0]?.text ?? '';
}
