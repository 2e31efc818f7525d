import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  BusError,
  WIRE_ERROR_CODES,
  compileSchema,
  type ToolDescriptor,
  type ToolResult,
} from '@mcp-gateway/contracts';
import type { CatalogTool } from '@mcp-gateway/catalog';
import { PROTOTYPE_KEYS, UNICODE_TRICKS, hostileJsonValue, hostileString } from '@mcp-gateway/testing';
import { ToolEndpoint } from './tool-endpoint.js';

const RUNS = { numRuns: 1000 };

function tool(name: string, readOnly: boolean): CatalogTool {
  const descriptor = {
    name,
    title: name,
    description: name,
    inputSchema: {
      type: 'object',
      properties: {
        entity_id: { type: 'string', pattern: '^[a-z_]+\\.[a-z0-9_]+$', maxLength: 255 },
        data: { type: 'object' },
      },
      additionalProperties: false,
    },
    annotations: {
      readOnlyHint: readOnly,
      destructiveHint: !readOnly,
      idempotentHint: readOnly,
      openWorldHint: false,
    },
  } as unknown as ToolDescriptor;
  return {
    connector: 'homeassistant',
    descriptor,
    validate: compileSchema(descriptor.inputSchema),
    scope: `homeassistant:${readOnly ? 'read' : 'write'}`,
  };
}

const TOOLS = new Map(
  [tool('homeassistant_get_state', true), tool('homeassistant_call_service', false)].map((t) => [
    t.descriptor.name,
    t,
  ]),
);
const catalog = { tool: (name: string) => TOOLS.get(name) };

/** Like the bus, the invoker serialises the arguments; it answers with whatever the case draws. */
function endpoint(answer: () => Promise<ToolResult>) {
  const calls: Record<string, unknown>[] = [];
  const invoker = {
    invoke: (_t: CatalogTool, args: Record<string, unknown>) => {
      JSON.stringify(args);
      calls.push(args);
      return answer();
    },
  };
  return { endpoint: new ToolEndpoint(catalog, invoker, 1000), calls };
}

// Every code a connector or the bus can answer with; INTERNAL (a bug of ours) is the one left out.
const WIRE_CODES = WIRE_ERROR_CODES.filter((code) => code !== 'INTERNAL');

const answers = fc.oneof(
  fc.record({ text: hostileString(), isError: fc.boolean() }).map(
    ({ text, isError }) =>
      () =>
        Promise.resolve<ToolResult>({ content: [{ type: 'text', text }], isError }),
  ),
  fc.constantFrom(...WIRE_CODES).map((code) => () => Promise.reject(new BusError(code, `${code} happened`))),
);

describe('POST /tools/<name> under arbitrary names, bodies and tool answers', () => {
  it('answers 200, 4xx or a mapped bus failure with a JSON body, and calls the tool only with valid arguments', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.constantFrom(...TOOLS.keys()),
          fc.constantFrom<string>(
            ...PROTOTYPE_KEYS,
            '../../etc/passwd',
            '..\\..\\win.ini',
            'homeassistant_get_state\u0000',
          ),
          fc.constantFrom(...UNICODE_TRICKS).map((t) => `homeassistant_get${t}state`),
          hostileString(),
        ),
        fc.oneof(
          hostileJsonValue(),
          fc.dictionary(fc.constantFrom('entity_id', 'data', '__proto__'), hostileJsonValue(3)),
        ),
        fc.constantFrom(['*'], ['homeassistant:read'], [] as string[]),
        answers,
        async (name, body, scopes, answer) => {
          const { endpoint: tools, calls } = endpoint(answer);
          const result = await tools.run(name, body, { subject: 'fuzz', scopes: new Set(scopes) });
          assert.ok(Number.isInteger(result.status) && result.status >= 200 && result.status < 600);
          JSON.stringify(result.body);
          const known = TOOLS.get(name);
          if (!known) {
            assert.equal(result.status, 404);
            assert.equal(calls.length, 0);
          }
          // A 403 before the call is the scope check, naming the scope; after it, the backend's refusal.
          if (result.status === 403 && calls.length === 0) assert.equal(result.scope, known?.scope);
          if (calls.length > 0) assert.ok(known?.validate(calls[0]), 'only valid arguments cross the bus');
          if (result.status !== 200) {
            assert.equal(typeof (result.body as { detail?: unknown }).detail, 'string');
          }
          if (result.status >= 500)
            assert.equal(calls.length, 1, 'a 5xx only ever comes from the backend side');
        },
      ),
      RUNS,
    );
  });
});
