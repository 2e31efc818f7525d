import type { IncomingMessage, ServerResponse } from 'node:http';
import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import passport from 'passport';
import { Strategy } from 'passport-custom';
import { Authenticator } from './authenticator.js';
import type { AuthOutcome, TokenPrincipal } from './principal.js';
import { bearerToken } from './static-tokens.js';

/** The passport strategy name both fronts authenticate with. */
export const GATEWAY_BEARER = 'gateway-bearer';

/** Why a request was not authenticated; carried by the strategy's error to whoever answers the client. */
export type BearerFailure =
  { readonly reason: 'missing'; readonly description: string } | Exclude<AuthOutcome, { ok: true }>;

export class BearerAuthError extends Error {
  constructor(readonly failure: BearerFailure) {
    super(failure.description);
    this.name = 'BearerAuthError';
  }
}

/**
 * The gateway's passport strategy: the token comes only from the `Authorization: Bearer` header (never the
 * query string or the body, which RFC 6750 allows but MCP forbids), and is checked by the
 * {@link Authenticator}. Registered with passport under {@link GATEWAY_BEARER} when Nest instantiates it;
 * Nest routes use `AuthGuard(GATEWAY_BEARER)`, the `/mcp` fast path {@link authenticateRequest}.
 */
@Injectable()
export class GatewayBearerStrategy extends PassportStrategy(Strategy, GATEWAY_BEARER) {
  constructor(private readonly authenticator: Authenticator) {
    super();
  }

  async validate(req: IncomingMessage): Promise<TokenPrincipal> {
    const header = req.headers.authorization;
    const token = bearerToken(header);
    if (token === undefined) {
      throw new BearerAuthError(
        header
          ? { ok: false, reason: 'invalid', description: 'The Authorization header is not a bearer token.' }
          : { reason: 'missing', description: 'A bearer token is required.' },
      );
    }
    const outcome = await this.authenticator.authenticate(token, req);
    if (!outcome.ok) throw new BearerAuthError(outcome);
    return outcome.principal;
  }
}

/**
 * Runs the {@link GATEWAY_BEARER} strategy on a plain Node request (the `/mcp` fast path bypasses Nest's
 * router): resolves with the principal, or with the failure to answer.
 */
export function authenticateRequest(
  req: IncomingMessage,
  res: ServerResponse,
): Promise<{ ok: true; principal: TokenPrincipal } | { ok: false; failure: BearerFailure }> {
  return new Promise((resolve, reject) => {
    const middleware = passport.authenticate(
      GATEWAY_BEARER,
      { session: false },
      (error: unknown, user: TokenPrincipal | false | null) => {
        if (error instanceof BearerAuthError) resolve({ ok: false, failure: error.failure });
        else if (error)
          reject(error instanceof Error ? error : new Error('passport failed without an Error'));
        else if (user) resolve({ ok: true, principal: user });
        else
          resolve({ ok: false, failure: { reason: 'missing', description: 'A bearer token is required.' } });
      },
    ) as (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;
    middleware(req, res, (error?: unknown) =>
      reject(error instanceof Error ? error : new Error('passport failed without an Error')),
    );
  });
}
