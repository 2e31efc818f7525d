import type { AuthTokenExchange, OAuthFailure, RequestOf, ResponseOf } from '@mcp-gateway/contracts';
import { sameResource } from '@mcp-gateway/config';
import type { AccessTokens } from './access-tokens.js';
import type { AuthorizationCodes, CodeGrant } from './authorization-codes.js';
import type { ClientAuthenticator } from './client-authentication.js';
import type { ClientRegistry } from './client-registry.js';
import type { OAuthClient } from './clients.js';
import { isOAuthFailure, oauthFailure } from './oauth-failure.js';
import { pkceMatches } from './pkce.js';
import type { RefreshFamilies, RefreshFamily } from './refresh-families.js';
import { parseScopes, scopesCover } from './scopes.js';

type ExchangeRequest = RequestOf<typeof AuthTokenExchange>;
type ExchangeResponse = ResponseOf<typeof AuthTokenExchange>;
type FormParams = ExchangeRequest['form'];

export interface TokenEndpointDeps {
  readonly authenticator: ClientAuthenticator;
  readonly codes: AuthorizationCodes;
  readonly families: RefreshFamilies;
  readonly accessTokens: AccessTokens;
  readonly registry: ClientRegistry;
}

/**
 * The token endpoint (RFC 6749 §3.2) behind mcp-front's `/oauth/token`: `authorization_code` with PKCE,
 * and `refresh_token` with rotation. Every successful grant returns a refresh token — Claude may never ask
 * for `offline_access` and still needs one.
 */
export class TokenEndpoint {
  constructor(private readonly deps: TokenEndpointDeps) {}

  async exchange(request: ExchangeRequest): Promise<ExchangeResponse> {
    const grantType = request.form['grant_type'];
    if (grantType === undefined || grantType === '')
      return oauthFailure('invalid_request', 'grant_type is required');
    if (grantType !== 'authorization_code' && grantType !== 'refresh_token') {
      return oauthFailure('unsupported_grant_type', 'grant_type must be authorization_code or refresh_token');
    }
    const client = await this.deps.authenticator.authenticate(request.form, request.basic);
    if (isOAuthFailure(client)) return client;
    return grantType === 'authorization_code'
      ? this.authorizationCode(client, request.form)
      : this.refreshToken(client, request.form);
  }

  private async authorizationCode(client: OAuthClient, form: FormParams): Promise<ExchangeResponse> {
    const code = form['code'];
    if (code === undefined || code === '') return oauthFailure('invalid_request', 'code is required');
    const redemption = await this.deps.codes.redeem(code, (grant) => codeProblem(client, grant, form));
    if (redemption.outcome === 'replayed') {
      if (redemption.familyId !== null) await this.deps.families.revoke(redemption.familyId);
      return redemption.failure;
    }
    if (redemption.outcome === 'refused') return redemption.failure;
    const { grant, familyId } = redemption;
    const refreshToken = await this.deps.families.start(familyId, grant);
    if (refreshToken === undefined) {
      return oauthFailure('invalid_grant', 'the authorization code was already used; its tokens are revoked');
    }
    return this.tokens(client, { familyId, resource: grant.resource }, grant.scopes, refreshToken);
  }

  private async refreshToken(client: OAuthClient, form: FormParams): Promise<ExchangeResponse> {
    const presented = form['refresh_token'];
    if (presented === undefined || presented === '') {
      return oauthFailure('invalid_request', 'refresh_token is required');
    }
    const requested = form['scope'] === undefined ? [] : parseScopes(form['scope']);
    if (requested === undefined)
      return oauthFailure('invalid_scope', 'scope has an unknown or malformed scope');
    const rotated = await this.deps.families.rotate(presented, client.clientId, (family) =>
      familyProblem(family, requested, form['resource']),
    );
    if (isOAuthFailure(rotated)) return rotated;
    const scopes = requested.length > 0 ? requested : rotated.family.scopes;
    return this.tokens(client, rotated.family, scopes, rotated.refreshToken);
  }

  private async tokens(
    client: OAuthClient,
    family: Pick<RefreshFamily, 'familyId' | 'resource'>,
    scopes: readonly string[],
    refreshToken: string,
  ): Promise<ExchangeResponse> {
    const accessToken = await this.deps.accessTokens.issue({
      clientId: client.clientId,
      scopes,
      resource: family.resource,
      familyId: family.familyId,
    });
    if (!client.metadataDocument) await this.deps.registry.markUsed(client.clientId);
    return {
      outcome: 'ok',
      tokens: {
        access_token: accessToken,
        token_type: 'Bearer',
        expires_in: this.deps.accessTokens.ttlSeconds,
        refresh_token: refreshToken,
        scope: scopes.join(' '),
      },
    };
  }
}

/** RFC 6749 §4.1.3 and RFC 7636 §4.6 checks of a token request against the code's grant. */
function codeProblem(client: OAuthClient, grant: CodeGrant, form: FormParams): OAuthFailure | undefined {
  if (grant.clientId !== client.clientId) {
    return oauthFailure('invalid_grant', 'the authorization code was issued to another client');
  }
  const redirectUri = form['redirect_uri'];
  if (grant.redirectUriSent && redirectUri === undefined) {
    return oauthFailure(
      'invalid_grant',
      'redirect_uri is required because the authorization request had one',
    );
  }
  if (redirectUri !== undefined && redirectUri !== grant.redirectUri) {
    return oauthFailure('invalid_grant', 'redirect_uri does not match the authorization request');
  }
  const resource = form['resource'];
  if (resource !== undefined && !sameResource(resource, grant.resource)) {
    return oauthFailure('invalid_target', 'resource does not match the authorization request');
  }
  if (!pkceMatches(form['code_verifier'], grant.codeChallenge)) {
    return oauthFailure('invalid_grant', 'code_verifier is missing or does not match the code_challenge');
  }
  return undefined;
}

function familyProblem(
  family: RefreshFamily,
  requested: readonly string[],
  resource: string | undefined,
): OAuthFailure | undefined {
  if (!scopesCover(family.scopes, requested)) {
    return oauthFailure('invalid_scope', 'scope asks for more than the original grant');
  }
  if (resource !== undefined && !sameResource(resource, family.resource)) {
    return oauthFailure('invalid_target', 'resource does not match the original grant');
  }
  return undefined;
}
