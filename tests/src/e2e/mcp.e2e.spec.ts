import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import { waitFor } from '@mcp-gateway/testing';
import { legacyClient, startGateway, type RunningGateway } from './gateway-harness.js';

const REQUIRED_TOOLS = [
  'homeassistant_call_service',
  'homeassistant_get_history',
  'homeassistant_get_state',
  'homeassistant_list_areas',
  'homeassistant_list_entities',
  'homeassistant_render_template',
];

interface TextResult {
  content: { type: string; text?: string }[];
  isError?: boolean;
  structuredContent?: Record<string, unknown>;
}

function text(result: unknown): string {
  return (result as TextResult).content.map((c) => c.text ?? '').join('');
}

async function haState(gateway: RunningGateway, entityId: string): Promise<string> {
  const res = await fetch(`${gateway.haUrl}/api/states/${entityId}`, {
    headers: { Authorization: `Bearer ${gateway.haToken}` },
  });
  return ((await res.json()) as { state: string }).state;
}

describe('MCP clients through the gateway to the Home Assistant simulator', () => {
  let gateway: RunningGateway;
  before(async () => {
    // A small page size, so listing exercises cursors.
    gateway = await startGateway({ frontEnv: { MCP_TOOLS_PAGE_SIZE: '5' } });
  });
  after(async () => {
    await gateway?.stop();
  });

  it('legacy SDK client: negotiates 2025-11-25 and lists every tool with its hints, in a stable order', async () => {
    const client = await legacyClient(gateway);
    assert.equal(client.getServerVersion()?.name, 'mcp-gateway');
    const tools: Awaited<ReturnType<Client['listTools']>>['tools'] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await client.listTools(cursor === undefined ? {} : { cursor });
      assert.ok(page.tools.length <= 5);
      tools.push(...page.tools);
      cursor = page.nextCursor;
      pages++;
    } while (cursor !== undefined);
    assert.ok(pages >= 3, `paged (${pages} pages)`);
    const names = tools.map((t) => t.name);
    assert.equal(new Set(names).size, names.length, 'no tool twice across pages');
    for (const name of REQUIRED_TOOLS) assert.ok(names.includes(name), `${name} is listed`);
    assert.deepEqual(names, [...names].sort(), 'deterministic order');
    for (const tool of tools) {
      assert.match(tool.name, /^[a-zA-Z0-9_-]{1,64}$/);
      assert.ok(tool.title && tool.description, `${tool.name} has a title and a description`);
      for (const hint of ['readOnlyHint', 'destructiveHint', 'idempotentHint', 'openWorldHint'] as const) {
        assert.equal(typeof tool.annotations?.[hint], 'boolean', `${tool.name}.${hint}`);
      }
    }
    assert.equal(tools.find((t) => t.name === 'homeassistant_get_state')?.annotations?.readOnlyHint, true);
    assert.equal(
      tools.find((t) => t.name === 'homeassistant_call_service')?.annotations?.readOnlyHint,
      false,
    );
    await client.close();
  });

  it('legacy SDK client: reads state, calls a service that changes the simulator, and gets model-readable errors', async () => {
    const client = await legacyClient(gateway);
    const before = await haState(gateway, 'light.kitchen_ceiling');
    const target = before === 'on' ? 'turn_off' : 'turn_on';
    const called = await client.callTool({
      name: 'homeassistant_call_service',
      arguments: { domain: 'light', service: target, target: { entity_id: 'light.kitchen_ceiling' } },
    });
    assert.notEqual(called.isError, true, text(called));
    assert.equal(await haState(gateway, 'light.kitchen_ceiling'), target === 'turn_off' ? 'off' : 'on');

    const read = await client.callTool({
      name: 'homeassistant_get_state',
      arguments: { entity_ids: ['light.kitchen_ceiling'] },
    });
    assert.notEqual(read.isError, true);
    assert.match(text(read), /light\.kitchen_ceiling/);

    const invalid = await client.callTool({
      name: 'homeassistant_get_state',
      arguments: { entity_ids: ['Not An Entity'] },
    });
    assert.equal(invalid.isError, true);
    assert.match(text(invalid), /Invalid arguments for homeassistant_get_state: .*must match pattern/);

    await assert.rejects(
      client.callTool({ name: 'homeassistant_explode', arguments: {} }),
      (e: unknown) => e instanceof McpError && e.code === -32602 && e.message.includes('Unknown tool'),
    );
    await client.close();
  });

  it('legacy SDK client: a call with a progress token is answered over SSE with the result', async () => {
    const client = await legacyClient(gateway);
    const progress: number[] = [];
    const result = await client.callTool(
      {
        name: 'homeassistant_get_history',
        arguments: { entity_ids: ['sensor.living_room_temperature', 'light.kitchen_ceiling'] },
      },
      undefined,
      { onprogress: (p) => progress.push(p.progress) },
    );
    assert.notEqual(result.isError, true, text(result));
    assert.deepEqual(
      progress,
      [...progress].sort((a, b) => a - b),
      'progress increases',
    );
    await client.close();
  });

  it('2026-07-28 client (SDK v2, pinned to the stateless revision): discovers, lists and calls', async () => {
    const { Client: ModernClient, StreamableHTTPClientTransport: ModernTransport } =
      await import('@modelcontextprotocol/client');
    const client = new ModernClient(
      { name: 'e2e-modern', version: '2.0.0' },
      { versionNegotiation: { mode: { pin: '2026-07-28' } } },
    );
    await client.connect(
      new ModernTransport(new URL(gateway.mcpUrl), {
        requestInit: { headers: { Authorization: `Bearer ${gateway.token}` } },
      }),
    );
    const names: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await client.listTools(cursor === undefined ? {} : { cursor });
      names.push(...page.tools.map((t) => t.name));
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    assert.ok(names.includes('homeassistant_list_entities'));
    const result = await client.callTool({
      name: 'homeassistant_list_entities',
      arguments: { domain: 'light' },
    });
    assert.notEqual(result.isError, true);
    assert.match(text(result), /light\./);
    await client.close();
  });

  it('answers malformed and unauthorised HTTP precisely', async () => {
    const post = (body: string, headers: Record<string, string> = {}) =>
      fetch(gateway.mcpUrl, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${gateway.token}`, ...headers },
      });

    const anonymous = await fetch(gateway.mcpUrl, {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(anonymous.status, 401);
    const challenge = anonymous.headers.get('www-authenticate') ?? '';
    assert.match(challenge, /^Bearer /);
    assert.match(
      challenge,
      new RegExp(
        `resource_metadata="${new URL(gateway.mcpUrl).origin.replace('127.0.0.1', 'localhost')}/.well-known/oauth-protected-resource/mcp"`,
      ),
    );
    const wrong = await post('{}', { authorization: 'Bearer not-the-token' });
    assert.equal(wrong.status, 401);
    assert.match(wrong.headers.get('www-authenticate') ?? '', /error="invalid_token"/);

    const parse = await post('{"jsonrpc":');
    assert.equal(parse.status, 400);
    assert.equal(((await parse.json()) as { error: { code: number } }).error.code, -32700);
    const huge = await post(
      JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping', params: { pad: 'x'.repeat(2_000_000) } }),
    );
    assert.equal(huge.status, 413);
    assert.match(((await huge.json()) as { error: { message: string } }).error.message, /too large/);
    const evil = await post('{"jsonrpc":"2.0","id":1,"method":"ping"}', { origin: 'https://evil.example' });
    assert.equal(evil.status, 403);
    const get = await fetch(gateway.mcpUrl, { headers: { authorization: `Bearer ${gateway.token}` } });
    assert.equal(get.status, 405);
    assert.equal(get.headers.get('allow'), 'POST');
    const slash = await fetch(`${gateway.mcpUrl}/`, {
      method: 'POST',
      body: '{"jsonrpc":"2.0","id":7,"method":"ping"}',
      headers: { authorization: `Bearer ${gateway.token}`, 'content-type': 'application/json' },
    });
    assert.deepEqual(await slash.json(), { jsonrpc: '2.0', id: 7, result: {} });

    const meta = {
      'io.modelcontextprotocol/protocolVersion': '2026-07-28',
      'io.modelcontextprotocol/clientCapabilities': {},
    };
    const mismatch = await post(
      JSON.stringify({
        jsonrpc: '2.0',
        id: 2,
        method: 'tools/call',
        params: { name: 'homeassistant_list_areas', arguments: {}, _meta: meta },
      }),
      {
        'mcp-protocol-version': '2026-07-28',
        'mcp-method': 'tools/call',
        'mcp-name': 'homeassistant_get_state',
      },
    );
    assert.equal(mismatch.status, 400);
    assert.equal(((await mismatch.json()) as { error: { code: number } }).error.code, -32020);
    const version = await post(
      JSON.stringify({
        jsonrpc: '2.0',
        id: 3,
        method: 'tools/list',
        params: { _meta: { ...meta, 'io.modelcontextprotocol/protocolVersion': '1900-01-01' } },
      }),
      {
        'mcp-protocol-version': '1900-01-01',
        'mcp-method': 'tools/list',
      },
    );
    assert.equal(version.status, 400);
    const versionBody = (await version.json()) as { error: { code: number; data: { supported: string[] } } };
    assert.equal(versionBody.error.code, -32022);
    assert.ok(versionBody.error.data.supported.includes('2026-07-28'));
    // Legacy leniency (shared/reference/mcp-and-oauth.md §12): an unknown version gets a counter-offer, a
    // newer header on a legacy request and a `*/*` Accept are served, and no session is needed.
    const init = await post(
      JSON.stringify({
        jsonrpc: '2.0',
        id: 8,
        method: 'initialize',
        params: { protocolVersion: '2099-01-01', capabilities: {}, clientInfo: { name: 'x', version: '1' } },
      }),
      { accept: '*/*' },
    );
    assert.equal(init.status, 200);
    assert.equal(
      ((await init.json()) as { result: { protocolVersion: string } }).result.protocolVersion,
      '2025-11-25',
    );
    const newerHeader = await post('{"jsonrpc":"2.0","id":9,"method":"tools/list"}', {
      'mcp-protocol-version': '2026-07-28',
      'mcp-session-id': 'never-issued',
    });
    assert.equal(newerHeader.status, 200);
    assert.ok(((await newerHeader.json()) as { result: { tools: unknown[] } }).result.tools.length > 0);
    const level = await post(
      '{"jsonrpc":"2.0","id":10,"method":"logging/setLevel","params":{"level":"loud"}}',
    );
    assert.equal(((await level.json()) as { error: { code: number } }).error.code, -32602);
    const batch = await post('[{"jsonrpc":"2.0","id":11,"method":"ping"}]');
    assert.equal(batch.status, 400);
    assert.equal(((await batch.json()) as { error: { code: number } }).error.code, -32600);
    const notification = await post('{"jsonrpc":"2.0","method":"notifications/initialized"}');
    assert.equal(notification.status, 202);

    const cursor = await post(
      '{"jsonrpc":"2.0","id":5,"method":"tools/list","params":{"cursor":"not-ours"}}',
    );
    assert.equal(((await cursor.json()) as { error: { code: number } }).error.code, -32602);
    const removed = await post(
      JSON.stringify({ jsonrpc: '2.0', id: 4, method: 'ping', params: { _meta: meta } }),
      { 'mcp-protocol-version': '2026-07-28', 'mcp-method': 'ping' },
    );
    assert.equal(removed.status, 404);
  });

  it('status and metrics show the connector, its instance, its backend and the traffic', async () => {
    const status = (await (await fetch(`${gateway.baseUrl}/status`)).json()) as {
      bus: { connected: boolean };
      connectors: { name: string; available: boolean; instances: { backend: { healthy: boolean } }[] }[];
    };
    assert.equal(status.bus.connected, true);
    const ha = status.connectors.find((c) => c.name === 'homeassistant');
    assert.ok(ha?.available);
    assert.equal(ha.instances.length, 1);
    assert.equal(ha.instances[0]?.backend.healthy, true);
    const metrics = await (await fetch(`${gateway.baseUrl}/metrics`)).text();
    for (const name of [
      'gateway_http_requests_total',
      'gateway_mcp_requests_total',
      'gateway_bus_request_duration_seconds',
      'gateway_connector_instances',
      'process_cpu_user_seconds_total',
    ]) {
      assert.match(metrics, new RegExp(`^${name}`, 'm'), name);
    }
    assert.match(metrics, /gateway_connector_instances\{connector="homeassistant",service="mcp-front"\} 1/);

    assert.ok(gateway.connectorUrl, 'the connector printed its metrics URL');
    assert.equal((await fetch(`${gateway.connectorUrl}/health`)).status, 200);
    const ready = (await (await fetch(`${gateway.connectorUrl}/ready`)).json()) as {
      status: string;
      checks: Record<string, { ok: boolean }>;
    };
    assert.equal(ready.status, 'ready');
    assert.equal(ready.checks['nats']?.ok, true);
    assert.equal(ready.checks['backend']?.ok, true);
    const connectorMetrics = await (await fetch(`${gateway.connectorUrl}/metrics`)).text();
    assert.match(
      connectorMetrics,
      /gateway_tool_calls_total\{connector="homeassistant",tool="homeassistant_call_service",outcome="ok",service="connector-homeassistant"\} [1-9]/,
    );
    assert.match(
      connectorMetrics,
      /gateway_backend_request_duration_seconds_count\{(?=[^}]*connector="homeassistant")(?=[^}]*status="200")[^}]*\} [1-9]/,
    );
  });

  it('a backend that is down gives the model a clear error, and calls work again when it is back', async () => {
    const client = await legacyClient(gateway);
    await gateway.simulator.stop();
    const down = await client.callTool({ name: 'homeassistant_list_entities', arguments: {} });
    assert.equal(down.isError, true);
    assert.match(text(down), /Home Assistant is unreachable/);
    await gateway.restartSimulator();
    await waitFor(
      async () =>
        (await client.callTool({ name: 'homeassistant_list_entities', arguments: {} })).isError !== true,
      10_000,
      'calls to succeed again',
    );
    await client.close();
  });
});

describe('a client that goes away', () => {
  let gateway: RunningGateway;
  before(async () => {
    // Every Home Assistant request takes 400 ms, so the call is still running when the client leaves.
    gateway = await startGateway({ simulatorLatencyMs: 400 });
  });
  after(async () => {
    await gateway?.stop();
  });

  it('cancels its streamed call on the connector', async () => {
    const controller = new AbortController();
    const response = await fetch(gateway.mcpUrl, {
      method: 'POST',
      signal: controller.signal,
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        authorization: `Bearer ${gateway.token}`,
      },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'tools/call',
        params: {
          name: 'homeassistant_get_history',
          arguments: {
            entity_ids: [
              'sensor.kitchen_sensor_temperature',
              'light.kitchen_ceiling',
              'lock.front_door',
              'switch.coffee_maker',
              'climate.living_room_thermostat',
            ],
          },
          _meta: { progressToken: 'p1' },
        },
      }),
    });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /text\/event-stream/);
    await new Promise((r) => setTimeout(r, 150));
    controller.abort();
    await waitFor(
      async () =>
        /gateway_tool_calls_total\{connector="homeassistant",tool="homeassistant_get_history",outcome="CANCELLED"[^}]*\} 1/.test(
          await (await fetch(`${gateway.connectorUrl}/metrics`)).text(),
        ),
      5_000,
      'the connector to record the call as cancelled',
    );
  });
});
