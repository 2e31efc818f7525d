import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { BusConfig } from '@mcp-gateway/config';

export interface BusConnectionOptions extends BusConfig {
  /** Shown in the NATS server's connection list: service name and instance. */
  readonly name: string;
  /**
   * Give up when the first connection is not up within this many milliseconds (each server tried once)
   * instead of waiting for NATS to appear. Services wait, since they may start before NATS; a command
   * someone is watching (the admin CLI) should not. Reconnecting after the first connection is unchanged.
   */
  readonly firstConnectTimeoutMs?: number;
}

type StatusListener = (connected: boolean) => void;

/**
 * One NATS connection per process. It reconnects forever; while it is down, {@link BusConnection.connected}
 * is false so callers fail fast instead of waiting for their timeouts.
 */
export class BusConnection {
  private isConnected = true;
  private readonly listeners = new Set<StatusListener>();

  private constructor(
    readonly nc: NatsConnection,
    readonly prefix: string,
  ) {
    void this.watchStatus();
  }

  static async connect(options: BusConnectionOptions): Promise<BusConnection> {
    const failFast = options.firstConnectTimeoutMs;
    const nc = await connect({
      servers: [...options.servers],
      name: options.name,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 250,
      reconnectJitter: 100,
      waitOnFirstConnect: failFast === undefined,
      ...(failFast === undefined ? {} : { timeout: failFast }),
      pingInterval: 10_000,
      maxPingOut: 2,
      // Capturing a stack trace for every request costs measurable CPU on the hot path.
      noAsyncTraces: true,
    });
    return new BusConnection(nc, options.prefix);
  }

  get connected(): boolean {
    return this.isConnected && !this.nc.isClosed();
  }

  /** The server the connection is currently on, e.g. `127.0.0.1:4222`. */
  get server(): string {
    return this.nc.getServer();
  }

  onStatus(listener: StatusListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Drains subscriptions and pending publishes, then closes. Safe to call twice. */
  async close(): Promise<void> {
    if (this.nc.isClosed() || this.nc.isDraining()) return;
    try {
      await this.nc.drain();
    } catch {
      await this.nc.close();
    }
  }

  private async watchStatus(): Promise<void> {
    for await (const status of this.nc.status()) {
      if (status.type === 'disconnect' || status.type === 'close') this.setConnected(false);
      else if (status.type === 'reconnect') this.setConnected(true);
    }
    this.setConnected(false);
  }

  private setConnected(value: boolean): void {
    if (this.isConnected === value) return;
    this.isConnected = value;
    for (const listener of this.listeners) listener(value);
  }
}
