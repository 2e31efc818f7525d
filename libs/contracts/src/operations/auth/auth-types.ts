import { Type, type Static } from '@sinclair/typebox';

/**
 * Shared shapes of the `auth.*` operations. OAuth outcomes (`invalid_grant`, `access_denied`, …) are
 * domain results, not bus failures: a reply carries either `{ outcome: 'ok', … }` or an
 * {@link OAuthFailureSchema}, and the front turns the failure into the HTTP answer RFC 6749 asks for.
 * Bus failures (auth down, a timeout, a malformed message) stay wire errors.
 */

/** The error codes of RFC 6749 §4.1.2.1/§5.2, RFC 7591 §3.2.2, RFC 7009 §2.2.1 and RFC 6750 §3.1. */
export const OAUTH_ERROR_CODES = [
  'invalid_request',
  'invalid_client',
  'invalid_grant',
  'unauthorized_client',
  'unsupported_grant_type',
  'unsupported_response_type',
  'unsupported_token_type',
  'invalid_scope',
  'invalid_target',
  'access_denied',
  'server_error',
  'temporarily_unavailable',
  'invalid_redirect_uri',
  'invalid_client_metadata',
  'invalid_token',
] as const;

export type OAuthErrorCode = (typeof OAUTH_ERROR_CODES)[number];

export const OAuthFailureSchema = Type.Object(
  {
    outcome: Type.Literal('error'),
    error: Type.Union(OAUTH_ERROR_CODES.map((code) => Type.Literal(code))),
    /** Human-readable, safe to show to the client (RFC 6749 `error_description`; no `"` or `\\`). */
    description: Type.String({ maxLength: 500 }),
    /** HTTP status the front answers with: 400, except `invalid_client`/`invalid_token` (401). */
    status: Type.Union([Type.Literal(400), Type.Literal(401), Type.Literal(403), Type.Literal(404)]),
  },
  { additionalProperties: false },
);

export type OAuthFailure = Static<typeof OAuthFailureSchema>;

/** Parameters as they arrived in a query string or an `application/x-www-form-urlencoded` body. */
export const FormParamsSchema = Type.Record(
  Type.String({ maxLength: 100 }),
  Type.String({ maxLength: 8192 }),
);

export type FormParams = Static<typeof FormParamsSchema>;

/** Client credentials presented with HTTP Basic (RFC 6749 §2.3.1), already decoded by the front. */
export const BasicCredentialsSchema = Type.Object(
  { clientId: Type.String({ maxLength: 2048 }), clientSecret: Type.String({ maxLength: 512 }) },
  { additionalProperties: false },
);

/** A scope string: `*`, `<connector>:read`, `<connector>:write` or `offline_access`. */
export const SCOPE_PATTERN = '^(\\*|offline_access|[a-z][a-z0-9-]{0,31}:(read|write))$';

export const ScopeSchema = Type.String({ pattern: SCOPE_PATTERN });

/** A public signing key as a JWK (RFC 7517); only public members are ever sent. */
export const PublicJwkSchema = Type.Object(
  {
    kty: Type.String(),
    kid: Type.String({ minLength: 1, maxLength: 100 }),
    alg: Type.String(),
    use: Type.Literal('sig'),
    crv: Type.Optional(Type.String()),
    x: Type.Optional(Type.String()),
    y: Type.Optional(Type.String()),
    n: Type.Optional(Type.String()),
    e: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

export type PublicJwk = Static<typeof PublicJwkSchema>;

/** Something the fronts must stop accepting before it would expire on its own. */
export const RevocationSchema = Type.Object(
  {
    /**
     * `access-token`: one JWT, by `jti`. `grant`: every access token of one refresh-token family (the
     * JWT's `sid` claim). `api-token`: one API token, by id.
     */
    kind: Type.Union([Type.Literal('access-token'), Type.Literal('grant'), Type.Literal('api-token')]),
    id: Type.String({ minLength: 1, maxLength: 128 }),
    /** After this instant the revoked credential would have expired anyway; fronts may forget it. */
    until: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);

export type Revocation = Static<typeof RevocationSchema>;

/** What `token list` shows about an API token: never the token or its hash. */
export const ApiTokenInfoSchema = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 64 }),
    name: Type.String({ minLength: 1, maxLength: 64 }),
    scopes: Type.Array(ScopeSchema, { minItems: 1, maxItems: 64 }),
    createdAt: Type.String({ format: 'date-time' }),
    lastUsedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    expiresAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  },
  { additionalProperties: false },
);

export type ApiTokenInfo = Static<typeof ApiTokenInfoSchema>;

/** The sha256 of a bearer token, lowercase hex: what crosses the bus instead of the token. */
export const TokenHashSchema = Type.String({ pattern: '^[0-9a-f]{64}$' });

/** CSRF material for the consent form: `nonce` goes into a cookie, `token` into the form. */
export const CsrfSchema = Type.Object(
  {
    nonce: Type.String({ minLength: 16, maxLength: 128 }),
    token: Type.String({ minLength: 16, maxLength: 128 }),
  },
  { additionalProperties: false },
);

/** A validated authorisation request, as the consent page shows it. */
export const ConsentRequestSchema = Type.Object(
  {
    clientId: Type.String({ maxLength: 2048 }),
    clientName: Type.String({ maxLength: 200 }),
    redirectUri: Type.String({ maxLength: 2048 }),
    /** The host the browser will be sent back to; the page shows it prominently. */
    redirectHost: Type.String({ maxLength: 300 }),
    /** True when the client is identified by a metadata document URL (CIMD) rather than registered here. */
    metadataDocument: Type.Boolean(),
    /** True when every redirect URI of the client is a loopback address (a local application). */
    localhostOnly: Type.Boolean(),
    scopes: Type.Array(ScopeSchema, { maxItems: 64 }),
  },
  { additionalProperties: false },
);

export type ConsentRequest = Static<typeof ConsentRequestSchema>;
