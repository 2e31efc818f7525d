import { hostname } from 'node:os';
import { BusClient, BusConnection } from '@mcp-gateway/bus';
import type { BusConfig } from '@mcp-gateway/config';
import type { Metrics, Readiness } from '@mcp-gateway/observability';
import { ToolCatalog } from './tool-catalog.js';
import { ToolInvoker } from './tool-invoker.js';

export interface EdgeBus {
  readonly connection: BusConnection;
  readonly client: BusClient;
  readonly catalog: ToolCatalog;
  readonly invoker: ToolInvoker;
}

/**
 * What every front starts with: its NATS connection (with the bus metrics and the `nats` readiness check
 * wired), a bus client that times each request, the tool invoker (counting retries and calls in flight),
 * and the tool catalog fed by announcements, which keeps
 * the per-connector instance gauge current (0 for a connector seen since start whose replicas are all gone). The caller starts and stops the catalog.
 */
export async function connectEdge(options: {
  readonly service: string;
  readonly bus: BusConfig;
  readonly metrics: Metrics;
  readonly readiness: Readiness;
  readonly log: (message: string) => void;
  /** Default deadline of a tool call. */
  readonly toolTimeoutMs: number;
}): Promise<EdgeBus> {
  const { metrics } = options;
  const connection = await BusConnection.connect({
    ...options.bus,
    name: `${options.service}/${hostname()}-${process.pid}`,
  });
  metrics.busConnected.set(1);
  connection.onStatus((up) => metrics.busConnected.set(up ? 1 : 0));
  options.readiness.register('nats', () => ({
    ok: connection.connected,
    detail: connection.connected ? connection.server : 'disconnected',
  }));
  const client = new BusClient(connection, (operation, seconds, outcome) =>
    metrics.busDuration.observe({ operation, outcome }, seconds),
  );
  // A connector whose last replica left stays in the gauge at 0, so "no instances" can be alerted on.
  const seen = new Set<string>();
  const catalog: ToolCatalog = new ToolCatalog(client, {
    self: `${options.service}/${process.pid}`,
    log: options.log,
    onChange: () => {
      const counts = catalog.instanceCounts();
      for (const name of counts.keys()) seen.add(name);
      for (const name of seen) metrics.connectorInstances.set({ connector: name }, counts.get(name) ?? 0);
    },
  });
  const invoker = new ToolInvoker(client, options.toolTimeoutMs, {
    observer: {
      retried: (connector, reason) => metrics.toolCallRetries.inc({ connector, reason }),
      inFlight: (connector, delta) => metrics.toolCallsInFlight.inc({ connector }, delta),
    },
  });
  return { connection, client, catalog, invoker };
}
