import { randomUUID } from 'node:crypto';
import { SignJWT, compactVerify, decodeProtectedHeader } from 'jose';
import type { SigningKeys } from './signing-keys.js';
import { systemClock, type Clock } from './settings.js';

export interface AccessTokenGrant {
  readonly clientId: string;
  readonly scopes: readonly string[];
  readonly resource: string;
  /** The refresh-token family, as the `sid` claim: a `grant` revocation names it. */
  readonly familyId: string;
}

export interface AccessTokensOptions {
  readonly issuer: string;
  readonly ttlSeconds: number;
  readonly now?: Clock;
}

/** What the revocation endpoint needs from a token we signed. */
export interface InspectedAccessToken {
  readonly jti: string;
  readonly clientId: string;
  /** Seconds since the epoch. */
  readonly exp: number;
}

/**
 * Access tokens as JWTs (RFC 9068: `typ: at+jwt`) signed ES256 with the current key. The fronts verify
 * them locally against `auth.keys.get`, so a token must carry everything they check: issuer, audience
 * (the MCP resource), scopes, client and expiry.
 */
export class AccessTokens {
  private readonly now: Clock;

  constructor(
    private readonly keys: SigningKeys,
    private readonly options: AccessTokensOptions,
  ) {
    this.now = options.now ?? systemClock;
  }

  get ttlSeconds(): number {
    return this.options.ttlSeconds;
  }

  async issue(grant: AccessTokenGrant): Promise<string> {
    const { kid, key } = this.keys.signingKey();
    const iat = Math.floor(this.now().getTime() / 1000);
    return new SignJWT({ client_id: grant.clientId, scope: grant.scopes.join(' '), sid: grant.familyId })
      .setProtectedHeader({ alg: 'ES256', kid, typ: 'at+jwt' })
      .setIssuer(this.options.issuer)
      .setAudience(grant.resource)
      .setSubject('owner')
      .setIssuedAt(iat)
      .setExpirationTime(iat + this.options.ttlSeconds)
      .setJti(randomUUID())
      .sign(key);
  }

  /** The claims of a token this issuer signed with a published key, expired or not; else undefined. */
  async inspect(token: string): Promise<InspectedAccessToken | undefined> {
    try {
      const { kid } = decodeProtectedHeader(token);
      const key = kid === undefined ? undefined : this.keys.verificationKey(kid);
      if (!key) return undefined;
      const { payload } = await compactVerify(token, key, { algorithms: ['ES256'] });
      const claims = JSON.parse(new TextDecoder().decode(payload)) as Record<string, unknown>;
      const { jti, client_id: clientId, exp, iss } = claims;
      if (iss !== this.options.issuer || typeof jti !== 'string' || typeof clientId !== 'string')
        return undefined;
      if (typeof exp !== 'number') return undefined;
      return { jti, clientId, exp };
    } catch {
      return undefined;
    }
  }
}
