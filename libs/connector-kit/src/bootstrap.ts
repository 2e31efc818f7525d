import 'reflect-metadata';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  ConnectorInstancePing,
  ConnectorToolsCall,
  ConnectorToolsCancel,
  ConnectorToolsList,
  connectorQueueGroup,
} from '@mcp-gateway/contracts';
import { EnvReader, readBusConfig, readServiceConfig, runServiceMain, type Env } from '@mcp-gateway/config';
import { BusClient, BusConnection, BusServer, type Binding } from '@mcp-gateway/bus';
import {
  Metrics,
  ObservabilityModule,
  Readiness,
  createLogger,
  httpMetricsMiddleware,
} from '@mcp-gateway/observability';
import { Announcer } from './announcer.js';
import { BackendPolicy } from './backend-policy.js';
import { readBackendPolicySettings } from './backend-policy-config.js';
import { ConnectorBusController } from './connector-bus.controller.js';
import { ConnectorRuntime } from './connector-runtime.js';
import type { ConnectorBackend, ConnectorDefinition } from './connector-definition.js';

export interface RunningConnector {
  readonly app: INestApplication;
  readonly instance: string;
  readonly metricsUrl: string;
  stop(): Promise<void>;
}

/**
 * Starts one replica of a connector: reads and validates its environment, connects to NATS, serves its
 * tools in the connector's queue group, announces itself, and serves `/health`, `/ready` and `/metrics`.
 * SIGTERM/SIGINT: announce leaving, stop taking calls, finish those in flight, close.
 */
export async function bootstrapConnector<Config, Backend extends ConnectorBackend>(
  definition: ConnectorDefinition<Config, Backend>,
  env: Env = process.env,
): Promise<RunningConnector> {
  const reader = new EnvReader(env);
  const busConfig = readBusConfig(reader);
  const service = readServiceConfig(reader, definition.defaultMetricsPort);
  const announceIntervalMs = reader.int('ANNOUNCE_INTERVAL_MS', 2_000, { min: 100, max: 60_000 });
  // Under the 60 s an MCP SDK client waits by default, so the client hears the connector's TIMEOUT answer.
  const toolTimeoutMs = reader.int('TOOL_TIMEOUT_MS', 55_000, { min: 100, max: 600_000 });
  const demo = reader.flag(`${definition.name.toUpperCase()}_DEMO`) ?? false;
  const config = definition.readConfig(reader);
  const policySettings = readBackendPolicySettings(reader, definition.name, definition.policyDefaults);
  reader.done();

  const logger = createLogger(`connector-${definition.name}`, service.logLevel);
  const instance = instanceId();
  const metrics = new Metrics(`connector-${definition.name}`);
  const readiness = new Readiness();
  const bus = await BusConnection.connect({ ...busConfig, name: `connector-${definition.name}/${instance}` });
  metrics.busConnected.set(1);
  bus.onStatus((up) => metrics.busConnected.set(up ? 1 : 0));
  const client = new BusClient(bus, (operation, seconds, outcome) =>
    metrics.busDuration.observe({ operation, outcome }, seconds),
  );
  // One policy per replica: its breaker reflects what this replica has seen of the backend.
  const policy = new BackendPolicy({
    ...policySettings,
    connector: definition.name,
    displayName: definition.displayName,
    metrics,
  });
  const backend = definition.createBackend(config, { metrics, policy });
  const runtime = new ConnectorRuntime<Backend>({
    connector: definition.name,
    version: definition.version,
    tools: definition.tools,
    backend,
    metrics,
    defaultTimeoutMs: toolTimeoutMs,
    onUnexpectedError: (tool, error) =>
      logger.error(
        `${tool} threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      ),
  });
  const announcer = new Announcer(client, backend, policy, {
    connector: definition.name,
    instance,
    version: definition.version,
    toolsDigest: runtime.digest,
    toolCount: runtime.descriptors.length,
    intervalMs: announceIntervalMs,
    demo,
    onHealthChange: (h) =>
      logger.log(`${definition.displayName} is ${h.healthy ? 'reachable' : `unhealthy: ${h.detail ?? ''}`}`),
  });
  policy.onCircuitChange((position) => {
    const detail = policy.describeCircuit();
    if (detail) logger.warn(`${definition.displayName}: ${detail}`);
    else logger.log(`${definition.displayName}: circuit ${position}`);
  });
  readiness.register('nats', () => ({
    ok: bus.connected,
    detail: bus.connected ? bus.server : 'disconnected',
  }));
  readiness.register('backend', () => ({
    ok: announcer.health.healthy,
    ...(announcer.health.detail ? { detail: announcer.health.detail } : {}),
  }));

  @Module({
    imports: [ObservabilityModule.forService(metrics, readiness)],
    controllers: [ConnectorBusController],
    providers: [{ provide: ConnectorRuntime, useValue: runtime }],
  })
  class ConnectorAppModule {}

  const app = await NestFactory.create(ConnectorAppModule, { logger, abortOnError: false });
  app.use(httpMetricsMiddleware(metrics));
  const queue = connectorQueueGroup(bus.prefix, definition.name);
  const params = { connector: definition.name };
  const bindings: Binding[] = [
    { operation: ConnectorToolsList, subject: ConnectorToolsList.subject(bus.prefix, params), queue },
    {
      operation: ConnectorToolsCall,
      subject: ConnectorToolsCall.subject(bus.prefix, params),
      queue,
      wantsProgress: (payload) => (payload as { progress?: boolean }).progress === true,
      wantsAck: (payload) => (payload as { ack?: boolean }).ack === true,
    },
  ];
  // The ping and cancel subscriptions outlive the call subscription: while this replica finishes its
  // calls after SIGTERM, fronts must still see it alive and be able to cancel.
  const pingSub = client.serve(ConnectorInstancePing, { ...params, instance }, () => ({
    instance,
    inFlight: runtime.inFlight,
  }));
  const cancelSub = client.subscribe(ConnectorToolsCancel, params, (m) => runtime.cancel(m.callId));
  app.connectMicroservice({ strategy: new BusServer(bus, bindings, { instance }) });
  await app.startAllMicroservices();
  await app.listen(service.metricsPort, service.bindHost);
  await announcer.start();
  const metricsUrl = `http://${service.bindHost}:${portOf(app)}`;
  logger.log(
    `${definition.displayName} connector ${instance} serving ${runtime.descriptors.length} tools; metrics at ${metricsUrl}/metrics`,
  );

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      logger.log(`stopping: ${runtime.inFlight} call(s) in flight`);
      // Leave the catalogs first, then stop taking calls, finish those in flight, and only then go quiet.
      announcer.stop();
      await app.close();
      pingSub.unsubscribe();
      cancelSub.unsubscribe();
      await backend.close();
      await bus.close();
    })());
  return { app, instance, metricsUrl, stop };
}

/** Runs a connector as the process's main: exits 1 with the config problems, stops cleanly on signals. */
export function runConnectorMain<Config, Backend extends ConnectorBackend>(
  definition: ConnectorDefinition<Config, Backend>,
): void {
  void runServiceMain(`connector-${definition.name}`, () => bootstrapConnector(definition));
}

/**
 * A replica's id: host, process and a random part, made of subject-safe characters (it names the replica's
 * ping subject) and at most 64 long. In a container the host name is the pod or container name.
 */
function instanceId(): string {
  const host =
    hostname()
      .replace(/[^A-Za-z0-9_-]/g, '_')
      .slice(0, 40) || 'host';
  return `${host}-${process.pid}-${randomBytes(3).toString('hex')}`;
}

function portOf(app: INestApplication): number {
  const address = (app.getHttpServer() as { address(): { port: number } | string | null }).address();
  return address && typeof address === 'object' ? address.port : 0;
}
