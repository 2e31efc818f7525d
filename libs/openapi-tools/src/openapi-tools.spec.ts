import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BusError, compileSchema, type ToolDescriptor, type ToolResult } from '@mcp-gateway/contracts';
import type { CatalogTool } from '@mcp-gateway/catalog';
import { openApiDocument } from './openapi-document.js';
import { ToolEndpoint } from './tool-endpoint.js';

function tool(name: string, readOnly: boolean): CatalogTool {
  const descriptor: ToolDescriptor = {
    name,
    title: `Title of ${name}`,
    description: `Does ${name}`,
    inputSchema: {
      type: 'object' as const,
      properties: { entity_id: { type: 'string' } },
      required: ['entity_id'],
      additionalProperties: false,
    } as ToolDescriptor['inputSchema'],
    annotations: {
      readOnlyHint: readOnly,
      destructiveHint: !readOnly,
      idempotentHint: readOnly,
      openWorldHint: false,
    },
  };
  return {
    connector: 'homeassistant',
    descriptor,
    validate: compileSchema(descriptor.inputSchema),
    scope: `homeassistant:${readOnly ? 'read' : 'write'}`,
  };
}

const read = tool('homeassistant_get_state', true);
const write = tool('homeassistant_call_service', false);
const catalog = { tool: (name: string) => [read, write].find((t) => t.descriptor.name === name) };

function endpoint(answer: () => Promise<ToolResult>) {
  const calls: unknown[] = [];
  const invoker = {
    invoke: (_t: CatalogTool, args: Record<string, unknown>, options: unknown) => {
      calls.push({ args, options });
      return answer();
    },
  };
  return { endpoint: new ToolEndpoint(catalog, invoker, 1000), calls };
}

const reader = { subject: 'api-token:x', scopes: new Set(['homeassistant:read']) };

describe('openApiDocument', () => {
  it('has one POST operation per tool, named by the tool, with its schema inline and bearer security', () => {
    const doc = openApiDocument([read, write], { serverUrl: 'http://gw:8081', version: '0.1.0' });
    assert.equal(doc.openapi, '3.1.0');
    const op = (doc.paths['/tools/homeassistant_get_state'] as { post: Record<string, unknown> }).post;
    assert.equal(op['operationId'], 'homeassistant_get_state');
    assert.deepEqual(
      (op['requestBody'] as { content: Record<string, { schema: unknown }> }).content['application/json']!
        .schema,
      read.descriptor.inputSchema,
    );
    assert.deepEqual(doc.security, [{ bearerAuth: [] }]);
    assert.equal(Object.keys(doc.paths).length, 2);
  });
});

describe('ToolEndpoint', () => {
  it('runs an allowed tool with valid arguments and returns the JSON its text holds', async () => {
    const { endpoint: e, calls } = endpoint(() =>
      Promise.resolve({ content: [{ type: 'text', text: '{"state":"on"}' }] }),
    );
    const answer = await e.run('homeassistant_get_state', { entity_id: 'light.kitchen' }, reader);
    assert.deepEqual(answer, { status: 200, body: { state: 'on' } });
    assert.equal(calls.length, 1);
  });

  it('refuses unknown tools, missing scopes and invalid arguments before calling anything', async () => {
    const { endpoint: e, calls } = endpoint(() => Promise.resolve({ content: [] }));
    assert.equal((await e.run('nope', {}, reader)).status, 404);
    const forbidden = await e.run('homeassistant_call_service', { entity_id: 'x' }, reader);
    assert.equal(forbidden.status, 403);
    assert.equal(forbidden.scope, 'homeassistant:write');
    const invalid = await e.run('homeassistant_get_state', { colour: 'red' }, reader);
    assert.equal(invalid.status, 422);
    assert.match(JSON.stringify(invalid.body), /entity_id/);
    assert.equal((await e.run('homeassistant_get_state', [1], reader)).status, 422);
    assert.equal(calls.length, 0);
  });

  it('maps tool failures and bus errors to statuses with a detail', async () => {
    const failing = endpoint(() =>
      Promise.resolve({ content: [{ type: 'text', text: 'Home Assistant said no' }], isError: true }),
    );
    assert.deepEqual(await failing.endpoint.run('homeassistant_get_state', { entity_id: 'a.b' }, reader), {
      status: 422,
      body: { detail: 'Home Assistant said no' },
    });
    const down = endpoint(() => Promise.reject(new BusError('CONNECTOR_UNAVAILABLE', 'no connector')));
    assert.equal(
      (await down.endpoint.run('homeassistant_get_state', { entity_id: 'a.b' }, reader)).status,
      503,
    );
    const slow = endpoint(() => Promise.reject(new BusError('TIMEOUT', 'too slow')));
    assert.equal(
      (await slow.endpoint.run('homeassistant_get_state', { entity_id: 'a.b' }, reader)).status,
      504,
    );
  });
});
