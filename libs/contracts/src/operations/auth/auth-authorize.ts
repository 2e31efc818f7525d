import { Type } from '@sinclair/typebox';
import { defineRequest } from '../../operation.js';
import { subject } from '../../subjects.js';
import { ConsentRequestSchema, CsrfSchema, FormParamsSchema, OAuthFailureSchema } from './auth-types.js';

/** Send the browser to `location` (a redirect to the client, with `code` or `error`, `state` and `iss`). */
const RedirectSchema = Type.Object(
  { outcome: Type.Literal('redirect'), location: Type.String({ maxLength: 8192 }) },
  { additionalProperties: false },
);

/** Show the login and consent page for this request, with this CSRF material. */
const ConsentSchema = Type.Object(
  { outcome: Type.Literal('consent'), request: ConsentRequestSchema, csrf: CsrfSchema },
  { additionalProperties: false },
);

/**
 * `<prefix>.v1.auth.authorize.check` — validate an authorisation request (RFC 6749 §4.1.1 with PKCE,
 * RFC 8707 `resource`): the client (registered, or a metadata document URL fetched safely), the exact
 * redirect URI, `code_challenge_method=S256`, the resource and the scopes.
 *
 * Answers `consent` (show the page), `redirect` (an error the client must hear about, once the redirect
 * URI is trusted), or an {@link OAuthFailureSchema} to show on the page itself (unknown client or
 * redirect URI: never redirect to an unverified address).
 */
export const AuthAuthorizeCheck = defineRequest({
  name: 'auth.authorize.check',
  subject: (prefix: string, _p: Record<string, never>) => subject(prefix, 'auth', 'authorize', 'check'),
  request: Type.Object({ params: FormParamsSchema }, { additionalProperties: false }),
  response: Type.Union([ConsentSchema, RedirectSchema, OAuthFailureSchema]),
  timeoutMs: 15_000,
});

/**
 * `<prefix>.v1.auth.authorize.decide` — the resource owner submitted the consent form. Auth re-validates
 * the request, checks the CSRF token against the cookie nonce, then the owner's password (with backoff
 * after failures, keyed by `remote`), and on approval issues a single-use authorisation code.
 *
 * Answers `redirect` (approved: `code`; denied: `access_denied`), `retry` (wrong password or backing off:
 * show the page again with a message and fresh CSRF material), or an {@link OAuthFailureSchema} (CSRF
 * failure, or a request that is no longer valid).
 */
export const AuthAuthorizeDecide = defineRequest({
  name: 'auth.authorize.decide',
  subject: (prefix: string, _p: Record<string, never>) => subject(prefix, 'auth', 'authorize', 'decide'),
  request: Type.Object(
    {
      /** The authorisation request parameters, as carried in the form's hidden fields. */
      params: FormParamsSchema,
      decision: Type.Union([Type.Literal('approve'), Type.Literal('deny')]),
      password: Type.String({ maxLength: 1024 }),
      /** The token from the form and the nonce from the cookie (empty when the cookie is missing). */
      csrfToken: Type.String({ maxLength: 256 }),
      csrfNonce: Type.String({ maxLength: 256 }),
      /** The client address the front saw, for login backoff. */
      remote: Type.String({ maxLength: 100 }),
    },
    { additionalProperties: false },
  ),
  response: Type.Union([
    RedirectSchema,
    Type.Object(
      {
        outcome: Type.Literal('retry'),
        request: ConsentRequestSchema,
        csrf: CsrfSchema,
        message: Type.String({ maxLength: 300 }),
        retryAfterMs: Type.Optional(Type.Integer({ minimum: 0 })),
      },
      { additionalProperties: false },
    ),
    OAuthFailureSchema,
  ]),
  timeoutMs: 15_000,
});
