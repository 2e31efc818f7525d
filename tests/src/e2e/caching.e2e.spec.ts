import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { NATS_URL, startService, waitFor, type ServiceProcess } from '@mcp-gateway/testing';
import { legacyClient, startGateway, type RunningGateway } from './gateway-harness.js';

/**
 * What the fronts answer without the bus: `tools/list` from the catalog, and the results of read-only
 * tools the operator chose to cache (`TOOL_CACHE`), until their TTL runs out or the catalog changes.
 */
describe('caching at the front', () => {
  let gateway: RunningGateway;
  let client: Client;
  let nc: NatsConnection;
  const extra: ServiceProcess[] = [];

  before(async () => {
    gateway = await startGateway({
      withAuth: false,
      frontEnv: { TOOL_CACHE: 'homeassistant_list_areas=60,homeassistant_call_service=60' },
    });
    client = await legacyClient(gateway, 'caching');
    nc = await connect({ servers: NATS_URL });
  });
  after(async () => {
    await client?.close();
    await nc?.close();
    await Promise.all(extra.map((p) => p.stop()));
    await gateway?.stop();
  });

  /** Tool calls the connector ran, by tool, read from its own /metrics. */
  async function connectorCalls(tool: string): Promise<number> {
    const text = await (await fetch(`${gateway.connectorUrl}/metrics`)).text();
    return text
      .split('\n')
      .filter((l) => l.startsWith('gateway_tool_calls_total{') && l.includes(`tool="${tool}"`))
      .reduce((sum, l) => sum + Number(l.split(' ').pop()), 0);
  }

  it('serves tools/list from the catalog: no message crosses the bus', async () => {
    const seen: string[] = [];
    const sub = nc.subscribe(`${gateway.prefix}.>`, {
      callback: (_e, msg) => {
        if (!msg.subject.startsWith(`${gateway.prefix}.v1.registry.`)) seen.push(msg.subject);
      },
    });
    await nc.flush();
    for (let i = 0; i < 20; i++) assert.ok((await client.listTools()).tools.length > 0);
    await nc.flush();
    sub.unsubscribe();
    assert.deepEqual(seen, []);
  });

  it('answers a cached read-only tool from memory within its TTL; never caches a tool that changes things', async () => {
    const before = await connectorCalls('homeassistant_list_areas');
    const first = await client.callTool({ name: 'homeassistant_list_areas', arguments: {} });
    const second = await client.callTool({ name: 'homeassistant_list_areas', arguments: {} });
    const third = await client.callTool({ name: 'homeassistant_list_areas', arguments: {} });
    assert.deepEqual(second.content, first.content);
    assert.deepEqual(third.content, first.content);
    assert.equal((await connectorCalls('homeassistant_list_areas')) - before, 1, 'one trip to the connector');
    const metrics = await (await fetch(`${gateway.baseUrl}/metrics`)).text();
    assert.match(metrics, /gateway_tool_cache_total\{tool="homeassistant_list_areas",result="hit"[^}]*\} 2/);

    // Listed in TOOL_CACHE, but not read-only: every call reaches Home Assistant.
    const toggle = {
      name: 'homeassistant_call_service',
      arguments: { domain: 'light', service: 'toggle', target: { entity_id: 'light.kitchen_counter' } },
    };
    const writesBefore = await connectorCalls('homeassistant_call_service');
    await client.callTool(toggle);
    await client.callTool(toggle);
    assert.equal((await connectorCalls('homeassistant_call_service')) - writesBefore, 2);
  });

  it('forgets cached results when the catalog changes (a replica joins)', async () => {
    await client.callTool({ name: 'homeassistant_list_areas', arguments: {} }); // cached by now
    const replica = startService('connector-homeassistant', {
      ...gateway.env,
      METRICS_PORT: '0',
      HOMEASSISTANT_URL: gateway.haUrl,
      HOMEASSISTANT_TOKEN: gateway.haToken,
      LOG_LEVEL: 'log',
    });
    extra.push(replica);
    await replica.waitForOutput(/serving \d+ tools/);
    await waitFor(
      async () => {
        const status = (await (await fetch(`${gateway.baseUrl}/status`)).json()) as {
          connectors: { name: string; instances: unknown[] }[];
        };
        return status.connectors.find((c) => c.name === 'homeassistant')?.instances.length === 2;
      },
      10_000,
      'the second replica in the catalog',
    );
    const metricsBefore = await (await fetch(`${gateway.baseUrl}/metrics`)).text();
    const misses = (text: string) =>
      Number(
        /gateway_tool_cache_total\{tool="homeassistant_list_areas",result="miss"[^}]*\} (\d+)/.exec(
          text,
        )?.[1] ?? 0,
      );
    await client.callTool({ name: 'homeassistant_list_areas', arguments: {} });
    const metricsAfter = await (await fetch(`${gateway.baseUrl}/metrics`)).text();
    assert.equal(
      misses(metricsAfter) - misses(metricsBefore),
      1,
      'the first call after the change went to a connector',
    );
  });
});
