import { AuthRevocationsList, AuthRevoked, type Revocation } from '@mcp-gateway/contracts';
import type { BusClient } from '@mcp-gateway/bus';
import type { RevocationFeed } from './principal.js';

type Kind = Revocation['kind'];

/**
 * What auth has revoked and would otherwise still be accepted: OAuth access tokens (by `jti`), whole
 * grants (by the JWT's `sid`) and API tokens (by id). Fed by the `auth.revoked` broadcast, so a revocation
 * reaches every front at once, and reloaded in full at start and after every bus reconnect so nothing
 * revoked while a front was away slips through.
 */
export class RevocationList implements RevocationFeed {
  private readonly entries = new Map<string, number>();
  private readonly listeners = new Set<(revocation: Revocation) => void>();
  private unsubscribe: (() => void) | undefined;
  private timer: NodeJS.Timeout | undefined;
  private loaded = false;
  private failures = 0;

  constructor(
    private readonly client: BusClient,
    private readonly log: (message: string) => void = () => undefined,
  ) {}

  async start(): Promise<void> {
    const sub = this.client.subscribe(AuthRevoked, {}, (revocation) => this.add(revocation));
    const offStatus = this.client.onStatus((up) => {
      if (up) void this.reload();
    });
    this.unsubscribe = () => {
      sub.unsubscribe();
      offStatus();
    };
    // Sweeps expired entries, and retries the initial load while auth has not answered yet.
    this.timer = setInterval(() => {
      this.sweep();
      if (!this.loaded) void this.reload();
    }, 5_000);
    this.timer.unref();
    await this.reload();
  }

  stop(): void {
    this.unsubscribe?.();
    clearInterval(this.timer);
  }

  isRevoked(kind: Kind, id: string): boolean {
    const until = this.entries.get(key(kind, id));
    return until !== undefined && until > Date.now();
  }

  /** Called for every revocation as it arrives (the API-token cache evicts on it). */
  onRevoked(listener: (revocation: Revocation) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Whether the full list has been loaded from auth at least once. */
  get ready(): boolean {
    return this.loaded;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Loads every live revocation from auth; retried on the next reconnect if auth does not answer. */
  async reload(): Promise<void> {
    try {
      const { revocations } = await this.client.request(AuthRevocationsList, {}, {});
      for (const revocation of revocations) this.add(revocation);
      if (!this.loaded && this.failures > 0) this.log('revocation list loaded');
      this.loaded = true;
      this.failures = 0;
    } catch (error) {
      // Logged once per outage, not at every retry.
      if (this.failures++ === 0) {
        this.log(
          `revocation list not loaded yet (retrying): ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
  }

  private add(revocation: Revocation): void {
    const until = Date.parse(revocation.until);
    if (!(until > Date.now())) return;
    this.entries.set(key(revocation.kind, revocation.id), until);
    for (const listener of this.listeners) listener(revocation);
  }

  private sweep(): void {
    const now = Date.now();
    for (const [k, until] of this.entries) if (until <= now) this.entries.delete(k);
  }
}

function key(kind: Kind, id: string): string {
  return `${kind}:${id}`;
}
