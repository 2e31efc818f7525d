import type { AuthTokenRevoke, RequestOf, ResponseOf } from '@mcp-gateway/contracts';
import type { AccessTokens } from './access-tokens.js';
import type { ClientAuthenticator } from './client-authentication.js';
import { isOAuthFailure, oauthFailure } from './oauth-failure.js';
import type { RefreshFamilies } from './refresh-families.js';
import type { RevocationSink } from './revocations.js';
import { systemClock, type Clock } from './settings.js';

export interface RevocationEndpointDeps {
  readonly authenticator: ClientAuthenticator;
  readonly families: RefreshFamilies;
  readonly accessTokens: AccessTokens;
  readonly revocations: RevocationSink;
  readonly now?: Clock;
}

/**
 * Token revocation (RFC 7009) behind mcp-front's `/oauth/revoke`. A refresh token revokes its family, an
 * access token its `jti`. Tokens that are unknown or belong to another client are answered `ok` without
 * effect (§2.2), so the endpoint tells nobody which tokens exist.
 */
export class RevocationEndpoint {
  constructor(private readonly deps: RevocationEndpointDeps) {}

  async revoke(request: RequestOf<typeof AuthTokenRevoke>): Promise<ResponseOf<typeof AuthTokenRevoke>> {
    const client = await this.deps.authenticator.authenticate(request.form, request.basic);
    if (isOAuthFailure(client)) return client;
    const token = request.form['token'];
    if (token === undefined || token === '') return oauthFailure('invalid_request', 'token is required');
    if (token.split('.').length === 3) {
      const access = await this.deps.accessTokens.inspect(token);
      if (
        access?.clientId === client.clientId &&
        access.exp * 1000 > (this.deps.now ?? systemClock)().getTime()
      ) {
        await this.deps.revocations.revoke({
          kind: 'access-token',
          id: access.jti,
          until: new Date(access.exp * 1000).toISOString(),
        });
      }
      return { outcome: 'ok' };
    }
    const refresh = await this.deps.families.lookup(token);
    if (refresh?.clientId === client.clientId) await this.deps.families.revoke(refresh.familyId);
    return { outcome: 'ok' };
  }
}
