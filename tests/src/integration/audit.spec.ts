import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import {
  AuditLog,
  AuditReadError,
  AuditReader,
  JetStreamAuditSink,
  auditStreamName,
  authFailureRecord,
  ensureAuditStream,
  toolCallRecord,
  type AuditEntry,
  type AuditSettings,
} from '@mcp-gateway/audit';
import { BusClient, BusConnection } from '@mcp-gateway/bus';
import { ToolCatalog, ToolInvoker } from '@mcp-gateway/catalog';
import { BusError, type AuditRecord, type ToolCallRecord } from '@mcp-gateway/contracts';
import {
  NATS_URL,
  freePort,
  startPrivateNats,
  uniquePrefix,
  waitFor,
  type PrivateNats,
} from '@mcp-gateway/testing';
import { startReplica } from './test-connector.js';

const MIB = 1024 ** 2;
const SETTINGS: AuditSettings = { maxAgeMs: 2 * 3_600_000, maxBytes: 8 * MIB, replicas: 1 };

async function collect(entries: AsyncIterable<AuditEntry>): Promise<AuditEntry[]> {
  const out: AuditEntry[] = [];
  for await (const entry of entries) out.push(entry);
  return out;
}

function refusal(n: number): AuditRecord {
  return authFailureRecord({
    surface: 'mcp',
    reason: 'invalid',
    tokenKind: 'opaque',
    tokenFingerprint: n.toString(16).padStart(8, '0'),
    remoteAddress: '127.0.0.1',
    url: '/mcp',
  });
}

async function destroyStream(nc: NatsConnection, prefix: string): Promise<void> {
  const jsm = await jetstreamManager(nc);
  await jsm.streams.delete(auditStreamName(prefix)).catch(() => false);
}

describe('the audit stream on the real NATS server', () => {
  let nc: NatsConnection;
  const prefixes: string[] = [];
  const prefix = (label: string) => {
    const p = uniquePrefix(label);
    prefixes.push(p);
    return p;
  };

  before(async () => {
    nc = await connect({ servers: NATS_URL.split(',') });
  });
  after(async () => {
    for (const p of prefixes) await destroyStream(nc, p);
    await nc.close();
  });

  it('is created with the configured limits, append-only, and brought to new limits later', async () => {
    const p = prefix('auditcfg');
    const bus = await BusConnection.connect({ servers: NATS_URL.split(','), prefix: p, name: 'audit-spec' });
    const log = new AuditLog(new JetStreamAuditSink(bus, SETTINGS));
    log.start();
    const jsm = await jetstreamManager(nc);
    const info = await waitFor(
      () => jsm.streams.info(auditStreamName(p)).catch(() => undefined),
      5_000,
      'the audit stream',
    );
    assert.equal(info.config.name, `${p}_audit`);
    assert.deepEqual(info.config.subjects, [`${p}.v1.audit.>`]);
    assert.equal(info.config.max_age, SETTINGS.maxAgeMs * 1_000_000);
    assert.equal(info.config.max_bytes, SETTINGS.maxBytes);
    assert.equal(info.config.num_replicas, 1);
    assert.equal(info.config.storage, 'file');
    assert.equal(info.config.retention, 'limits');
    assert.equal(info.config.discard, 'old');
    assert.equal(info.config.deny_delete, true);
    assert.equal(info.config.deny_purge, true);

    const updated = await ensureAuditStream(jsm, p, {
      ...SETTINGS,
      maxAgeMs: 86_400_000,
      maxBytes: 16 * MIB,
    });
    assert.equal(updated.config.max_age, 86_400_000 * 1_000_000);
    assert.equal(updated.config.max_bytes, 16 * MIB);
    const again = await ensureAuditStream(jsm, p, { ...SETTINGS, maxAgeMs: 86_400_000, maxBytes: 16 * MIB });
    assert.equal(again.config.max_bytes, 16 * MIB);
    await log.flush(1_000);
    await bus.close();
  });

  it('records every call the invoker completes, with its replica, and reads them back in order', async () => {
    const p = prefix('auditcall');
    const bus = await BusConnection.connect({ servers: NATS_URL.split(','), prefix: p, name: 'audit-spec' });
    const client = new BusClient(bus);
    const catalog = new ToolCatalog(client, { self: 'audit-spec' });
    catalog.start();
    const log = new AuditLog(new JetStreamAuditSink(bus, SETTINGS));
    const invoker = new ToolInvoker(client, 10_000, {
      observer: {
        retried: () => undefined,
        inFlight: () => undefined,
        completed: (call) => log.record(toolCallRecord(call)),
      },
    });
    const replica = await startReplica(p, NATS_URL);
    const echo = await waitFor(() => catalog.tool('testkit_echo'), 5_000, 'testkit_echo');
    const slow = await waitFor(() => catalog.tool('testkit_slow'), 5_000, 'testkit_slow');
    const caller = {
      surface: 'openapi',
      subject: 'api-token:ci',
      tokenKind: 'api-token',
      tokenId: 'tok_1',
      tokenName: 'ci',
    } as const;
    for (const message of ['one', 'two', 'three']) await invoker.invoke(echo, { message }, { caller });
    log.record(refusal(1));
    await assert.rejects(
      invoker.invoke(slow, { steps: 20 }, { caller, timeoutMs: 400 }),
      (e: unknown) => e instanceof BusError && e.code === 'TIMEOUT',
    );
    await waitFor(() => log.pending === 0, 5_000, 'every record acknowledged');

    const reader = new AuditReader(nc, p);
    const all = await collect(reader.tail({ lines: 100, follow: false }));
    assert.deepEqual(
      all.map((e) =>
        e.record?.kind === 'tool-call' ? `${e.record.tool}:${e.record.outcome}` : e.record?.kind,
      ),
      ['testkit_echo:ok', 'testkit_echo:ok', 'testkit_echo:ok', 'auth-failure', 'testkit_slow:TIMEOUT'],
    );
    const first = all[0]?.record as ToolCallRecord;
    assert.equal(first.instance, replica.instance);
    assert.equal(first.surface, 'openapi');
    assert.deepEqual(first.caller, {
      subject: 'api-token:ci',
      tokenId: 'tok_1',
      tokenName: 'ci',
      tokenKind: 'api-token',
    });
    assert.deepEqual(first.arguments, { message: 'one' });
    assert.equal((all[4]?.record as ToolCallRecord).instance, replica.instance);
    assert.deepEqual(
      all.map((e) => e.seq),
      [1, 2, 3, 4, 5],
    );

    const lastTwo = await collect(reader.tail({ lines: 2, follow: false }));
    assert.deepEqual(
      lastTwo.map((e) => e.seq),
      [4, 5],
    );
    const calls = await collect(reader.tail({ lines: 2, kind: 'tool-call', follow: false }));
    assert.deepEqual(
      calls.map((e) => e.seq),
      [3, 5],
    );
    const failures = await collect(reader.tail({ lines: 10, kind: 'auth-failure', follow: false }));
    assert.deepEqual(
      failures.map((e) => e.seq),
      [4],
    );

    // Following: the newest record first, then each new one as it is stored, until aborted.
    const stop = new AbortController();
    const followed: AuditEntry[] = [];
    const following = (async () => {
      for await (const entry of reader.tail({ lines: 1, follow: true, signal: stop.signal })) {
        followed.push(entry);
      }
    })();
    await waitFor(() => followed.length === 1, 5_000, 'the newest record');
    log.record(refusal(2));
    await waitFor(() => followed.length === 2, 5_000, 'the new record');
    stop.abort();
    await following;
    assert.deepEqual(
      followed.map((e) => e.seq),
      [5, 6],
    );

    await log.flush(1_000);
    await replica.stop();
    catalog.stop();
    invoker.stop();
    await bus.close();
  });

  it('says clearly when there is no stream to read', async () => {
    const reader = new AuditReader(nc, uniquePrefix('auditnone'));
    await assert.rejects(
      collect(reader.tail({ lines: 10, follow: false })),
      (e: unknown) =>
        e instanceof AuditReadError && e.problem === 'no-stream' && e.message.includes('no audit stream'),
    );
  });
});

describe('the audit log across a NATS restart', () => {
  let nats: PrivateNats;
  before(async () => {
    nats = await startPrivateNats(await freePort());
  });
  after(async () => {
    await nats.dispose();
  });

  it('keeps records while NATS is unreachable and delivers each of them once it is back', async () => {
    const p = uniquePrefix('auditdown');
    const bus = await BusConnection.connect({ servers: [nats.url], prefix: p, name: 'audit-spec' });
    const lines: string[] = [];
    const log = new AuditLog(new JetStreamAuditSink(bus, SETTINGS, 1_000), {
      retryMaxMs: 500,
      log: (l) => lines.push(l),
    });
    log.record(refusal(0));
    await waitFor(() => log.pending === 0, 5_000, 'the first record stored');

    await nats.stop();
    await waitFor(() => !bus.connected, 5_000, 'the client to notice');
    for (let n = 1; n <= 5; n++) log.record(refusal(n));
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(log.pending, 5, 'kept while NATS is away');

    await nats.start();
    await waitFor(() => log.pending === 0, 15_000, 'the queue to drain after NATS is back');
    const nc = await connect({ servers: nats.url });
    const entries = await collect(new AuditReader(nc, p).tail({ lines: 100, follow: false }));
    assert.deepEqual(
      entries.map((e) => (e.record?.kind === 'auth-failure' ? e.record.tokenFingerprint : '?')),
      [0, 1, 2, 3, 4, 5].map((n) => n.toString(16).padStart(8, '0')),
      'every record, once, in order',
    );
    assert.equal(await log.flush(1_000), 0);
    await nc.close();
    await bus.close();
  });
});
