import { Type } from '@sinclair/typebox';
import { defineRequest } from '../../operation.js';
import { subject } from '../../subjects.js';
import { OAuthFailureSchema } from './auth-types.js';

/**
 * The registered client as RFC 7591 §3.2.1 returns it: `client_id`, `client_secret` (unless the method is
 * `none`), `client_id_issued_at`, `client_secret_expires_at`, every accepted metadata field,
 * `registration_client_uri` and `registration_access_token` (RFC 7592).
 */
const ClientInformationSchema = Type.Record(Type.String(), Type.Unknown());

/**
 * `<prefix>.v1.auth.client.register` — Dynamic Client Registration (RFC 7591). The front passes the JSON
 * body as it arrived; auth validates it, honours the requested `token_endpoint_auth_method`, and stores
 * the client (its secret only as a hash).
 */
export const AuthClientRegister = defineRequest({
  name: 'auth.client.register',
  subject: (prefix: string, _p: Record<string, never>) => subject(prefix, 'auth', 'client', 'register'),
  request: Type.Object(
    { metadata: Type.Record(Type.String(), Type.Unknown()) },
    { additionalProperties: false },
  ),
  response: Type.Union([
    Type.Object(
      { outcome: Type.Literal('ok'), client: ClientInformationSchema },
      { additionalProperties: false },
    ),
    OAuthFailureSchema,
  ]),
  timeoutMs: 10_000,
});

/**
 * `<prefix>.v1.auth.client.get` — RFC 7592 client read, authorised by the registration access token
 * returned at registration.
 */
export const AuthClientGet = defineRequest({
  name: 'auth.client.get',
  subject: (prefix: string, _p: Record<string, never>) => subject(prefix, 'auth', 'client', 'get'),
  request: Type.Object(
    {
      clientId: Type.String({ minLength: 1, maxLength: 2048 }),
      registrationAccessToken: Type.String({ minLength: 1, maxLength: 512 }),
    },
    { additionalProperties: false },
  ),
  response: Type.Union([
    Type.Object(
      { outcome: Type.Literal('ok'), client: ClientInformationSchema },
      { additionalProperties: false },
    ),
    OAuthFailureSchema,
  ]),
  timeoutMs: 5_000,
});
