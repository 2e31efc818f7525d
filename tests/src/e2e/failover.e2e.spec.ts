import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startService, waitFor, type ServiceProcess } from '@mcp-gateway/testing';
import { legacyClient, startGateway, type RunningGateway } from './gateway-harness.js';

interface CallRecord {
  readonly kind: 'read' | 'write';
  readonly started: number;
  readonly ended: number;
  readonly ok: boolean;
  readonly text: string;
}

/**
 * Scale-out proof with real processes: three replicas of the Home Assistant connector behind mcp-front,
 * under steady load from MCP SDK clients against a simulator with added latency. One replica gets
 * SIGTERM (it leaves and finishes its calls: nothing fails), another gets SIGKILL (only the calls it was
 * running can fail; read-only ones are sent again, so only writes in flight on it may fail).
 */
describe('connector replicas as processes: SIGTERM and kill -9 under load', () => {
  let gateway: RunningGateway;
  const replicas: ServiceProcess[] = [];

  before(async () => {
    gateway = await startGateway({ withAuth: false, simulatorLatencyMs: 40 });
    for (let i = 0; i < 2; i++) {
      const replica = startService('connector-homeassistant', {
        ...gateway.env,
        METRICS_PORT: '0',
        // Slow announcements: a replica that disappears quickly can only have been dropped by its leave.
        ANNOUNCE_INTERVAL_MS: '2000',
        HOMEASSISTANT_URL: gateway.haUrl,
        HOMEASSISTANT_TOKEN: gateway.haToken,
        LOG_LEVEL: 'log',
      });
      replicas.push(replica);
      await replica.waitForOutput(/serving \d+ tools/);
    }
    await waitFor(async () => (await instances(gateway)) === 3, 10_000, 'three replicas in the catalog');
  });
  after(async () => {
    await Promise.all(replicas.map((r) => r.stop()));
    await gateway?.stop();
  });

  it('SIGTERM fails no call and the front drops the replica at once; kill -9 fails only writes it was running', async () => {
    const [leaving, killed] = replicas as [ServiceProcess, ServiceProcess];
    const records: CallRecord[] = [];
    let running = true;
    const clients = await Promise.all(
      Array.from({ length: 6 }, () => legacyClient(gateway, 'failover-load')),
    );
    const workers = clients.map(async (client, w) => {
      for (let i = 0; running; i++) {
        const kind = (i + w) % 2 === 0 ? 'read' : 'write';
        const started = Date.now();
        let ok = false;
        let text = '';
        try {
          const result = await client.callTool(
            kind === 'read'
              ? { name: 'homeassistant_get_state', arguments: { entity_id: 'light.kitchen_ceiling' } }
              : {
                  name: 'homeassistant_call_service',
                  arguments: {
                    domain: 'light',
                    service: 'toggle',
                    target: { entity_id: 'light.kitchen_counter' },
                  },
                },
          );
          text = textOf(result);
          ok = result.isError !== true;
        } catch (error) {
          text = error instanceof Error ? error.message : String(error);
        }
        records.push({ kind, started, ended: Date.now(), ok, text });
      }
    });

    await sleep(1_500);
    const termAt = Date.now();
    leaving.proc.kill('SIGTERM');
    await waitFor(
      async () => (await instances(gateway)) === 2,
      5_000,
      'the front to drop the leaving replica',
    );
    const droppedAfterMs = Date.now() - termAt;
    assert.equal(await leaving.stop(), 0, 'the replica that got SIGTERM exits cleanly');

    await sleep(1_500);
    const killAt = Date.now();
    await killed.kill();
    // Until the NATS server has seen the connection drop, calls can still be routed to the dead replica.
    const deadAt = Date.now() + 100;
    await sleep(3_500);
    running = false;
    await Promise.all(workers);
    await Promise.all(clients.map((c) => c.close()));

    const beforeKill = records.filter((r) => r.ended < killAt);
    const afterKill = records.filter((r) => r.started > deadAt);
    const failed = records.filter((r) => !r.ok);
    const inFlightWritesAtKill = records.filter(
      (r) => r.kind === 'write' && r.started <= deadAt && r.ended >= killAt,
    ).length;
    const summary = `${records.length} calls, ${failed.length} failed: ${JSON.stringify(failed.slice(0, 3))}`;

    const metrics = await (await fetch(`${gateway.baseUrl}/metrics`)).text();
    const retried = /gateway_tool_call_retries_total\{[^}]*\} (\d+)/.exec(metrics)?.[1] ?? '0';
    console.log(
      `${records.length} calls; the front dropped the leaving replica ${droppedAfterMs} ms after SIGTERM; at the kill ${inFlightWritesAtKill} writes were in flight and ${failed.length} failed; ${retried} reads were sent again`,
    );
    assert.ok(
      droppedAfterMs < 1_900,
      `dropped ${droppedAfterMs} ms after SIGTERM, by its leave, not a sweep`,
    );
    assert.ok(beforeKill.length > 100, `steady load before the kill (${beforeKill.length} calls)`);
    assert.equal(beforeKill.filter((r) => !r.ok).length, 0, `no call fails around SIGTERM; ${summary}`);
    assert.equal(records.filter((r) => r.kind === 'read' && !r.ok).length, 0, `no read fails; ${summary}`);
    for (const f of failed) {
      assert.equal(f.kind, 'write', summary);
      assert.ok(
        f.started <= deadAt && f.ended >= killAt,
        `only calls in flight at the kill fail; ${summary}`,
      );
      assert.match(f.text, /may or may not have taken effect/, summary);
    }
    assert.ok(failed.length <= inFlightWritesAtKill, summary);
    assert.ok(
      afterKill.length > 50 && afterKill.every((r) => r.ok),
      `the last replica serves on; ${summary}`,
    );
  });
});

async function instances(gateway: RunningGateway): Promise<number> {
  const status = (await (await fetch(`${gateway.baseUrl}/status`)).json()) as {
    connectors: { name: string; instances: unknown[] }[];
  };
  return status.connectors.find((c) => c.name === 'homeassistant')?.instances.length ?? 0;
}

function textOf(result: object): string {
  const first = (result as { content?: { type: string; text?: string }[] }).content?.[0];
  return first?.text ?? '';
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
