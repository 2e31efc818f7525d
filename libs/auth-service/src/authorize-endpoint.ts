import type { AuthAuthorizeCheck, AuthAuthorizeDecide, RequestOf, ResponseOf } from '@mcp-gateway/contracts';
import type { AuthorizationCodes } from './authorization-codes.js';
import { consentRequestOf, type AuthorizeRequestValidator } from './authorize-request.js';
import type { CsrfGuard } from './csrf.js';
import type { LoginBackoff } from './login-backoff.js';
import type { OwnerPassword } from './owner-password.js';
import { oauthFailure, withQuery } from './oauth-failure.js';

type CheckResponse = ResponseOf<typeof AuthAuthorizeCheck>;
type DecideRequest = RequestOf<typeof AuthAuthorizeDecide>;
type DecideResponse = ResponseOf<typeof AuthAuthorizeDecide>;

export interface AuthorizeEndpointDeps {
  readonly validator: AuthorizeRequestValidator;
  readonly csrf: CsrfGuard;
  readonly password: OwnerPassword;
  readonly backoff: LoginBackoff;
  readonly codes: AuthorizationCodes;
  readonly issuer: string;
}

/**
 * The authorisation endpoint behind mcp-front's `/oauth/authorize`: `check` validates a request and asks
 * for the consent page; `decide` handles the submitted form — CSRF first, then the whole request again,
 * then the owner's password (with backoff) — and issues a code.
 */
export class AuthorizeEndpoint {
  constructor(private readonly deps: AuthorizeEndpointDeps) {}

  async check(params: RequestOf<typeof AuthAuthorizeCheck>['params']): Promise<CheckResponse> {
    const validation = await this.deps.validator.validate(params);
    switch (validation.kind) {
      case 'failure':
        return validation.failure;
      case 'redirect':
        return { outcome: 'redirect', location: validation.location };
      case 'valid':
        return {
          outcome: 'consent',
          request: consentRequestOf(validation.request),
          csrf: this.deps.csrf.issue(params),
        };
    }
  }

  async decide(decision: DecideRequest): Promise<DecideResponse> {
    const { params } = decision;
    if (!this.deps.csrf.verify(params, decision.csrfNonce, decision.csrfToken)) {
      return oauthFailure(
        'access_denied',
        'the form expired or was not submitted from the consent page',
        403,
      );
    }
    const validation = await this.deps.validator.validate(params);
    if (validation.kind === 'failure') return validation.failure;
    if (validation.kind === 'redirect') return { outcome: 'redirect', location: validation.location };
    const { request } = validation;
    if (decision.decision === 'deny') {
      return {
        outcome: 'redirect',
        location: this.deps.validator.errorLocation(
          request.redirectUri,
          'access_denied',
          'the resource owner denied the request',
          request.state,
        ),
      };
    }
    const retry = (message: string, retryAfterMs?: number): DecideResponse => ({
      outcome: 'retry',
      request: consentRequestOf(request),
      csrf: this.deps.csrf.issue(params),
      message,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
    const remote = decision.remote === '' ? 'unknown' : decision.remote;
    const gate = this.deps.backoff.attempt(remote);
    if (!gate.allowed) {
      const seconds = Math.ceil(gate.retryAfterMs / 1000);
      return retry(
        `Too many wrong passwords. Wait ${seconds} second${seconds === 1 ? '' : 's'}, then try again.`,
        gate.retryAfterMs,
      );
    }
    if (!(await this.deps.password.verify(decision.password))) {
      this.deps.backoff.failed(remote);
      return retry('Wrong password');
    }
    this.deps.backoff.succeeded(remote);
    const code = await this.deps.codes.issue({
      clientId: request.client.clientId,
      redirectUri: request.redirectUri,
      redirectUriSent: request.redirectUriSent,
      codeChallenge: request.codeChallenge,
      resource: request.resource,
      scopes: request.scopes,
    });
    return {
      outcome: 'redirect',
      location: withQuery(request.redirectUri, { code, state: request.state, iss: this.deps.issuer }),
    };
  }
}
