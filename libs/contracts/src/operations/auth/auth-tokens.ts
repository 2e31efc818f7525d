import { Type } from '@sinclair/typebox';
import { defineRequest } from '../../operation.js';
import { subject } from '../../subjects.js';
import { BasicCredentialsSchema, FormParamsSchema, OAuthFailureSchema } from './auth-types.js';

/** The token endpoint's request: the form body, plus HTTP Basic client credentials when presented. */
const TokenEndpointRequestSchema = Type.Object(
  { form: FormParamsSchema, basic: Type.Optional(BasicCredentialsSchema) },
  { additionalProperties: false },
);

/**
 * `<prefix>.v1.auth.token.exchange` — the token endpoint (RFC 6749 §3.2): `authorization_code` with PKCE
 * and `refresh_token` (rotated on every use; a reused one revokes its whole family). Clients authenticate
 * by their registered method (`none`, `client_secret_post`, `client_secret_basic`).
 */
export const AuthTokenExchange = defineRequest({
  name: 'auth.token.exchange',
  subject: (prefix: string, _p: Record<string, never>) => subject(prefix, 'auth', 'token', 'exchange'),
  request: TokenEndpointRequestSchema,
  response: Type.Union([
    Type.Object(
      {
        outcome: Type.Literal('ok'),
        tokens: Type.Object(
          {
            access_token: Type.String(),
            token_type: Type.Literal('Bearer'),
            expires_in: Type.Integer({ minimum: 1 }),
            refresh_token: Type.String(),
            scope: Type.String(),
          },
          { additionalProperties: false },
        ),
      },
      { additionalProperties: false },
    ),
    OAuthFailureSchema,
  ]),
  timeoutMs: 10_000,
});

/**
 * `<prefix>.v1.auth.token.revoke` — token revocation (RFC 7009): a refresh token revokes its family, an
 * access token its `jti`; unknown tokens are not an error. Publishes {@link AuthRevoked}.
 */
export const AuthTokenRevoke = defineRequest({
  name: 'auth.token.revoke',
  subject: (prefix: string, _p: Record<string, never>) => subject(prefix, 'auth', 'token', 'revoke'),
  request: TokenEndpointRequestSchema,
  response: Type.Union([
    Type.Object({ outcome: Type.Literal('ok') }, { additionalProperties: false }),
    OAuthFailureSchema,
  ]),
  timeoutMs: 10_000,
});
