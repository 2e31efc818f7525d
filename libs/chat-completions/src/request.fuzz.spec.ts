import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compileSchema, type ToolDescriptor, type ToolResult, MAX_JSON_DEPTH } from '@mcp-gateway/contracts';
import type { CatalogTool } from '@mcp-gateway/catalog';
import {
  brokenJsonText,
  hostileJsonText,
  hostileJsonValue,
  hostileString,
  nestedJsonText,
} from '@mcp-gateway/testing';
import { ChatError } from './errors.js';
import { parseChatRequest } from './request.js';
import { ToolRunner } from './tool-runner.js';

const RUNS = { numRuns: 1000 };

const chatLike = fc.record(
  {
    model: fc.oneof(fc.constantFrom('gateway', 'llama3.1:8b'), hostileJsonValue(2)),
    messages: fc.oneof(
      fc.array(
        fc.record({
          role: fc.oneof(fc.constantFrom('user', 'system'), hostileJsonValue(1)),
          content: hostileJsonValue(3),
        }),
      ),
      hostileJsonValue(3),
    ),
    stream: fc.oneof(fc.boolean(), hostileJsonValue(1)),
    stream_options: fc.oneof(fc.record({ include_usage: fc.boolean() }), hostileJsonValue(1)),
    tools: fc.oneof(
      fc.array(
        fc.record({
          type: fc.constantFrom('function', 'x'),
          function: fc.record({ name: hostileString(70) }),
        }),
      ),
      hostileJsonValue(3),
    ),
  },
  { requiredKeys: [] },
);

describe('parseChatRequest under arbitrary bodies', () => {
  it('accepts a body only with what the gateway reads in shape, and refuses anything else with a 400', () => {
    fc.assert(
      fc.property(fc.oneof(chatLike, hostileJsonValue()), (body) => {
        let request;
        try {
          request = parseChatRequest(body);
        } catch (error) {
          assert.ok(error instanceof ChatError, `unexpected ${String(error)}`);
          assert.equal(error.status, 400);
          return;
        }
        assert.ok(
          typeof request.model === 'string' && request.model.length > 0 && request.model.length <= 256,
        );
        assert.ok(request.messages.length > 0 && request.messages.every((m) => typeof m.role === 'string'));
        assert.equal(typeof request.stream, 'boolean');
        for (const tool of request.tools) assert.equal(typeof tool.type, 'string');
      }),
      RUNS,
    );
  });
});

function tool(name: string): CatalogTool {
  const descriptor = {
    name,
    title: name,
    description: name,
    inputSchema: { type: 'object', properties: { data: { type: 'object' }, n: { type: 'integer' } } },
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  } as unknown as ToolDescriptor;
  return {
    connector: 'homeassistant',
    descriptor,
    validate: compileSchema(descriptor.inputSchema),
    scope: 'homeassistant:read',
  };
}

const known = tool('homeassistant_get_state');
const sink = { delta: () => undefined, status: () => undefined };

/** A runner whose invoker serialises the arguments as the bus does. */
function runner() {
  const calls: unknown[] = [];
  const invoker = {
    invoke: (_t: CatalogTool, args: Record<string, unknown>): Promise<ToolResult> => {
      calls.push(JSON.parse(JSON.stringify(args)));
      return Promise.resolve({ content: [{ type: 'text', text: 'ok' }] });
    },
  };
  const run = new ToolRunner({
    catalog: { tool: (name) => (name === known.descriptor.name ? known : undefined) },
    invoker,
    timeoutMs: 1000,
    log: () => undefined,
  });
  return { run, calls };
}

describe('tool arguments written by a model or a person', () => {
  it('run or are refused as text for any argument string; only a JSON object within the depth limit is sent', async () => {
    const raw = fc.oneof(
      hostileJsonText(),
      brokenJsonText(),
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.integer({ min: 0, max: 3 * MAX_JSON_DEPTH }).map((n) => `{"data":${nestedJsonText(n)}}`),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('homeassistant_get_state', 'constructor', 'nope'),
        raw,
        async (name, text) => {
          const { run, calls } = runner();
          const outcome = await run.run(
            name,
            text,
            { subject: 'fuzz', scopes: new Set(['*']) },
            sink,
            new AbortController().signal,
          );
          assert.equal(typeof outcome.text, 'string');
          if (outcome.kind === 'ok') assert.equal(calls.length, 1);
          else assert.equal(calls.length, 0, `${outcome.kind}: nothing sent`);
        },
      ),
      RUNS,
    );
  });
});

describe('argument depth', () => {
  it('sends arguments nested at most MAX_JSON_DEPTH levels and refuses deeper ones', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 3 * MAX_JSON_DEPTH }), async (levels) => {
        const { run } = runner();
        const text = `{"data":${nestedJsonText(levels, 'object')}}`;
        const outcome = await run.run(
          'homeassistant_get_state',
          text,
          { subject: 'fuzz', scopes: new Set(['*']) },
          sink,
          new AbortController().signal,
        );
        assert.equal(
          outcome.kind === 'invalid_arguments',
          levels + 1 > MAX_JSON_DEPTH,
          `${levels + 1} levels: ${outcome.kind}`,
        );
      }),
      { numRuns: 200 },
    );
  });
});

describe('regressions found by the hostile corpus', () => {
  it('refuses arguments nested deeper than the limit as text for the model (they were an HTTP 500)', async () => {
    const { run, calls } = runner();
    const outcome = await run.run(
      'homeassistant_get_state',
      `{"data":${nestedJsonText(10_000)}}`,
      { subject: 'fuzz', scopes: new Set(['*']) },
      sink,
      new AbortController().signal,
    );
    assert.equal(outcome.kind, 'invalid_arguments');
    assert.match(outcome.text, /nested more than 64 levels/);
    assert.equal(calls.length, 0);
  });

  it('refuses a model id longer than 256 characters instead of echoing it back', () => {
    const body = { model: 'm'.repeat(257), messages: [{ role: 'user', content: 'hi' }] };
    assert.throws(
      () => parseChatRequest(body),
      (e: unknown) => e instanceof ChatError && e.status === 400,
    );
    assert.equal(parseChatRequest({ ...body, model: 'm'.repeat(256) }).model.length, 256);
  });
});
