import { Type } from '@sinclair/typebox';
import { defineRequest } from '../../operation.js';
import { subject } from '../../subjects.js';
import { ApiTokenInfoSchema, ScopeSchema, TokenHashSchema } from './auth-types.js';

/**
 * `<prefix>.v1.auth.api-token.verify` — is this API token valid? The front sends the token's sha256, never
 * the token. Fronts cache a positive answer briefly and evict it on {@link AuthRevoked}.
 */
export const AuthApiTokenVerify = defineRequest({
  name: 'auth.api-token.verify',
  subject: (prefix: string, _p: Record<string, never>) => subject(prefix, 'auth', 'api-token', 'verify'),
  request: Type.Object({ tokenHash: TokenHashSchema }, { additionalProperties: false }),
  response: Type.Union([
    Type.Object({ outcome: Type.Literal('ok'), token: ApiTokenInfoSchema }, { additionalProperties: false }),
    Type.Object(
      { outcome: Type.Literal('invalid'), reason: Type.String({ maxLength: 200 }) },
      { additionalProperties: false },
    ),
  ]),
  timeoutMs: 5_000,
});

/**
 * `<prefix>.v1.auth.api-token.create` — store a new API token. The caller (the admin CLI) generates the
 * token and sends only its sha256, so the token itself never crosses the bus or reaches storage.
 * Fails with `CONFLICT` when an active token already has the name.
 */
export const AuthApiTokenCreate = defineRequest({
  name: 'auth.api-token.create',
  subject: (prefix: string, _p: Record<string, never>) => subject(prefix, 'auth', 'api-token', 'create'),
  request: Type.Object(
    {
      name: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$' }),
      scopes: Type.Array(ScopeSchema, { minItems: 1, maxItems: 64 }),
      tokenHash: TokenHashSchema,
      expiresAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    },
    { additionalProperties: false },
  ),
  response: ApiTokenInfoSchema,
  timeoutMs: 5_000,
});

/** `<prefix>.v1.auth.api-token.list` — every API token that is not revoked (expired ones included). */
export const AuthApiTokenList = defineRequest({
  name: 'auth.api-token.list',
  subject: (prefix: string, _p: Record<string, never>) => subject(prefix, 'auth', 'api-token', 'list'),
  request: Type.Object({}, { additionalProperties: false }),
  response: Type.Object(
    { tokens: Type.Array(ApiTokenInfoSchema, { maxItems: 10_000 }) },
    { additionalProperties: false },
  ),
  timeoutMs: 5_000,
});

/**
 * `<prefix>.v1.auth.api-token.revoke` — revoke by id or by name; publishes {@link AuthRevoked}. Fails with
 * `NOT_FOUND` when nothing matches.
 */
export const AuthApiTokenRevoke = defineRequest({
  name: 'auth.api-token.revoke',
  subject: (prefix: string, _p: Record<string, never>) => subject(prefix, 'auth', 'api-token', 'revoke'),
  request: Type.Object(
    { ref: Type.String({ minLength: 1, maxLength: 64 }) },
    { additionalProperties: false },
  ),
  response: Type.Object({ id: Type.String(), name: Type.String() }, { additionalProperties: false }),
  timeoutMs: 5_000,
});
