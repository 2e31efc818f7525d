import { BusError, ConnectorInstancePing } from '@mcp-gateway/contracts';
import type { BusClient } from '@mcp-gateway/bus';

interface Watched {
  readonly connector: string;
  readonly instance: string;
  readonly listeners: Set<() => void>;
}

/**
 * Watches the connector replicas that are running calls for this front. While a replica has calls here,
 * it is pinged every interval; when NATS answers "no responders", the process is gone (killed, crashed,
 * its connection lost) and will never answer those calls, so their owners are told at once instead of
 * waiting for their timeouts. A slow or unanswered ping proves nothing and is ignored. Losing this
 * front's own connection puts every watched call in doubt at once.
 */
export class InstanceWatch {
  private readonly watched = new Map<string, Watched>();
  private timer: NodeJS.Timeout | undefined;
  private pinging = false;
  private readonly stopWatchingBus: () => void;

  constructor(
    private readonly bus: BusClient,
    private readonly intervalMs = 1_000,
  ) {
    // When this front's own NATS connection drops, replies to the calls in flight can be lost in the gap
    // (the server forgets our reply subscription until we are back): they are in doubt, like calls on a
    // dead replica, and waiting for them could last until their timeout.
    this.stopWatchingBus = bus.onStatus((connected) => {
      if (!connected) this.loseAll();
    });
  }

  /** Calls `onLost` once if the replica disappears; returns the function that stops watching. */
  watch(connector: string, instance: string, onLost: () => void): () => void {
    const key = `${connector}\u0000${instance}`;
    let entry = this.watched.get(key);
    if (!entry) {
      entry = { connector, instance, listeners: new Set() };
      this.watched.set(key, entry);
    }
    const listener = () => onLost();
    entry.listeners.add(listener);
    this.timer ??= setInterval(() => void this.sweep(), this.intervalMs).unref();
    const watched = entry;
    return () => {
      watched.listeners.delete(listener);
      if (watched.listeners.size === 0 && this.watched.get(key) === watched) this.watched.delete(key);
      if (this.watched.size === 0) this.pause();
    };
  }

  /** Replicas currently watched (for tests and /status). */
  get size(): number {
    return this.watched.size;
  }

  /** Stops pinging and watching the bus (the front is shutting down). */
  stop(): void {
    this.pause();
    this.stopWatchingBus();
  }

  /** Nothing to watch: no timer until something is. */
  private pause(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private loseAll(): void {
    const entries = [...this.watched.values()];
    this.watched.clear();
    this.pause();
    for (const entry of entries) for (const listener of [...entry.listeners]) listener();
  }

  private async sweep(): Promise<void> {
    if (this.pinging || !this.bus.connected) return;
    this.pinging = true;
    try {
      await Promise.all([...this.watched.entries()].map(([key, entry]) => this.check(key, entry)));
    } finally {
      this.pinging = false;
    }
  }

  private async check(key: string, entry: Watched): Promise<void> {
    try {
      await this.bus.request(
        ConnectorInstancePing,
        { connector: entry.connector, instance: entry.instance },
        {},
        { timeoutMs: this.intervalMs },
      );
    } catch (error) {
      if (!(error instanceof BusError) || error.code !== 'CONNECTOR_UNAVAILABLE') return;
      if (this.watched.get(key) === entry) this.watched.delete(key);
      for (const listener of [...entry.listeners]) listener();
      if (this.watched.size === 0) this.pause();
    }
  }
}
