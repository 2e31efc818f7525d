import {
  AuthKeysGet,
  BusError,
  RegistryAnnounce,
  RegistryDiscover,
  type Announcement,
} from '@mcp-gateway/contracts';
import type { BusClient } from '@mcp-gateway/bus';
import type { Output } from './output.js';
import { formatTable } from './table.js';

export type StatusClient = Pick<BusClient, 'request' | 'publish' | 'subscribe'>;

export interface ConnectorStatus {
  readonly name: string;
  /** Replicas that answered the discovery within the window. */
  readonly replicas: number;
  readonly healthyReplicas: number;
  readonly health: 'healthy' | 'degraded' | 'unhealthy';
  /** The first problem an unhealthy replica reported. */
  readonly detail?: string;
  /** Whether a replica talks to a demo simulator rather than a configured backend. */
  readonly demo: boolean;
  readonly toolCount: number;
  readonly versions: readonly string[];
}

export interface StatusReport {
  readonly bus: { readonly server: string; readonly prefix: string };
  readonly auth: { readonly reachable: boolean; readonly detail?: string };
  readonly connectors: readonly ConnectorStatus[];
  /** How long the CLI listened for connector announcements. */
  readonly listenedMs: number;
}

/**
 * Asks every connector replica to announce itself and listens for `windowMs`, while asking auth for its
 * keys to see whether it answers. A report, not a check: whatever is down is described, not thrown.
 */
export async function collectStatus(
  client: StatusClient,
  bus: StatusReport['bus'],
  windowMs = 1_500,
): Promise<StatusReport> {
  const replicas = new Map<string, Announcement>();
  const sub = client.subscribe(RegistryAnnounce, {}, (announcement) => {
    const key = `${announcement.connector}/${announcement.instance}`;
    if (announcement.status === 'down') replicas.delete(key);
    else replicas.set(key, announcement);
  });
  try {
    client.publish(RegistryDiscover, {}, { from: `gateway-cli-${process.pid}` });
    const [auth] = await Promise.all([
      probeAuth(client, windowMs),
      new Promise((resolve) => setTimeout(resolve, windowMs)),
    ]);
    return { bus, auth, connectors: summarise([...replicas.values()]), listenedMs: windowMs };
  } finally {
    sub.unsubscribe();
  }
}

async function probeAuth(client: StatusClient, timeoutMs: number): Promise<StatusReport['auth']> {
  try {
    await client.request(AuthKeysGet, {}, {}, { timeoutMs });
    return { reachable: true };
  } catch (error) {
    if (!(error instanceof BusError)) throw error;
    if (error.code === 'CONNECTOR_UNAVAILABLE')
      return { reachable: false, detail: 'no responder on the bus' };
    if (error.code === 'TIMEOUT') return { reachable: false, detail: `no answer within ${timeoutMs} ms` };
    if (error.code === 'BUS_UNAVAILABLE') return { reachable: false, detail: 'the bus connection failed' };
    // It answered, if only with an error: the service is there.
    return { reachable: true, detail: `answered ${error.code}: ${error.message}` };
  }
}

function summarise(announcements: readonly Announcement[]): ConnectorStatus[] {
  const byConnector = new Map<string, Announcement[]>();
  for (const a of announcements) byConnector.set(a.connector, [...(byConnector.get(a.connector) ?? []), a]);
  return [...byConnector.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, group]): ConnectorStatus => {
      const healthy = group.filter((a) => a.backend.healthy).length;
      const problem = group.find((a) => !a.backend.healthy)?.backend.detail;
      return {
        name,
        replicas: group.length,
        healthyReplicas: healthy,
        health: healthy === group.length ? 'healthy' : healthy === 0 ? 'unhealthy' : 'degraded',
        ...(problem === undefined ? {} : { detail: problem }),
        demo: group.some((a) => a.backend.demo === true),
        toolCount: Math.max(...group.map((a) => a.toolCount)),
        versions: [...new Set(group.map((a) => a.version))].sort(),
      };
    });
}

export function renderStatus(report: StatusReport): string {
  const auth = report.auth.reachable
    ? `reachable${report.auth.detail ? ` (${report.auth.detail})` : ''}`
    : `not reachable (${report.auth.detail ?? 'unknown'})`;
  const lines = [
    `bus         ${report.bus.server} (subject prefix ${report.bus.prefix})`,
    `auth        ${auth}`,
  ];
  if (report.connectors.length === 0) {
    lines.push(`connectors  none announced within ${report.listenedMs / 1000} s`);
    return `${lines.join('\n')}\n`;
  }
  lines.push(`connectors  ${report.connectors.length}`);
  const table = formatTable(
    ['NAME', 'REPLICAS', 'HEALTH', 'TOOLS'],
    report.connectors.map((c) => [c.name, String(c.replicas), describeHealth(c), String(c.toolCount)]),
  );
  const indented = table
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => `  ${line}\n`);
  return `${lines.join('\n')}\n${indented.join('')}`;
}

function describeHealth(c: ConnectorStatus): string {
  const demo = c.demo ? ' (demo)' : '';
  if (c.health === 'healthy') return `healthy${demo}`;
  const detail = c.detail ? `: ${c.detail}` : '';
  if (c.health === 'unhealthy') return `unhealthy${demo}${detail}`;
  return `degraded, ${c.healthyReplicas} of ${c.replicas} healthy${demo}${detail}`;
}

export async function showStatus(
  client: StatusClient,
  output: Output,
  bus: StatusReport['bus'],
  json: boolean,
  windowMs?: number,
): Promise<void> {
  const report = await collectStatus(client, bus, windowMs);
  output.out(json ? `${JSON.stringify(report, null, 2)}\n` : renderStatus(report));
}
