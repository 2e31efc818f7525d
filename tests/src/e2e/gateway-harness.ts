import { randomBytes } from 'node:crypto';
import { freePort, startService, uniquePrefix, NATS_URL, type ServiceProcess } from '@mcp-gateway/testing';

export interface RunningGateway {
  readonly mcpUrl: string;
  readonly baseUrl: string;
  readonly token: string;
  readonly haUrl: string;
  readonly haToken: string;
  readonly prefix: string;
  readonly simulator: ServiceProcess;
  readonly connector: ServiceProcess;
  /** The connector's own /health, /ready and /metrics. */
  readonly connectorUrl: string;
  readonly front: ServiceProcess;
  restartSimulator(): Promise<ServiceProcess>;
  stop(): Promise<void>;
}

/** The gateway as users run it: simulator, connector and front as separate processes on the real NATS. */
export async function startGateway(
  options: {
    auth?: 'required' | 'none';
    env?: Record<string, string>;
    frontEnv?: Record<string, string>;
    simulatorLatencyMs?: number;
  } = {},
): Promise<RunningGateway> {
  const prefix = uniquePrefix('e2e');
  const token = randomBytes(48).toString('base64url');
  const haToken = randomBytes(24).toString('base64url');
  const haPort = await freePort();
  const mcpPort = await freePort();
  const simEnv = {
    PORT: String(haPort),
    HOST: '127.0.0.1',
    HOMEASSISTANT_TOKEN: haToken,
    SIM_LATENCY_MS: String(options.simulatorLatencyMs ?? 0),
  };
  let simulator = startService('simulators/homeassistant/dist/main.js', simEnv);
  await simulator.waitForOutput(/listening on/);
  const haUrl = `http://127.0.0.1:${haPort}`;
  const bus = { NATS_URL, GATEWAY_SUBJECT_PREFIX: prefix, ...options.env };
  const connector = startService('connector-homeassistant', {
    ...bus,
    METRICS_PORT: '0',
    ANNOUNCE_INTERVAL_MS: '500',
    HOMEASSISTANT_URL: haUrl,
    HOMEASSISTANT_TOKEN: haToken,
    LOG_LEVEL: 'log',
  });
  await connector.waitForOutput(/serving \d+ tools/);
  const connectorUrl = /metrics at (http:\/\/[^\s]+)\/metrics/.exec(connector.output())?.[1] ?? '';
  const front = startService('mcp-front', {
    ...bus,
    MCP_PORT: String(mcpPort),
    MCP_AUTH: options.auth ?? 'required',
    ACCESS_TOKENS: token,
    PUBLIC_URL: `http://localhost:${mcpPort}`,
    LOG_LEVEL: 'log',
    ...options.frontEnv,
  });
  await front.waitForOutput(/MCP endpoint/);
  const baseUrl = `http://127.0.0.1:${mcpPort}`;
  // The front discovers the connector over the bus; wait until its tools are listed.
  for (let i = 0; i < 100; i++) {
    const status = (await (await fetch(`${baseUrl}/status`)).json()) as { tools: unknown[] };
    if (status.tools.length > 0) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    mcpUrl: `${baseUrl}/mcp`,
    baseUrl,
    token,
    haUrl,
    haToken,
    prefix,
    simulator,
    connector,
    connectorUrl,
    front,
    restartSimulator: async () => {
      simulator = startService('simulators/homeassistant/dist/main.js', simEnv);
      await simulator.waitForOutput(/listening on/);
      return simulator;
    },
    stop: async () => {
      await front.stop();
      await connector.stop();
      await simulator.stop();
    },
  };
}
