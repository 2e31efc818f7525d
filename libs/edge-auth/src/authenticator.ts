import type { AccessTokens } from './access-tokens.js';
import type { ApiTokens } from './api-tokens.js';
import { invalid, type AuthOutcome } from './principal.js';
import type { StaticTokens } from './static-tokens.js';

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
    /** Told of every refused token (for the `gateway_auth_failures_total` metric); never sees the token. */
    private readonly onFailure: (kind: 'jwt' | 'opaque', reason: 'invalid' | 'unavailable') => void = () =>
      undefined,
  ) {}

  async authenticate(token: string): Promise<AuthOutcome> {
    const jwt = JWT_SHAPE.test(token);
    const outcome = await this.check(token, jwt);
    if (!outcome.ok) this.onFailure(jwt ? 'jwt' : 'opaque', outcome.reason);
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
