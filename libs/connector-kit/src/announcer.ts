import type { Subscription } from '@nats-io/transport-node';
import {
  RegistryAnnounce,
  RegistryDiscover,
  type Announcement,
  type BackendHealth,
} from '@mcp-gateway/contracts';
import type { BusClient } from '@mcp-gateway/bus';
import type { ConnectorBackend } from './connector-definition.js';

export interface AnnouncerOptions {
  readonly connector: string;
  readonly instance: string;
  readonly version: string;
  readonly toolsDigest: string;
  readonly toolCount: number;
  readonly intervalMs: number;
  readonly demo: boolean;
  readonly onHealthChange?: (health: BackendHealth) => void;
}

/**
 * Publishes this replica on the registry subject: at start, every interval (with a fresh backend probe),
 * at once when the backend's health changes or a front asks, and `down` when the replica stops.
 */
export class Announcer {
  private timer: NodeJS.Timeout | undefined;
  private discoverSub: Subscription | undefined;
  private readonly startedAt = new Date().toISOString();
  private current: BackendHealth = {
    healthy: false,
    detail: 'not checked yet',
    checkedAt: new Date(0).toISOString(),
  };

  constructor(
    private readonly bus: BusClient,
    private readonly backend: ConnectorBackend,
    private readonly options: AnnouncerOptions,
  ) {}

  get health(): BackendHealth {
    return this.current;
  }

  async start(): Promise<void> {
    await this.probe();
    this.announce('up');
    this.discoverSub = this.bus.subscribe(RegistryDiscover, {}, () => this.announce('up'));
    this.timer = setInterval(() => void this.tick(), this.options.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.discoverSub?.unsubscribe();
    this.announce('down');
  }

  private async tick(): Promise<void> {
    await this.probe();
    this.announce('up');
  }

  private async probe(): Promise<void> {
    const previous = this.current.healthy;
    let result: Pick<BackendHealth, 'healthy' | 'detail'>;
    try {
      result = await this.backend.probe(AbortSignal.timeout(Math.max(500, this.options.intervalMs - 100)));
    } catch (error) {
      result = {
        healthy: false,
        detail: error instanceof Error ? error.message.slice(0, 200) : 'probe failed',
      };
    }
    this.current = {
      ...result,
      ...(this.options.demo ? { demo: true } : {}),
      checkedAt: new Date().toISOString(),
    };
    if (previous !== this.current.healthy) this.options.onHealthChange?.(this.current);
  }

  private announce(status: Announcement['status']): void {
    if (!this.bus.connected) return;
    this.bus.publish(
      RegistryAnnounce,
      {},
      {
        connector: this.options.connector,
        instance: this.options.instance,
        version: this.options.version,
        status,
        toolsDigest: this.options.toolsDigest,
        toolCount: this.options.toolCount,
        backend: this.current,
        startedAt: this.startedAt,
        intervalMs: this.options.intervalMs,
      },
    );
  }
}
