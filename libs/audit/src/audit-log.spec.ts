import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AuditKind, AuditRecord } from '@mcp-gateway/contracts';
import { AuditLog, type AuditSink, type DropReason } from './audit-log.js';
import { authFailureRecord, toolCallRecord } from './records.js';

/** A sink that stores by record id (as JetStream's duplicate window does) and fails when told to. */
class FakeSink implements AuditSink {
  connected = true;
  readonly stored: AuditRecord[] = [];
  readonly writes: string[] = [];
  ensureCalls = 0;
  ensureFailures = 0;
  /** The next writes fail without storing. */
  failures = 0;
  /** The next writes store the record but fail, as a lost acknowledgement does. */
  lostAcks = 0;
  private readonly listeners = new Set<() => void>();

  onReconnect(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  reconnect(): void {
    this.connected = true;
    for (const listener of this.listeners) listener();
  }

  get subscribed(): number {
    return this.listeners.size;
  }

  async ensure(): Promise<void> {
    await Promise.resolve();
    this.ensureCalls++;
    if (this.ensureFailures > 0) {
      this.ensureFailures--;
      throw new Error('stream not found');
    }
  }

  async write(record: AuditRecord): Promise<void> {
    await Promise.resolve();
    this.writes.push(record.id);
    if (!this.connected) throw new Error('disconnected');
    if (this.failures > 0) {
      this.failures--;
      throw new Error('no responders');
    }
    if (!this.stored.some((r) => r.id === record.id)) this.stored.push(record);
    if (this.lostAcks > 0) {
      this.lostAcks--;
      throw new Error('timeout');
    }
  }
}

function call(n: number): AuditRecord {
  return toolCallRecord({
    tool: 'homeassistant_get_state',
    connector: 'homeassistant',
    instance: 'ha-1',
    outcome: 'ok',
    startedAt: Date.now(),
    durationMs: 1,
    retries: 0,
    caller: { surface: 'mcp', subject: 'owner' },
    args: { n },
  });
}

function refusal(): AuditRecord {
  return authFailureRecord({
    surface: 'mcp',
    reason: 'invalid',
    tokenKind: 'opaque',
    tokenFingerprint: 'deadbeef',
    remoteAddress: '127.0.0.1',
    url: '/mcp',
  });
}

function metrics() {
  const m = {
    stored: [] as AuditKind[],
    dropped: [] as string[],
    pending: -1,
    observer: {
      stored: (kind: AuditKind) => void m.stored.push(kind),
      dropped: (kind: AuditKind, reason: DropReason) => void m.dropped.push(`${kind}:${reason}`),
      pending: (count: number) => void (m.pending = count),
    },
  };
  return m;
}

/** Resolves once `condition` holds (polled every 5 ms); rejects after `timeoutMs`. */
async function waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const numbers = (sink: FakeSink) =>
  sink.stored.map((r) => (r.kind === 'tool-call' ? r.arguments['n'] : r.kind));

describe('AuditLog', () => {
  it('writes records in order, a window at a time, after making sure the stream exists', async () => {
    const sink = new FakeSink();
    const m = metrics();
    const log = new AuditLog(sink, { window: 4, observer: m.observer });
    for (let n = 0; n < 10; n++) assert.equal(log.record(call(n)), true);
    assert.equal(await log.flush(1_000), 0);
    assert.deepEqual(numbers(sink), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    assert.equal(sink.ensureCalls, 1);
    assert.equal(m.stored.length, 10);
    assert.equal(m.pending, 0);
    assert.deepEqual(m.dropped, []);
  });

  it('keeps records while writes fail and retries them until they are acknowledged, storing each once', async () => {
    const sink = new FakeSink();
    sink.failures = 3;
    sink.lostAcks = 2;
    sink.ensureFailures = 1;
    const lines: string[] = [];
    const log = new AuditLog(sink, { window: 1, retryMaxMs: 20, log: (l) => lines.push(l) });
    for (let n = 0; n < 5; n++) log.record(call(n));
    await waitFor(() => log.pending === 0, 5_000, 'the queue to drain');
    assert.deepEqual(numbers(sink), [0, 1, 2, 3, 4]);
    assert.ok(sink.writes.length >= 5 + 3 + 2, 'failed writes were tried again');
    assert.ok(sink.ensureCalls >= 3, 'the stream is checked again after a failure');
    assert.ok(lines.some((l) => /could not be (written|set up)/.test(l)));
    assert.ok(lines.some((l) => l.includes('written again')));
    await log.flush(100);
  });

  it('waits while the bus is disconnected and delivers at once when it reconnects', async () => {
    const sink = new FakeSink();
    sink.connected = false;
    const log = new AuditLog(sink, { retryMaxMs: 60_000 });
    log.record(call(1));
    log.record(refusal());
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(sink.writes.length, 0, 'nothing is sent into a disconnected bus');
    assert.equal(log.pending, 2);
    const reconnected = Date.now();
    sink.reconnect();
    await waitFor(() => log.pending === 0, 2_000, 'the queue to drain after the reconnect');
    assert.ok(Date.now() - reconnected < 1_000, 'did not wait out the retry interval');
    assert.deepEqual(numbers(sink), [1, 'auth-failure']);
    await log.flush(100);
  });

  it('drops and counts new records beyond the queue limit', async () => {
    const sink = new FakeSink();
    sink.connected = false;
    const m = metrics();
    const lines: string[] = [];
    const log = new AuditLog(sink, { queueLimit: 3, observer: m.observer, log: (l) => lines.push(l) });
    const accepted = [1, 2, 3, 4, 5].map((n) => log.record(call(n)));
    assert.deepEqual(accepted, [true, true, true, false, false]);
    assert.deepEqual(m.dropped, ['tool-call:queue_full', 'tool-call:queue_full']);
    assert.equal(lines.filter((l) => l.includes('queue full')).length, 1, 'said once');
    sink.reconnect();
    await waitFor(() => log.pending === 0, 2_000, 'the queue to drain');
    assert.deepEqual(numbers(sink), [1, 2, 3]);
    await log.flush(100);
  });

  it('caps auth failures so a flood of bad tokens cannot crowd out tool calls', async () => {
    const sink = new FakeSink();
    const m = metrics();
    const log = new AuditLog(sink, { authFailureRate: { perSecond: 1, burst: 3 }, observer: m.observer });
    const accepted = Array.from({ length: 10 }, () => log.record(refusal()));
    assert.equal(accepted.filter(Boolean).length, 3);
    assert.equal(m.dropped.filter((d) => d === 'auth-failure:rate_limited').length, 7);
    assert.equal(log.record(call(1)), true, 'tool calls are not capped');
    await log.flush(1_000);
    assert.equal(sink.stored.length, 4);
  });

  it('flush gives up at its deadline, counts what is left as lost, and stops', async () => {
    const sink = new FakeSink();
    sink.connected = false;
    const m = metrics();
    const lines: string[] = [];
    const log = new AuditLog(sink, { observer: m.observer, log: (l) => lines.push(l) });
    log.record(call(1));
    log.record(call(2));
    const started = Date.now();
    assert.equal(await log.flush(100), 2);
    assert.ok(Date.now() - started < 1_000);
    assert.deepEqual(m.dropped, ['tool-call:shutdown', 'tool-call:shutdown']);
    assert.ok(lines.some((l) => l.includes('2 audit records were lost')));
    assert.equal(sink.subscribed, 0, 'stopped listening for reconnects');
    assert.equal(log.record(call(3)), false, 'nothing is queued once stopped');
    assert.equal(m.dropped.length, 3);
  });

  it('flush waits for records still being retried when the bus comes back in time', async () => {
    const sink = new FakeSink();
    sink.connected = false;
    const log = new AuditLog(sink, { retryMaxMs: 60_000 });
    log.record(call(1));
    setTimeout(() => sink.reconnect(), 100);
    assert.equal(await log.flush(5_000), 0);
    assert.deepEqual(numbers(sink), [1]);
  });

  it('refuses a record that does not match the contract', async () => {
    const sink = new FakeSink();
    const m = metrics();
    const log = new AuditLog(sink, { observer: m.observer });
    const bad = { ...call(1), argumentsDigest: 'nope' };
    assert.equal(log.record(bad), false);
    assert.deepEqual(m.dropped, ['tool-call:invalid']);
    await log.flush(100);
    assert.equal(sink.stored.length, 0);
  });
});
