import { AuthRevoked, type Revocation } from '@mcp-gateway/contracts';
import type { BusClient } from '@mcp-gateway/bus';
import type { AuthStore } from './store.js';
import { sha256Hex } from './secrets.js';
import { systemClock, type Clock } from './settings.js';

/** Where revocations go: stored for fronts that start later, and broadcast to those running now. */
export interface RevocationSink {
  revoke(revocation: Revocation): Promise<void>;
}

/**
 * Revoked credentials that have not yet expired on their own. Each is kept in KV until its `until` (so
 * `auth.revocations.list` can tell a front that was away) and published on {@link AuthRevoked} at once.
 */
export class Revocations implements RevocationSink {
  constructor(
    private readonly store: AuthStore,
    private readonly bus: BusClient,
    private readonly now: Clock = systemClock,
  ) {}

  async revoke(revocation: Revocation): Promise<void> {
    await this.store.put('main', keyOf(revocation), revocation);
    this.bus.publish(AuthRevoked, {}, revocation);
  }

  async list(): Promise<Revocation[]> {
    const now = this.now().getTime();
    const all = await this.store.values<Revocation>('main', 'revoked.>');
    return all.filter((r) => Date.parse(r.until) > now);
  }

  /** Deletes revocations whose credential has expired anyway; returns how many. */
  async sweep(): Promise<number> {
    const now = this.now().getTime();
    let removed = 0;
    for (const key of await this.store.keys('main', 'revoked.>')) {
      const entry = await this.store.get<Revocation>('main', key);
      if (entry && Date.parse(entry.value.until) <= now) {
        await this.store.delete('main', key);
        removed++;
      }
    }
    return removed;
  }
}

function keyOf(revocation: Revocation): string {
  // Ids come from several issuers (JWT ids, family ids, API-token ids): hash them into the KV alphabet.
  return `revoked.${revocation.kind}.${sha256Hex(revocation.id)}`;
}
