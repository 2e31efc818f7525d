import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import { BusContext } from '@mcp-gateway/bus';
import { Metrics } from '@mcp-gateway/observability';
import { remainingMs } from './call-scope.js';
import { ConnectorRuntime } from './connector-runtime.js';
import { jsonResult } from './results.js';
import { READ_ONLY, defineTool } from './tool.js';

const backend = { probe: () => Promise.resolve({ healthy: true }), close: () => Promise.resolve() };

/** A tool that reports how much time its backend requests would have. */
const timeLeft = defineTool<typeof backend, ReturnType<typeof Type.Object>>({
  name: 'fake_time_left',
  title: 'time left',
  description: 'Reports the remaining deadline.',
  input: Type.Object({}),
  annotations: READ_ONLY,
  run: () => Promise.resolve(jsonResult({ remaining: remainingMs() })),
});

describe('ConnectorRuntime deadlines', () => {
  const runtime = new ConnectorRuntime({
    connector: 'fake',
    version: 'test',
    tools: [timeLeft],
    backend,
    metrics: new Metrics('test'),
    defaultTimeoutMs: 5_000,
    onUnexpectedError: () => undefined,
  });
  const remaining = async (timeoutMs?: number) => {
    const reply = await runtime.call(
      {
        callId: randomUUID(),
        tool: 'fake_time_left',
        arguments: {},
        ...(timeoutMs !== undefined ? { timeoutMs } : {}),
      },
      new BusContext('test', undefined, new AbortController().signal),
    );
    if (!('ok' in reply) || !reply.ok) throw new Error(`no result: ${JSON.stringify(reply)}`);
    return (reply.result.structuredContent as { remaining: number }).remaining;
  };

  it("gives the backend the time the front allowed, capped by the connector's own limit", async () => {
    const fromFront = await remaining(1_200);
    assert.ok(fromFront <= 1_200 && fromFront > 1_000, `${fromFront} ms`);
    const capped = await remaining(60_000);
    assert.ok(capped <= 5_000 && capped > 4_800, `${capped} ms`);
    const unsaid = await remaining();
    assert.ok(unsaid <= 5_000 && unsaid > 4_800, `${unsaid} ms`);
  });

  it('has no deadline outside a tool call', () => {
    assert.equal(remainingMs(), undefined);
  });
});
