import type { FormParams, OAuthFailure, RequestOf, AuthTokenExchange } from '@mcp-gateway/contracts';
import type { ClientResolver, OAuthClient } from './clients.js';
import { isOAuthFailure, oauthFailure } from './oauth-failure.js';
import { constantTimeEqual, sha256Hex } from './secrets.js';

type BasicCredentials = NonNullable<RequestOf<typeof AuthTokenExchange>['basic']>;

/**
 * Client authentication at the token and revocation endpoints (RFC 6749 §2.3). Public clients name
 * themselves with `client_id`; confidential ones present their secret in the form or with HTTP Basic —
 * either is accepted whatever they registered, since clients are known to pick one regardless. Every
 * failure is `invalid_client` with status 401, which tells Claude to register again.
 */
export class ClientAuthenticator {
  constructor(private readonly resolver: ClientResolver) {}

  async authenticate(
    form: FormParams,
    basic: BasicCredentials | undefined,
  ): Promise<OAuthClient | OAuthFailure> {
    const formSecret = form['client_secret'];
    if (basic && formSecret !== undefined) {
      return oauthFailure('invalid_request', 'use either HTTP Basic or client_secret in the form, not both');
    }
    const formId = form['client_id'];
    if (basic && formId !== undefined && formId !== basic.clientId) {
      return oauthFailure('invalid_request', 'client_id in the form differs from the HTTP Basic user');
    }
    const clientId = basic?.clientId ?? formId;
    if (clientId === undefined || clientId === '') {
      return oauthFailure('invalid_client', 'client authentication is required (client_id)');
    }
    const client = await this.resolver.resolve(clientId);
    if (isOAuthFailure(client)) return oauthFailure('invalid_client', client.description);
    const secret = basic?.clientSecret ?? formSecret;
    if (client.secretHash === null) {
      if (secret !== undefined && secret !== '') {
        return oauthFailure('invalid_client', 'this client is public and has no secret');
      }
      return client;
    }
    if (secret === undefined || secret === '') {
      return oauthFailure('invalid_client', 'this client must authenticate with its client_secret');
    }
    if (!constantTimeEqual(sha256Hex(secret), client.secretHash)) {
      return oauthFailure('invalid_client', 'client authentication failed');
    }
    return client;
  }
}
