import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { waitFor } from '@mcp-gateway/testing';
import { legacyClient, startGateway, type RunningGateway } from './gateway-harness.js';

const HALF_OPEN_MS = 2_000;
const THRESHOLD = 3;

interface Status {
  connectors: { name: string; instances: { backend: { healthy: boolean; detail?: string } }[] }[];
}

function text(result: unknown): string {
  return ((result as { content: { text?: string }[] }).content ?? []).map((c) => c.text ?? '').join('');
}

/**
 * The Home Assistant connector's circuit breaker, with every service a process: with the backend down,
 * calls stop waiting on it and fail fast with "unavailable" once the circuit opens, `/status` says why,
 * and once the backend is back a trial call after the half-open period closes the circuit again.
 */
describe('a backend that goes down and comes back (circuit breaker)', () => {
  let gateway: RunningGateway;
  let client: Client;
  const getConfig = async () => {
    const started = Date.now();
    const result = await client.callTool({ name: 'homeassistant_get_config', arguments: {} });
    return { isError: result.isError === true, text: text(result), ms: Date.now() - started };
  };
  const backendHealth = async () => {
    const status = (await (await fetch(`${gateway.baseUrl}/status`)).json()) as Status;
    return status.connectors.find((c) => c.name === 'homeassistant')?.instances[0]?.backend;
  };
  const connectorMetrics = async () => (await fetch(`${gateway.connectorUrl}/metrics`)).text();

  before(async () => {
    gateway = await startGateway({
      withAuth: false,
      env: {
        HOMEASSISTANT_BREAKER_THRESHOLD: String(THRESHOLD),
        HOMEASSISTANT_BREAKER_HALF_OPEN_MS: String(HALF_OPEN_MS),
      },
    });
    client = await legacyClient(gateway, 'e2e-backend-faults');
  });
  after(async () => {
    await client?.close();
    await gateway?.stop();
  });

  it('fails fast while the circuit is open, shows it on /status, and recovers after the half-open period', async () => {
    assert.equal((await getConfig()).isError, false);
    assert.equal((await backendHealth())?.healthy, true);

    await gateway.simulator.stop();
    const failures: Awaited<ReturnType<typeof getConfig>>[] = [];
    for (let i = 0; i < THRESHOLD; i++) failures.push(await getConfig());
    for (const failure of failures) {
      assert.equal(failure.isError, true);
      assert.match(failure.text, /Home Assistant is unreachable/);
    }

    const open = await getConfig();
    assert.equal(open.isError, true);
    assert.match(
      open.text,
      new RegExp(
        `^Home Assistant is unavailable \\(circuit open after ${THRESHOLD} failures in a row; next try in [12] s\\)\\. Last error: Home Assistant is unreachable`,
      ),
    );
    assert.ok(open.ms < 1_000, `answered in ${open.ms} ms`);
    const fast = await Promise.all(Array.from({ length: 5 }, () => getConfig()));
    for (const call of fast) {
      assert.match(call.text, /is unavailable \(circuit open/);
      assert.ok(call.ms < 1_000, `answered in ${call.ms} ms`);
    }

    const down = await waitFor(
      async () => {
        const health = await backendHealth();
        return health && !health.healthy && (health.detail ?? '').includes('Circuit') ? health : undefined;
      },
      5_000,
      '/status to show the open circuit',
    );
    assert.match(down.detail ?? '', /^Circuit (open|half-open)/);
    const metrics = await connectorMetrics();
    assert.match(metrics, /gateway_backend_circuit_state\{connector="homeassistant"[^}]*\} 2/);
    assert.match(
      metrics,
      /gateway_backend_rejected_total\{(?=[^}]*connector="homeassistant")(?=[^}]*reason="circuit_open")[^}]*\} [1-9]/,
    );

    const restarted = Date.now();
    await gateway.restartSimulator();
    await waitFor(async () => !(await getConfig()).isError, HALF_OPEN_MS + 3_000, 'calls to succeed again');
    assert.ok(Date.now() - restarted < HALF_OPEN_MS + 3_000);
    await waitFor(async () => (await backendHealth())?.healthy === true, 5_000, '/status to show it healthy');
    assert.match(
      await connectorMetrics(),
      /gateway_backend_circuit_state\{connector="homeassistant"[^}]*\} 0/,
    );
  });
});
