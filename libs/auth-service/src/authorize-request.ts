import type { ConsentRequest, FormParams, OAuthErrorCode, OAuthFailure } from '@mcp-gateway/contracts';
import { sameResource, type PublicIdentity } from '@mcp-gateway/config';
import type { ClientResolver, OAuthClient } from './clients.js';
import { isOAuthFailure, oauthFailure, withQuery } from './oauth-failure.js';
import { isPkceString } from './pkce.js';
import { isLoopbackUri } from './redirect-uris.js';
import { grantedScopes, parseScopes, scopesCover } from './scopes.js';

const MAX_STATE_LENGTH = 1024;

/** A valid authorisation request, ready for consent. */
export interface AuthorizationRequest {
  readonly client: OAuthClient;
  readonly redirectUri: string;
  readonly redirectUriSent: boolean;
  readonly state: string | undefined;
  readonly codeChallenge: string;
  /** The canonical resource (the identity's spelling, whatever trailing slash the client sent). */
  readonly resource: string;
  readonly scopes: readonly string[];
}

export type AuthorizeValidation =
  | { readonly kind: 'valid'; readonly request: AuthorizationRequest }
  /** An error the client must hear about at its (verified) redirect URI. */
  | { readonly kind: 'redirect'; readonly location: string }
  /** An error to show on the page: the client or its redirect URI could not be trusted. */
  | { readonly kind: 'failure'; readonly failure: OAuthFailure };

/**
 * Validates an authorisation request (RFC 6749 §4.1.1, RFC 7636, RFC 8707). The client and its redirect
 * URI come first: until both are verified an error is shown on the page, never sent to an unverified
 * address (RFC 6749 §4.1.2.1). Every later error is redirected with `state` and `iss` (RFC 9207).
 */
export class AuthorizeRequestValidator {
  constructor(
    private readonly clients: ClientResolver,
    private readonly identity: PublicIdentity,
  ) {}

  async validate(params: FormParams): Promise<AuthorizeValidation> {
    const clientId = params['client_id'];
    if (clientId === undefined || clientId === '') return page('invalid_request', 'client_id is required');
    const client = await this.clients.resolve(clientId);
    if (isOAuthFailure(client)) return page(client.error, client.description);
    const sent = params['redirect_uri'];
    const only = client.redirectUris.length === 1 ? client.redirectUris[0] : undefined;
    const redirectUri = sent ?? only;
    if (redirectUri === undefined) {
      return page('invalid_request', 'redirect_uri is required: the client registered several');
    }
    if (!client.redirectUris.includes(redirectUri)) {
      return page('invalid_request', 'redirect_uri is not registered for this client');
    }
    const state = params['state'];
    // The redirect must fit the contract's 8 KiB location, with state URL-encoded.
    if (state !== undefined && state.length > MAX_STATE_LENGTH) {
      return page('invalid_request', `state must be at most ${MAX_STATE_LENGTH} characters`);
    }
    const fail = (error: OAuthErrorCode, description: string): AuthorizeValidation => ({
      kind: 'redirect',
      location: this.errorLocation(redirectUri, error, description, state),
    });

    const responseType = params['response_type'];
    if (responseType === undefined || responseType === '')
      return fail('invalid_request', 'response_type is required');
    if (responseType !== 'code')
      return fail('unsupported_response_type', 'only response_type=code is supported');
    const challenge = params['code_challenge'];
    if (params['code_challenge_method'] !== 'S256' || challenge === undefined) {
      return fail('invalid_request', 'PKCE with S256 is required');
    }
    if (!isPkceString(challenge)) {
      return fail('invalid_request', 'code_challenge must be 43 to 128 characters of [A-Za-z0-9-._~]');
    }
    const resource = params['resource'];
    if (resource !== undefined && !sameResource(resource, this.identity.resource)) {
      return fail('invalid_target', `resource must be ${this.identity.resource}`);
    }
    const requested = parseScopes(params['scope']);
    if (requested === undefined) return fail('invalid_scope', 'scope has an unknown or malformed scope');
    // A client that registered a `scope` gets at most that: anything beyond it is dropped rather than
    // refused (RFC 6749 §3.3 lets the server grant less than asked), and asking for nothing in it yields it.
    const allowed = client.scopes;
    const within = allowed
      ? requested.filter((scope) => scope === 'offline_access' || scopesCover(allowed, [scope]))
      : requested;
    return {
      kind: 'valid',
      request: {
        client,
        redirectUri,
        redirectUriSent: sent !== undefined,
        state,
        codeChallenge: challenge,
        resource: this.identity.resource,
        scopes: grantedScopes(within, allowed ?? ['*']),
      },
    };
  }

  errorLocation(redirectUri: string, error: OAuthErrorCode, description: string, state?: string): string {
    return withQuery(redirectUri, {
      error,
      error_description: oauthFailure(error, description).description,
      state,
      iss: this.identity.issuer,
    });
  }
}

/** What the consent page shows about a request. */
export function consentRequestOf(request: AuthorizationRequest): ConsentRequest {
  return {
    clientId: request.client.clientId,
    clientName: request.client.clientName.slice(0, 200),
    redirectUri: request.redirectUri,
    redirectHost: new URL(request.redirectUri).host,
    metadataDocument: request.client.metadataDocument,
    localhostOnly: request.client.redirectUris.every(isLoopbackUri),
    scopes: [...request.scopes],
  };
}

function page(error: OAuthErrorCode, description: string): AuthorizeValidation {
  // Shown as an HTML page, not a token-endpoint answer: 400 even for an unknown client.
  return { kind: 'failure', failure: oauthFailure(error, description, 400) };
}
