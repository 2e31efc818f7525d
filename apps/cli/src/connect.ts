import { hostname } from 'node:os';
import { EnvReader, readBusConfig, type Env } from '@mcp-gateway/config';
import { BusClient, BusConnection } from '@mcp-gateway/bus';
import { AuditReader, type AuditFeed } from '@mcp-gateway/audit';
import { CliError } from './cli-error.js';

/** What the commands use of a bus client (narrow, so tests can pass a fake). */
export type CliClient = Pick<BusClient, 'request' | 'publish' | 'subscribe'>;

/** The CLI's view of the bus: a client, where it is connected, and a way to let go. */
export interface CliBus {
  readonly client: CliClient;
  readonly server: string;
  readonly prefix: string;
  /** The audit stream of this prefix. */
  readonly audit: AuditFeed;
  close(): Promise<void>;
}

/** A person is waiting: a refused connection fails at once, a silent address after this long. */
const CONNECT_TIMEOUT_MS = 3_000;

/** Connects with the same environment as the services (`NATS_URL`, `GATEWAY_SUBJECT_PREFIX`). */
export async function connectBus(env: Env): Promise<CliBus> {
  const reader = new EnvReader(env);
  const config = readBusConfig(reader);
  reader.done();
  let bus: BusConnection;
  try {
    bus = await BusConnection.connect({
      ...config,
      name: `gateway-cli/${hostname()}-${process.pid}`,
      firstConnectTimeoutMs: CONNECT_TIMEOUT_MS,
    });
  } catch (error) {
    const reason = error instanceof Error && error.message ? ` (${error.message})` : '';
    throw new CliError(
      `cannot reach NATS at ${config.servers.map(withoutCredentials).join(', ')}: is the gateway running?${reason}`,
    );
  }
  return {
    client: new BusClient(bus),
    server: bus.server,
    prefix: bus.prefix,
    audit: new AuditReader(bus.nc, bus.prefix),
    close: () => bus.close(),
  };
}

/** `nats://user:secret@host:4222` → `nats://***@host:4222`: the message may end up in a log or a ticket. */
export function withoutCredentials(server: string): string {
  return server.replace(/^([a-z]+:\/\/)[^@/]*@/i, '$1***@');
}
