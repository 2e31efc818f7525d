/** Who is calling, as established from a bearer token at the edge. */
export interface TokenPrincipal {
  readonly subject: string;
  readonly scopes: ReadonlySet<string>;
  /** The OAuth client the token was issued to (OAuth access tokens only). */
  readonly clientId?: string;
  /** Which kind of credential it was: an `ACCESS_TOKENS` entry, an OAuth access token, an API token. */
  readonly kind: 'static' | 'oauth' | 'api-token';
  /** The API token's id (`tok_…`), for API tokens; the audit log records it. */
  readonly tokenId?: string;
  /** The API token's name, for API tokens. */
  readonly tokenName?: string;
}

/** The outcome of authenticating one bearer token. */
export type AuthOutcome =
  | { readonly ok: true; readonly principal: TokenPrincipal }
  /** The token is not valid: answer 401 with `error="invalid_token"`. */
  | { readonly ok: false; readonly reason: 'invalid'; readonly description: string }
  /** The token could not be checked right now (auth unreachable): answer 503, the client keeps its token. */
  | { readonly ok: false; readonly reason: 'unavailable'; readonly description: string };

export function invalid(description: string): AuthOutcome {
  return { ok: false, reason: 'invalid', description };
}

/** What verifiers need of the revocation list (an interface so tests can stand in for it). */
export interface RevocationFeed {
  isRevoked(kind: 'access-token' | 'grant' | 'api-token', id: string): boolean;
  onRevoked(listener: (revocation: { kind: string; id: string }) => void): () => void;
}
