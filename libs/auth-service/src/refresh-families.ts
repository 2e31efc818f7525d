import type { OAuthFailure } from '@mcp-gateway/contracts';
import type { AuthStore } from './store.js';
import type { RevocationSink } from './revocations.js';
import { oauthFailure } from './oauth-failure.js';
import { randomToken, sha256Hex } from './secrets.js';
import { systemClock, type Clock } from './settings.js';

/** One authorisation's chain of refresh tokens; revoking it ends every token it issued. */
export interface RefreshFamily {
  readonly familyId: string;
  readonly clientId: string;
  readonly scopes: readonly string[];
  readonly resource: string;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly revoked: boolean;
}

interface StoredRefresh {
  readonly familyId: string;
  readonly clientId: string;
  readonly used: boolean;
  readonly expiresAt: string;
}

export interface RefreshFamiliesOptions {
  readonly refreshTokenTtlSeconds: number;
  readonly accessTokenTtlSeconds: number;
  readonly now?: Clock;
}

/**
 * Rotating refresh tokens (OAuth 2.1 §4.3.1), stored only as sha256. Each use marks the token used by
 * compare-and-set and issues its successor in the same family; presenting a used token again means it
 * leaked, so the whole family is revoked — its refresh tokens here, its live access tokens at every front
 * (a `grant` revocation on the bus).
 */
export class RefreshFamilies {
  private readonly now: Clock;

  constructor(
    private readonly store: AuthStore,
    private readonly revocations: RevocationSink,
    private readonly options: RefreshFamiliesOptions,
  ) {
    this.now = options.now ?? systemClock;
  }

  /**
   * Starts family `familyId` and returns its first refresh token; `undefined` when the family already
   * exists — only as the tombstone of a concurrent replay that revoked it first.
   */
  async start(
    familyId: string,
    grant: Pick<RefreshFamily, 'clientId' | 'scopes' | 'resource'>,
  ): Promise<string | undefined> {
    const now = this.now();
    const family: RefreshFamily = {
      familyId,
      clientId: grant.clientId,
      scopes: grant.scopes,
      resource: grant.resource,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + this.options.refreshTokenTtlSeconds * 1000).toISOString(),
      revoked: false,
    };
    if (!(await this.store.create('main', familyKey(familyId), family))) return undefined;
    return this.issue(family);
  }

  /**
   * Redeems `refreshToken` for `clientId` if `check` accepts the family, returning the family and the next
   * refresh token.
   */
  async rotate(
    refreshToken: string,
    clientId: string,
    check: (family: RefreshFamily) => OAuthFailure | undefined,
  ): Promise<{ family: RefreshFamily; refreshToken: string } | OAuthFailure> {
    const key = tokenKey(refreshToken);
    const stored = await this.store.get<StoredRefresh>('main', key);
    if (stored?.value.clientId !== clientId) return invalid('the refresh token is invalid');
    const family = await this.liveFamily(stored.value.familyId);
    if (!family) return invalid('the refresh token is revoked or expired');
    if (stored.value.used) return this.reused(family.familyId);
    const problem = check(family);
    if (problem) return problem;
    const won = await this.store.update('main', key, { ...stored.value, used: true }, stored.revision);
    if (!won) return this.reused(family.familyId);
    return { family, refreshToken: await this.issue(family) };
  }

  /** The family a refresh token belongs to, for revocation (RFC 7009); undefined when unknown. */
  async lookup(refreshToken: string): Promise<{ familyId: string; clientId: string } | undefined> {
    const stored = await this.store.get<StoredRefresh>('main', tokenKey(refreshToken));
    return stored && { familyId: stored.value.familyId, clientId: stored.value.clientId };
  }

  /** Revokes a family (creating a revoked tombstone when it does not exist yet) and publishes it. */
  async revoke(familyId: string): Promise<void> {
    const now = this.now();
    for (let attempt = 0; attempt < 5; attempt++) {
      const stored = await this.store.get<RefreshFamily>('main', familyKey(familyId));
      if (stored?.value.revoked) break;
      const written = stored
        ? await this.store.update(
            'main',
            familyKey(familyId),
            { ...stored.value, revoked: true },
            stored.revision,
          )
        : await this.store.create('main', familyKey(familyId), this.tombstone(familyId, now));
      if (written) break;
    }
    await this.revocations.revoke({
      kind: 'grant',
      id: familyId,
      until: new Date(now.getTime() + this.options.accessTokenTtlSeconds * 1000).toISOString(),
    });
  }

  /** Deletes expired families and refresh tokens; returns how many records went. */
  async sweep(): Promise<number> {
    const now = this.now().getTime();
    let removed = 0;
    for (const key of [
      ...(await this.store.keys('main', 'family.*')),
      ...(await this.store.keys('main', 'refresh.*')),
    ]) {
      const stored = await this.store.get<{ expiresAt: string }>('main', key);
      if (stored && Date.parse(stored.value.expiresAt) <= now) {
        await this.store.delete('main', key);
        removed++;
      }
    }
    return removed;
  }

  private async issue(family: RefreshFamily): Promise<string> {
    const token = randomToken(32);
    const stored: StoredRefresh = {
      familyId: family.familyId,
      clientId: family.clientId,
      used: false,
      expiresAt: family.expiresAt,
    };
    await this.store.put('main', tokenKey(token), stored);
    return token;
  }

  private async liveFamily(familyId: string): Promise<RefreshFamily | undefined> {
    const family = await this.store.get<RefreshFamily>('main', familyKey(familyId));
    if (!family || family.value.revoked) return undefined;
    return Date.parse(family.value.expiresAt) > this.now().getTime() ? family.value : undefined;
  }

  private async reused(familyId: string): Promise<OAuthFailure> {
    await this.revoke(familyId);
    return invalid('the refresh token was already used; every token of this grant is revoked');
  }

  private tombstone(familyId: string, now: Date): RefreshFamily {
    return {
      familyId,
      clientId: '',
      scopes: [],
      resource: '',
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + this.options.refreshTokenTtlSeconds * 1000).toISOString(),
      revoked: true,
    };
  }
}

function familyKey(familyId: string): string {
  return `family.${familyId}`;
}

function tokenKey(token: string): string {
  return `refresh.${sha256Hex(token)}`;
}

function invalid(description: string): OAuthFailure {
  return oauthFailure('invalid_grant', description);
}
