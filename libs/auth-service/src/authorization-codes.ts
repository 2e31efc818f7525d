import type { OAuthFailure } from '@mcp-gateway/contracts';
import type { AuthStore } from './store.js';
import { oauthFailure } from './oauth-failure.js';
import { randomToken, sha256Hex } from './secrets.js';
import { systemClock, type Clock } from './settings.js';

/** What an authorisation code stands for, bound at consent. */
export interface CodeGrant {
  readonly clientId: string;
  readonly redirectUri: string;
  /** Whether the request named `redirect_uri` (then the token request must repeat it, RFC 6749 §4.1.3). */
  readonly redirectUriSent: boolean;
  readonly codeChallenge: string;
  readonly resource: string;
  readonly scopes: readonly string[];
}

interface StoredCode extends CodeGrant {
  readonly expiresAt: string;
  readonly used: boolean;
  /** The refresh-token family the redemption started, so a replay can revoke it. */
  readonly familyId: string | null;
}

export type Redemption =
  | { readonly outcome: 'redeemed'; readonly grant: CodeGrant; readonly familyId: string }
  | { readonly outcome: 'refused'; readonly failure: OAuthFailure }
  /** Presented a second time (OAuth 2.1 §4.1.3): the caller revokes what the first redemption issued. */
  | { readonly outcome: 'replayed'; readonly failure: OAuthFailure; readonly familyId: string | null };

/**
 * Single-use authorisation codes in the codes bucket, stored under the sha256 of the code. Redemption
 * marks the code used by compare-and-set, so of two concurrent redemptions on any replicas exactly one
 * wins; the other is treated as a replay.
 */
export class AuthorizationCodes {
  constructor(
    private readonly store: AuthStore,
    private readonly ttlSeconds: number,
    private readonly now: Clock = systemClock,
  ) {}

  async issue(grant: CodeGrant): Promise<string> {
    const code = randomToken(32);
    const stored: StoredCode = {
      ...grant,
      expiresAt: new Date(this.now().getTime() + this.ttlSeconds * 1000).toISOString(),
      used: false,
      familyId: null,
    };
    await this.store.put('codes', keyOf(code), stored);
    return code;
  }

  /**
   * Redeems `code` if `check` finds nothing wrong with the request against the grant. A refused request
   * does not consume the code (the legitimate client may still redeem it); a replay does.
   */
  async redeem(code: string, check: (grant: CodeGrant) => OAuthFailure | undefined): Promise<Redemption> {
    const key = keyOf(code);
    const stored = await this.store.get<StoredCode>('codes', key);
    if (!stored) return refused('the authorization code is invalid or expired');
    if (stored.value.used) return replayed(stored.value.familyId);
    const problem = check(stored.value);
    if (problem) return { outcome: 'refused', failure: problem };
    if (Date.parse(stored.value.expiresAt) <= this.now().getTime()) {
      return refused('the authorization code is invalid or expired');
    }
    const familyId = randomToken(16);
    const won = await this.store.update(
      'codes',
      key,
      { ...stored.value, used: true, familyId },
      stored.revision,
    );
    if (!won) {
      const winner = await this.store.get<StoredCode>('codes', key);
      return replayed(winner?.value.familyId ?? null);
    }
    return { outcome: 'redeemed', grant: grantOf(stored.value), familyId };
  }
}

function keyOf(code: string): string {
  return `code.${sha256Hex(code)}`;
}

function grantOf(stored: StoredCode): CodeGrant {
  const { clientId, redirectUri, redirectUriSent, codeChallenge, resource, scopes } = stored;
  return { clientId, redirectUri, redirectUriSent, codeChallenge, resource, scopes };
}

function refused(description: string): Redemption {
  return { outcome: 'refused', failure: oauthFailure('invalid_grant', description) };
}

function replayed(familyId: string | null): Redemption {
  return {
    outcome: 'replayed',
    failure: oauthFailure('invalid_grant', 'the authorization code was already used; its tokens are revoked'),
    familyId,
  };
}
