import { AuthApiTokenVerify, BusError } from '@mcp-gateway/contracts';
import type { BusClient } from '@mcp-gateway/bus';
import { invalid, type AuthOutcome, type RevocationFeed, type TokenPrincipal } from './principal.js';
import { tokenHash } from './static-tokens.js';

export interface ApiTokenCacheOptions {
  /** How long a valid answer is reused without asking auth again. */
  readonly ttlMs?: number;
  /** How long an invalid answer is remembered (blunts guessing and repeated bad tokens). */
  readonly negativeTtlMs?: number;
  /** Entries kept at most; the oldest go first. */
  readonly maxEntries?: number;
}

interface Entry {
  readonly outcome: AuthOutcome;
  readonly id: string | undefined;
  readonly until: number;
}

/**
 * API tokens (from `gateway token create`) are checked with the auth service over the bus — only the
 * token's sha256 crosses it — and the answer is cached briefly. A revocation broadcast evicts the cached
 * entry at once, on every front.
 */
export class ApiTokens {
  private readonly cache = new Map<string, Entry>();
  private readonly ttlMs: number;
  private readonly negativeTtlMs: number;
  private readonly maxEntries: number;

  constructor(
    private readonly client: Pick<BusClient, 'request'>,
    private readonly revocations: RevocationFeed,
    options: ApiTokenCacheOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? 30_000;
    this.negativeTtlMs = options.negativeTtlMs ?? 5_000;
    this.maxEntries = options.maxEntries ?? 10_000;
    revocations.onRevoked((revocation) => {
      if (revocation.kind !== 'api-token') return;
      for (const [hash, entry] of this.cache) if (entry.id === revocation.id) this.cache.delete(hash);
    });
  }

  async verify(token: string): Promise<AuthOutcome> {
    const hash = tokenHash(token);
    const cached = this.cache.get(hash);
    if (cached && cached.until > Date.now()) {
      if (cached.id !== undefined && this.revocations.isRevoked('api-token', cached.id)) {
        return invalid('The API token has been revoked.');
      }
      return cached.outcome;
    }
    let answer;
    try {
      answer = await this.client.request(AuthApiTokenVerify, {}, { tokenHash: hash });
    } catch (error) {
      const code = error instanceof BusError ? error.code : 'INTERNAL';
      return {
        ok: false,
        reason: 'unavailable',
        description:
          code === 'CONNECTOR_UNAVAILABLE' || code === 'BUS_UNAVAILABLE' || code === 'TIMEOUT'
            ? 'The gateway cannot check API tokens right now (auth service unreachable); try again shortly.'
            : 'The API token could not be checked; try again shortly.',
      };
    }
    if (answer.outcome === 'invalid') {
      const outcome = invalid(`The API token is not valid (${answer.reason}).`);
      this.remember(hash, { outcome, id: undefined, until: Date.now() + this.negativeTtlMs });
      return outcome;
    }
    const info = answer.token;
    if (this.revocations.isRevoked('api-token', info.id)) return invalid('The API token has been revoked.');
    const principal: TokenPrincipal = {
      subject: `api-token:${info.name}`,
      scopes: new Set(info.scopes),
      kind: 'api-token',
      tokenId: info.id,
      tokenName: info.name,
    };
    const expires = info.expiresAt ? Date.parse(info.expiresAt) : Number.POSITIVE_INFINITY;
    const outcome: AuthOutcome = { ok: true, principal };
    this.remember(hash, { outcome, id: info.id, until: Math.min(Date.now() + this.ttlMs, expires) });
    return outcome;
  }

  private remember(hash: string, entry: Entry): void {
    if (this.cache.size >= this.maxEntries) {
      const oldest = this.cache.keys().next();
      if (!oldest.done) this.cache.delete(oldest.value);
    }
    this.cache.set(hash, entry);
  }
}
