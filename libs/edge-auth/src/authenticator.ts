import type { IncomingMessage } from 'node:http';
import type { AccessTokens } from './access-tokens.js';
import type { ApiTokens } from './api-tokens.js';
import { invalid, type AuthOutcome } from './principal.js';
import { tokenHash, type StaticTokens } from './static-tokens.js';

/** What is known of a refused token besides its kind and the reason, for the audit log. */
export interface Refusal {
  /** The first 8 hex characters of the token's sha256 (never the token). */
  readonly tokenFingerprint: string;
  /** The reason as the client was told it. */
  readonly description: string;
  /** The request that carried the token, when the caller passed it. */
  readonly request?: IncomingMessage;
}

/** Told of every refused token: for the `gateway_auth_failures_total` metric and the audit log. */
export type FailureListener = (
  kind: 'jwt' | 'opaque',
  reason: 'invalid' | 'unavailable',
  refusal: Refusal,
) => void;

/** A compact JWS: three base64url segments. API tokens and `ACCESS_TOKENS` never contain a dot. */
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/**
 * Every kind of bearer token a front accepts, tried in order of cost: the static `ACCESS_TOKENS` (a hash
 * compare), OAuth access tokens (a local signature check), then API tokens (asked of auth, cached).
 */
export class Authenticator {
  constructor(
    private readonly sources: {
      readonly staticTokens: StaticTokens;
      readonly accessTokens?: AccessTokens;
      readonly apiTokens?: ApiTokens;
    },
    /** Told of every refused token; never sees the token itself. */
    private readonly onFailure: FailureListener = () => undefined,
  ) {}

  /** `request` is only passed on to the failure listener (its address and path go to the audit log). */
  async authenticate(token: string, request?: IncomingMessage): Promise<AuthOutcome> {
    const jwt = JWT_SHAPE.test(token);
    const outcome = await this.check(token, jwt);
    if (!outcome.ok) {
      this.onFailure(jwt ? 'jwt' : 'opaque', outcome.reason, {
        tokenFingerprint: tokenHash(token).slice(0, 8),
        description: outcome.description,
        ...(request ? { request } : {}),
      });
    }
    return outcome;
  }

  private async check(token: string, jwt: boolean): Promise<AuthOutcome> {
    const fixed = this.sources.staticTokens.verify(token);
    if (fixed) return { ok: true, principal: fixed };
    if (jwt) {
      return this.sources.accessTokens
        ? this.sources.accessTokens.verify(token)
        : invalid('OAuth access tokens are not accepted here.');
    }
    if (this.sources.apiTokens) return this.sources.apiTokens.verify(token);
    return invalid('The bearer token is not valid.');
  }
}
