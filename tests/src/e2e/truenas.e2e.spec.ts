import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import { freePort, startService, waitFor, type ServiceProcess } from '@mcp-gateway/testing';
import { startGateway, type RunningGateway } from './gateway-harness.js';

interface ToolText {
  content: { type: string; text?: string }[];
  isError?: boolean;
}

function text(result: unknown): string {
  return (result as ToolText).content.map((c) => c.text ?? '').join('');
}

function json<T = Record<string, unknown>>(result: unknown): T {
  assert.notEqual((result as ToolText).isError, true, text(result));
  return JSON.parse(text(result)) as T;
}

interface Status {
  connectors: { name: string; instances: { backend: { healthy: boolean; detail?: string } }[] }[];
  tools: { name: string }[];
}

/**
 * The TrueNAS connector as users run it: the simulator and the connector as processes beside a gateway,
 * driven through `/mcp` with the MCP SDK client. The simulator is restarted on the same port to play a
 * TrueNAS that is down, slow, or refuses the key.
 */
describe('MCP clients through the gateway to the TrueNAS simulator', () => {
  let gateway: RunningGateway;
  let simulator: ServiceProcess;
  let connector: ServiceProcess;
  let client: Client;
  let port: number;
  const apiKey = `1-${randomBytes(32).toString('hex')}`;

  const startSimulator = async (env: Record<string, string> = {}) => {
    simulator = startService('simulators/truenas/dist/main.js', {
      PORT: String(port),
      HOST: '127.0.0.1',
      TRUENAS_API_KEY: apiKey,
      TRUENAS_VERSION: '25.10',
      SIM_JOB_STEP_MS: '100',
      ...env,
    });
    await simulator.waitForOutput(/TrueNAS simulator listening on ws:\/\//);
  };
  const call = (name: string, args: Record<string, unknown> = {}) =>
    client.callTool({ name, arguments: args });
  const status = async () => (await (await fetch(`${gateway.baseUrl}/status`)).json()) as Status;

  before(async () => {
    gateway = await startGateway();
    port = await freePort();
    await startSimulator();
    connector = startService('connector-truenas', {
      ...gateway.env,
      METRICS_PORT: '0',
      ANNOUNCE_INTERVAL_MS: '500',
      TOOL_TIMEOUT_MS: '2500',
      TRUENAS_URL: `ws://127.0.0.1:${port}`,
      TRUENAS_API_KEY: apiKey,
      TRUENAS_ALLOW_INSECURE: '1',
      LOG_LEVEL: 'log',
    });
    await connector.waitForOutput(/TrueNAS connector .* serving \d+ tools/);
    await waitFor(
      async () => (await status()).tools.some((t) => t.name === 'truenas_system_info'),
      10_000,
      'TrueNAS tools',
    );
    client = new Client({ name: 'e2e-truenas', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(gateway.mcpUrl), {
        requestInit: { headers: { Authorization: `Bearer ${gateway.token}` } },
      }),
    );
  });
  after(async () => {
    await client?.close();
    await connector?.stop();
    await simulator?.stop();
    await gateway?.stop();
  });

  it('lists the TrueNAS tools with titles and hints; deletes and rollbacks are destructive', async () => {
    const { tools } = await client.listTools();
    const truenas = tools.filter((t) => t.name.startsWith('truenas_'));
    for (const name of [
      'truenas_system_info',
      'truenas_list_pools',
      'truenas_list_datasets',
      'truenas_list_snapshots',
      'truenas_create_snapshot',
      'truenas_list_alerts',
    ]) {
      assert.ok(
        truenas.some((t) => t.name === name),
        `${name} is listed`,
      );
    }
    for (const tool of truenas) assert.ok(tool.title?.startsWith('TrueNAS: '), tool.name);
    const hints = (name: string) => truenas.find((t) => t.name === name)?.annotations;
    assert.equal(hints('truenas_delete_snapshot')?.destructiveHint, true);
    assert.equal(hints('truenas_rollback_snapshot')?.destructiveHint, true);
    assert.equal(hints('truenas_list_pools')?.readOnlyHint, true);
    const backend = (await status()).connectors.find((c) => c.name === 'truenas')?.instances[0]?.backend;
    assert.deepEqual([backend?.healthy, backend?.detail], [true, 'TrueNAS 25.10.0']);
  });

  it('happy paths: system, pools, a snapshot that then shows up, and an app start with progress', async () => {
    assert.equal(json(await call('truenas_system_info'))['version'], '25.10.0');
    const pools = json<{ pools: { name: string; healthy: boolean }[] }>(await call('truenas_list_pools'));
    assert.deepEqual(
      pools.pools.map((p) => [p.name, p.healthy]),
      [
        ['backup', false],
        ['tank', true],
      ],
    );
    const created = json<{ created: { id: string } }>(
      await call('truenas_create_snapshot', { dataset: 'tank/documents', name: 'e2e' }),
    );
    assert.equal(created.created.id, 'tank/documents@e2e');
    const listed = json<{ snapshots: { id: string }[] }>(
      await call('truenas_list_snapshots', { dataset: 'tank/documents', limit: 1 }),
    );
    assert.equal(listed.snapshots[0]?.id, 'tank/documents@e2e');
    const alerts = json<{ alerts: { level: string }[] }>(
      await call('truenas_list_alerts', { min_level: 'CRITICAL' }),
    );
    assert.deepEqual(
      alerts.alerts.map((a) => a.level),
      ['CRITICAL'],
    );

    const progress: { progress: number; message?: string }[] = [];
    const started = await client.callTool(
      { name: 'truenas_start_app', arguments: { name: 'immich' } },
      undefined,
      {
        onprogress: (p) =>
          progress.push({ progress: p.progress, ...(p.message ? { message: p.message } : {}) }),
      },
    );
    assert.equal(json(started)['state'], 'RUNNING');
    assert.deepEqual(progress, [
      { progress: 20, message: "Starting 'immich' app" },
      { progress: 100, message: "Started 'immich' app" },
    ]);
  });

  it('each error shape reaches the model as a readable result, and protocol faults as JSON-RPC errors', async () => {
    const invalid = await call('truenas_delete_snapshot', { snapshot: 'tank/documents' });
    assert.equal(invalid.isError, true);
    assert.match(text(invalid), /Invalid arguments for truenas_delete_snapshot: .*must match pattern/);

    const validation = await call('truenas_create_dataset', { name: 'tank/media' });
    assert.equal(validation.isError, true);
    assert.match(
      text(validation),
      /TrueNAS rejected pool\.dataset\.create: pool_dataset_create\.name: Path \/mnt\/tank\/media already exists/,
    );

    const missing = await call('truenas_rollback_snapshot', {
      snapshot: 'tank/documents@auto-2000-01-01_00-00',
    });
    assert.equal(missing.isError, true);
    assert.match(
      text(missing),
      /cannot open 'tank\/documents@auto-2000-01-01_00-00': dataset does not exist/,
    );

    const older = json<{ snapshots: { id: string }[] }>(
      await call('truenas_list_snapshots', { dataset: 'tank/documents', limit: 2 }),
    );
    const refused = await call('truenas_rollback_snapshot', { snapshot: older.snapshots[1]?.id ?? '' });
    assert.equal(refused.isError, true);
    assert.match(text(refused), /more recent snapshots or bookmarks exist/);

    const jobFailed = await call('truenas_start_app', { name: 'syncthing' });
    assert.equal(jobFailed.isError, true);
    assert.match(
      text(jobFailed),
      /TrueNAS job \d+ \(app\.start\) failed: Failed 'up' action for 'syncthing' app/,
    );

    await assert.rejects(
      call('truenas_explode'),
      (e: unknown) => e instanceof McpError && e.code === -32602 && e.message.includes('Unknown tool'),
    );
  });

  it('a TrueNAS that is down, then slow, then back: unreachable, timeout, success', async () => {
    await simulator.stop();
    const down = await call('truenas_list_pools');
    assert.equal(down.isError, true);
    assert.match(text(down), /TrueNAS is unreachable/);

    // Every answer now takes 3 s, past the connector's 2.5 s tool deadline.
    await startSimulator({ SIM_LATENCY_MS: '3000' });
    await waitFor(
      async () => text(await call('truenas_list_pools')).includes('did not finish within 2500 ms'),
      15_000,
      'a TIMEOUT from the slow TrueNAS',
    );
    await simulator.stop();

    await startSimulator();
    await waitFor(
      async () => (await call('truenas_list_pools')).isError !== true,
      15_000,
      'calls to succeed again',
    );
  });

  it('bad credentials: a wrong key, and a key TrueNAS revoked for travelling over plain ws://', async () => {
    await simulator.stop();
    await startSimulator({ TRUENAS_API_KEY: `1-${randomBytes(8).toString('hex')}` });
    await waitFor(
      async () => text(await call('truenas_system_info')).includes('rejected the API key (AUTH_ERR)'),
      15_000,
      'AUTH_ERR to reach the model',
    );
    await waitFor(
      async () =>
        (await status()).connectors.find((c) => c.name === 'truenas')?.instances[0]?.backend.healthy ===
        false,
      5_000,
      'the announcement to report the backend unhealthy',
    );
    await simulator.stop();

    await startSimulator({ SIM_CLIENTS_REMOTE: '1' });
    await waitFor(
      async () => text(await call('truenas_system_info')).includes('expired or revoked (EXPIRED)'),
      15_000,
      'EXPIRED to reach the model',
    );
  });

  it('a connector refuses to start with a ws:// URL unless TRUENAS_ALLOW_INSECURE=1', async () => {
    const refused = startService('connector-truenas', {
      ...gateway.env,
      METRICS_PORT: '0',
      TRUENAS_URL: `ws://127.0.0.1:${port}`,
      TRUENAS_API_KEY: apiKey,
    });
    await waitFor(() => refused.proc.exitCode !== null, 10_000, 'the refused connector to exit');
    assert.equal(refused.proc.exitCode, 1);
    assert.match(refused.output(), /TRUENAS_URL is ws:\/\/: TrueNAS revokes an API key/);
    assert.match(refused.output(), /TRUENAS_ALLOW_INSECURE=1/);
  });
});
