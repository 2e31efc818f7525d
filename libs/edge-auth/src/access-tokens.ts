import { errors, jwtVerify, type JWTPayload } from 'jose';
import type { AuthKeys } from './auth-keys.js';
import { invalid, type AuthOutcome, type RevocationFeed } from './principal.js';

export interface AccessTokenAudience {
  /** The `iss` every token must carry: `PUBLIC_URL` without a trailing slash. */
  readonly issuer: string;
  /** The `aud` every token must carry: `PUBLIC_URL/mcp` (one trailing slash tolerated). */
  readonly resource: string;
}

/** Tokens are short-lived, so a little clock skew between machines is all that is tolerated. */
const CLOCK_TOLERANCE_S = 30;

/**
 * Verifies OAuth access tokens locally: an RFC 9068 JWT signed by the auth service (ES256, a key from
 * {@link AuthKeys}), issued by this gateway for this resource, not expired, and not revoked (by `jti`, or
 * its whole grant by `sid`). A token for another audience is refused: tokens are never passed through.
 */
export class AccessTokens {
  private readonly audiences: string[];

  constructor(
    private readonly keys: Pick<AuthKeys, 'resolve'>,
    private readonly revocations: RevocationFeed,
    private readonly audience: AccessTokenAudience,
  ) {
    this.audiences = [audience.resource, `${audience.resource}/`];
  }

  async verify(token: string): Promise<AuthOutcome> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.keys.resolve, {
        algorithms: ['ES256'],
        typ: 'at+jwt',
        issuer: this.audience.issuer,
        audience: this.audiences,
        requiredClaims: ['exp', 'iat', 'jti', 'sub', 'client_id', 'scope'],
        clockTolerance: CLOCK_TOLERANCE_S,
      }));
    } catch (error) {
      return failure(error);
    }
    const { jti, sid, sub } = payload;
    const clientId = payload['client_id'];
    const scope = payload['scope'];
    // jose checks that these claims are present, not their type; a principal's fields are strings.
    if (
      typeof clientId !== 'string' ||
      typeof scope !== 'string' ||
      typeof jti !== 'string' ||
      typeof sub !== 'string' ||
      !jti ||
      !sub ||
      (sid !== undefined && typeof sid !== 'string')
    ) {
      return invalid('The access token is missing required claims.');
    }
    if (
      this.revocations.isRevoked('access-token', jti) ||
      (typeof sid === 'string' && this.revocations.isRevoked('grant', sid))
    ) {
      return invalid('The access token has been revoked.');
    }
    const scopes = new Set(scope.split(' ').filter((s) => s !== '' && s !== 'offline_access'));
    return { ok: true, principal: { subject: sub, scopes, clientId, kind: 'oauth' } };
  }
}

function failure(error: unknown): AuthOutcome {
  if (error instanceof errors.JWTExpired) return invalid('The access token has expired.');
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') return invalid('The access token was not issued for this resource.');
    if (error.claim === 'iss') return invalid('The access token was not issued by this gateway.');
    return invalid(`The access token's ${error.claim} claim is not acceptable.`);
  }
  if (error instanceof errors.JWKSNoMatchingKey)
    return invalid('The access token is signed with an unknown key.');
  if (error instanceof errors.JOSEError) return invalid('The access token is not valid.');
  // The key fetch itself failed (auth unreachable while a new key id appeared).
  return {
    ok: false,
    reason: 'unavailable',
    description: 'The token could not be verified right now; try again shortly.',
  };
}
