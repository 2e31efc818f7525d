import { hostname } from 'node:os';
import { AuditLog, JetStreamAuditSink, toolCallRecord, type AuditSettings } from '@mcp-gateway/audit';
import { BusClient, BusConnection } from '@mcp-gateway/bus';
import type { BusConfig } from '@mcp-gateway/config';
import type { Metrics, Readiness } from '@mcp-gateway/observability';
import { ToolCatalog } from './tool-catalog.js';
import { ToolInvoker } from './tool-invoker.js';
import { ResultCache } from './result-cache.js';

export interface EdgeBus {
  readonly connection: BusConnection;
  readonly client: BusClient;
  readonly catalog: ToolCatalog;
  readonly invoker: ToolInvoker;
  /** Every call the invoker completes is recorded here; flush it after the HTTP server has closed. */
  readonly audit: AuditLog;
}

/**
 * What every front starts with: its NATS connection (with the bus metrics and the `nats` readiness check
 * wired), a bus client that times each request, the tool invoker (counting retries and calls in flight),
 * the audit log that records every call the invoker completes, and the tool catalog fed by announcements,
 * which keeps the per-connector instance gauge current (0 for a connector seen since start whose replicas
 * are all gone). The caller starts and stops the catalog, and flushes the audit log when it stops.
 */
export async function connectEdge(options: {
  readonly service: string;
  readonly bus: BusConfig;
  readonly metrics: Metrics;
  readonly readiness: Readiness;
  readonly log: (message: string) => void;
  /** Default deadline of a tool call. */
  readonly toolTimeoutMs: number;
  /** Retention of the audit stream (`AUDIT_MAX_AGE`, `AUDIT_MAX_BYTES`, `AUDIT_REPLICAS`). */
  readonly audit: AuditSettings;
  /** Seconds to reuse results of read-only tools, by tool (`TOOL_CACHE`); empty: no caching. */
  readonly toolCache?: ReadonlyMap<string, number>;
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
  const cache =
    options.toolCache && options.toolCache.size > 0
      ? new ResultCache({ ttlSeconds: options.toolCache })
      : undefined;
  // A connector whose last replica left stays in the gauge at 0, so "no instances" can be alerted on.
  const seen = new Set<string>();
  const catalog: ToolCatalog = new ToolCatalog(client, {
    self: `${options.service}/${process.pid}`,
    log: options.log,
    onChange: () => {
      // A connector that appeared, left or changed its tools may answer differently now.
      cache?.clear();
      const counts = catalog.instanceCounts();
      for (const name of counts.keys()) seen.add(name);
      for (const name of seen) metrics.connectorInstances.set({ connector: name }, counts.get(name) ?? 0);
    },
  });
  const audit = new AuditLog(new JetStreamAuditSink(connection, options.audit), {
    log: options.log,
    observer: {
      stored: (kind) => metrics.auditRecords.inc({ kind }),
      dropped: (kind, reason) => metrics.auditDropped.inc({ kind, reason }),
      pending: (count) => metrics.auditPending.set(count),
    },
  });
  audit.start();
  const invoker = new ToolInvoker(client, options.toolTimeoutMs, {
    ...(cache ? { cache } : {}),
    observer: {
      cached: (tool, hit) => metrics.toolCache.inc({ tool, result: hit ? 'hit' : 'miss' }),
      retried: (connector, reason) => metrics.toolCallRetries.inc({ connector, reason }),
      inFlight: (connector, delta) => metrics.toolCallsInFlight.inc({ connector }, delta),
      completed: (call) => {
        // Never let the audit log fail a call that has already run (arguments too deep to serialise, a bug).
        try {
          audit.record(toolCallRecord(call));
        } catch (error) {
          metrics.auditDropped.inc({ kind: 'tool-call', reason: 'invalid' });
          options.log(`audit record of a ${call.tool} call failed: ${String(error)}`);
        }
      },
    },
  });
  return { connection, client, catalog, invoker, audit };
}
