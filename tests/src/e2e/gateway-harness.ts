import { randomBytes } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { connect } from '@nats-io/transport-node';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { auditStreamName } from '@mcp-gateway/audit';
import { AuthStore } from '@mcp-gateway/auth-service';
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
  /** openai-front's base URL (`…/v1` is the API), when started with the `openai` option. */
  readonly openaiUrl: string | undefined;
  /** The openai-front process, when started with the `openai` option. */
  readonly openaiFront: ServiceProcess | undefined;
  /** The auth service (started unless `withAuth: false`). */
  readonly auth: ServiceProcess | undefined;
  /** The owner's password on the consent page. */
  readonly adminPassword: string;
  /** The environment every service of this gateway shares (NATS, prefix, PUBLIC_URL). */
  readonly env: Readonly<Record<string, string>>;
  restartSimulator(): Promise<ServiceProcess>;
  /** Stops auth (SIGTERM) and starts it again on the same state. */
  restartAuth(): Promise<ServiceProcess>;
  /** Stops mcp-front and starts it again on the same port. */
  restartFront(): Promise<ServiceProcess>;
  /** Starts one more mcp-front replica on its own port (same bus, same PUBLIC_URL); stopped with the gateway. */
  addFront(): Promise<{ mcpUrl: string; baseUrl: string }>;
  stop(): Promise<void>;
}

/** The gateway as users run it: simulator, connector and front as separate processes on the real NATS. */
export async function startGateway(
  options: {
    auth?: 'required' | 'none';
    env?: Record<string, string>;
    frontEnv?: Record<string, string>;
    simulatorLatencyMs?: number;
    /** Start the auth service (OAuth, API tokens); default true. */
    withAuth?: boolean;
    authEnv?: Record<string, string>;
    /** Also start openai-front with this extra environment (LLM_BASE_URL, …). */
    openai?: Record<string, string>;
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
  // JetStream reserves a stream's whole AUDIT_MAX_BYTES up front: keep the test runs' audit streams small.
  const bus = { NATS_URL, GATEWAY_SUBJECT_PREFIX: prefix, AUDIT_MAX_BYTES: '16MiB', ...options.env };
  const adminPassword = randomBytes(12).toString('base64url');
  const publicUrl = `http://localhost:${mcpPort}`;
  const authEnv = {
    ...bus,
    METRICS_PORT: '0',
    PUBLIC_URL: publicUrl,
    GATEWAY_ADMIN_PASSWORD: adminPassword,
    LOG_LEVEL: 'log',
    ...options.authEnv,
  };
  let auth: ServiceProcess | undefined;
  if (options.withAuth !== false) {
    auth = startService('auth', authEnv);
    await auth.waitForOutput(/auth service serving/, 30_000);
  }
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
  const frontEnv = {
    ...bus,
    MCP_PORT: String(mcpPort),
    MCP_AUTH: options.auth ?? 'required',
    ACCESS_TOKENS: token,
    PUBLIC_URL: publicUrl,
    LOG_LEVEL: 'log',
    // Specs drive one token (and one address) far past the default limits; rate-limit.e2e sets its own.
    RATE_LIMIT: '0',
    OAUTH_RATE_LIMIT: '0',
    ...options.frontEnv,
  };
  let front = startService('mcp-front', frontEnv);
  const extraFronts: ServiceProcess[] = [];
  let openaiUrl: string | undefined;
  let openaiFront: ServiceProcess | undefined;
  if (options.openai) {
    const port = await freePort();
    const openai = startService('openai-front', {
      ...bus,
      OPENAI_PORT: String(port),
      ACCESS_TOKENS: token,
      LOG_LEVEL: 'log',
      RATE_LIMIT: '0',
      ...options.openai,
    });
    extraFronts.push(openai);
    openaiFront = openai;
    await openai.waitForOutput(/OpenAI API/);
    openaiUrl = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 100; i++) {
      const status = (await (await fetch(`${openaiUrl}/status`)).json()) as { tools: unknown[] };
      if (status.tools.length > 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
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
    get front() {
      return front;
    },
    get auth() {
      return auth;
    },
    adminPassword,
    openaiUrl,
    openaiFront,
    env: { ...bus, PUBLIC_URL: publicUrl },
    restartAuth: async () => {
      await auth?.stop();
      auth = startService('auth', authEnv);
      await auth.waitForOutput(/auth service serving/, 30_000);
      return auth;
    },
    addFront: async () => {
      const port = await freePort();
      const extra = startService('mcp-front', { ...frontEnv, MCP_PORT: String(port) });
      extraFronts.push(extra);
      await extra.waitForOutput(/MCP endpoint/);
      return { mcpUrl: `http://127.0.0.1:${port}/mcp`, baseUrl: `http://127.0.0.1:${port}` };
    },
    restartFront: async () => {
      await front.stop();
      front = startService('mcp-front', frontEnv);
      await front.waitForOutput(/MCP endpoint/);
      return front;
    },
    restartSimulator: async () => {
      simulator = startService('simulators/homeassistant/dist/main.js', simEnv);
      await simulator.waitForOutput(/listening on/);
      return simulator;
    },
    stop: async () => {
      await Promise.all(extraFronts.map((f) => f.stop()));
      await front.stop();
      await connector.stop();
      await simulator.stop();
      await auth?.stop();
      await destroyAuthBuckets(prefix);
      await destroyAuditStream(prefix);
    },
  };
}

/** Removes a test run's auth buckets from the shared NATS. */
async function destroyAuthBuckets(prefix: string): Promise<void> {
  const nc = await connect({ servers: NATS_URL });
  try {
    const kvm = new Kvm(nc);
    for (const name of Object.values(AuthStore.bucketNames(prefix))) {
      try {
        await (await kvm.open(name)).destroy();
      } catch {
        // never created (withAuth: false) or already gone
      }
    }
  } finally {
    await nc.close();
  }
}

/** Removes a test run's audit stream from the shared NATS. */
async function destroyAuditStream(prefix: string): Promise<void> {
  const nc = await connect({ servers: NATS_URL });
  try {
    await (await jetstreamManager(nc)).streams.delete(auditStreamName(prefix)).catch(() => false);
  } finally {
    await nc.close();
  }
}

/** The official MCP SDK client (the legacy-era v1 SDK) connected to the gateway with its bearer token. */
export async function legacyClient(gateway: RunningGateway, name = 'e2e-legacy'): Promise<Client> {
  const client = new Client({ name, version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(gateway.mcpUrl), {
      requestInit: { headers: { Authorization: `Bearer ${gateway.token}` } },
    }),
  );
  return client;
}
