import type { Subscription } from '@nats-io/transport-node';
import {
  RegistryAnnounce,
  RegistryDiscover,
  type Announcement,
  type BackendHealth,
} from '@mcp-gateway/contracts';
import type { BusClient } from '@mcp-gateway/bus';
import type { BackendPolicy } from './backend-policy.js';
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
 * at once when the backend's circuit opens or closes or a front asks, and `down` when the replica stops.
 * The announced health is the probe's, except that an open (or half-open) circuit is unhealthy: calls
 * fail fast until it closes, whatever the probe says.
 */
export class Announcer {
  private timer: NodeJS.Timeout | undefined;
  private discoverSub: Subscription | undefined;
  private stopWatchingCircuit: (() => void) | undefined;
  private readonly startedAt = new Date().toISOString();
  private probed: Pick<BackendHealth, 'healthy' | 'detail'> = { healthy: false, detail: 'not checked yet' };
  private checkedAt = new Date(0).toISOString();
  private current: BackendHealth;

  constructor(
    private readonly bus: BusClient,
    private readonly backend: ConnectorBackend,
    private readonly policy: BackendPolicy,
    private readonly options: AnnouncerOptions,
  ) {
    this.current = this.compose();
  }

  get health(): BackendHealth {
    return this.current;
  }

  async start(): Promise<void> {
    await this.probe();
    this.announce('up');
    this.discoverSub = this.bus.subscribe(RegistryDiscover, {}, () => this.announce('up'));
    this.stopWatchingCircuit = this.policy.onCircuitChange(() => {
      this.update();
      this.announce('up');
    });
    this.timer = setInterval(() => void this.tick(), this.options.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.stopWatchingCircuit?.();
    this.discoverSub?.unsubscribe();
    this.announce('down');
  }

  private async tick(): Promise<void> {
    await this.probe();
    this.announce('up');
  }

  private async probe(): Promise<void> {
    const timeoutMs = Math.max(500, this.options.intervalMs - 100);
    try {
      this.probed = await this.policy.probe(timeoutMs, () =>
        this.backend.probe(AbortSignal.timeout(timeoutMs)),
      );
    } catch (error) {
      this.probed = {
        healthy: false,
        detail: error instanceof Error ? error.message.slice(0, 200) : 'probe failed',
      };
    }
    this.checkedAt = new Date().toISOString();
    this.update();
  }

  private update(): void {
    const previous = this.current.healthy;
    this.current = this.compose();
    if (previous !== this.current.healthy) this.options.onHealthChange?.(this.current);
  }

  private compose(): BackendHealth {
    const circuit = this.policy.describeCircuit();
    const recovered = this.probed.healthy ? ' The health probe reaches it again.' : '';
    const health = circuit ? { healthy: false, detail: `${circuit}${recovered}`.slice(0, 500) } : this.probed;
    return {
      ...health,
      ...(this.options.demo ? { demo: true } : {}),
      checkedAt: this.checkedAt,
    };
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
