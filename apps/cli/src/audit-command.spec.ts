import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AuditReadError, type AuditEntry } from '@mcp-gateway/audit';
import type { AuthFailureRecord, ToolCallRecord } from '@mcp-gateway/contracts';
import { auditRow, cellsOf } from './audit-command.js';
import { runCli } from './cli.js';
import type { CliBus } from './connect.js';
import { fakeAuditFeed, fakeClient, recorder } from './spec-fakes.js';

const call: ToolCallRecord = {
  id: '0b7d3f4e-6a8c-4c1e-9f0a-1d2e3f4a5b6c',
  at: '2030-01-31T09:05:07.123Z',
  kind: 'tool-call',
  surface: 'mcp',
  caller: { subject: 'owner', clientId: 'claude', tokenKind: 'oauth' },
  tool: 'homeassistant_call_service',
  connector: 'homeassistant',
  instance: 'ha-1',
  argumentsDigest: 'a'.repeat(64),
  arguments: { domain: 'lock', service: 'unlock', service_data: { code: '[redacted]' } },
  truncated: false,
  outcome: 'ok',
  durationMs: 42,
  retries: 0,
};

const refused: AuthFailureRecord = {
  id: '5c1f0e2d-3b4a-4d5e-8f6a-7b8c9d0e1f2a',
  at: '2030-01-31T09:06:00.000Z',
  kind: 'auth-failure',
  surface: 'openapi',
  reason: 'invalid',
  tokenKind: 'opaque',
  tokenFingerprint: '1a2b3c4d',
  remoteAddress: '203.0.113.7',
  path: '/tools/homeassistant_get_state',
};

const entry = (seq: number, record: ToolCallRecord | AuthFailureRecord): AuditEntry => ({
  seq,
  json: JSON.stringify(record),
  record,
});

const STORED = [
  entry(1, { ...call, tool: 'homeassistant_get_state', outcome: 'TIMEOUT', retries: 2, instance: undefined }),
  entry(2, refused),
  entry(3, call),
];

async function run(args: string[], feed = fakeAuditFeed(STORED), interrupt?: AbortController) {
  const output = recorder();
  let closed = 0;
  const code = await runCli(args, {
    output,
    connect: () => {
      const bus: CliBus = {
        client: fakeClient({}).client,
        server: '127.0.0.1:4222',
        prefix: 'gw',
        audit: feed,
        close: () => {
          closed++;
          return Promise.resolve();
        },
      };
      return Promise.resolve(bus);
    },
    ...(interrupt ? { interrupt: () => interrupt.signal } : {}),
  });
  return { code, ...output, closed, feed };
}

describe('gateway audit tail', () => {
  it('prints the newest records as a table with time, surface, who, tool or path, outcome, ms and instance', async () => {
    const r = await run(['audit', 'tail']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.feed.asked, [{ lines: 20, follow: false }]);
    assert.equal(
      r.stdout,
      [
        'TIME (UTC)           SURFACE  WHO                           TOOL / PATH                         OUTCOME                MS      INSTANCE',
        '2030-01-31 09:05:07  mcp      owner (claude)                homeassistant_get_state             TIMEOUT, 2 retries     42      -',
        '2030-01-31 09:06:00  openapi  203.0.113.7                   /tools/homeassistant_get_state (o…  refused: invalid       -       -',
        '2030-01-31 09:05:07  mcp      owner (claude)                homeassistant_call_service          ok                     42      ha-1',
        '',
      ].join('\n'),
    );
    assert.equal(r.closed, 1);
  });

  it('--json prints each record as stored, one per line; -n and --kind are passed on', async () => {
    const r = await run(['audit', 'tail', '--json', '-n', '1', '--kind', 'tool-call']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.feed.asked, [{ lines: 1, follow: false, kind: 'tool-call' }]);
    assert.deepEqual(
      r.stdout
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line) as unknown),
      [call],
    );
  });

  it('says so when there is nothing to show', async () => {
    const r = await run(['audit', 'tail', '--kind', 'auth-failure'], fakeAuditFeed([]));
    assert.equal(r.code, 0);
    assert.equal(r.stdout, 'No auth-failure audit records.\n');
  });

  it('--follow keeps printing new records until Ctrl-C, then exits 0 and lets go of the bus', async () => {
    const interrupt = new AbortController();
    const feed = fakeAuditFeed(STORED, { later: [entry(4, { ...call, outcome: 'tool_error' })] });
    const running = run(['audit', 'tail', '--follow', '--lines', '1'], feed, interrupt);
    await new Promise((resolve) => setTimeout(resolve, 20));
    interrupt.abort();
    const r = await running;
    assert.equal(r.code, 0, r.stderr);
    assert.equal(feed.asked[0]?.follow, true);
    assert.equal(feed.asked[0]?.signal, interrupt.signal);
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 3);
    assert.match(lines[0] ?? '', /^TIME \(UTC\)/);
    assert.match(lines[1] ?? '', /homeassistant_call_service\s+ok\s/);
    assert.match(lines[2] ?? '', /homeassistant_call_service\s+tool_error\s/);
    assert.equal(r.closed, 1);
  });

  it('a missing stream is a one-line error and exit 1', async () => {
    const failure = new AuditReadError('no-stream', 'there is no audit stream gw_audit: no front has run');
    const r = await run(['audit', 'tail'], fakeAuditFeed([], { failure }));
    assert.equal(r.code, 1);
    assert.equal(r.stderr, 'error: there is no audit stream gw_audit: no front has run\n');
    assert.equal(r.stdout, '');
    assert.equal(r.closed, 1);
  });

  it('a wrong -n or --kind is a usage error (exit 2) before the bus is opened', async () => {
    for (const args of [
      ['audit', 'tail', '-n', 'ten'],
      ['audit', 'tail', '-n', '-1'],
      ['audit', 'tail', '--kind', 'login'],
    ]) {
      const r = await run(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.equal(r.feed.asked.length, 0);
      assert.match(r.stderr, /error: /);
    }
  });

  it('shows a record it cannot read as such, and cuts long cells', () => {
    assert.deepEqual(cellsOf({ seq: 9, json: '{"kind":"future"}', record: undefined }), [
      '?',
      '?',
      '?',
      'record #9 is unreadable here (see --json)',
    ]);
    assert.equal(auditRow(['x'.repeat(30), 'mcp']), `${'x'.repeat(18)}…  mcp\n`);
  });
});
