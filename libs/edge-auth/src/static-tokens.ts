import { createHash, timingSafeEqual } from 'node:crypto';
import type { TokenPrincipal } from './principal.js';

const ALL_SCOPES: ReadonlySet<string> = new Set(['*']);

/**
 * The `ACCESS_TOKENS` compatibility tokens (scope `*`). Only their sha256 digests are kept; a presented
 * token is hashed and compared against every digest in constant time, so neither the match nor its
 * position leaks through timing.
 */
export class StaticTokens {
  private readonly digests: readonly Buffer[];

  constructor(tokens: readonly string[]) {
    this.digests = tokens.map(sha256);
  }

  get size(): number {
    return this.digests.length;
  }

  verify(token: string): TokenPrincipal | undefined {
    if (this.digests.length === 0) return undefined;
    const presented = sha256(token);
    let matched = -1;
    this.digests.forEach((known, index) => {
      if (timingSafeEqual(known, presented) && matched === -1) matched = index;
    });
    return matched === -1
      ? undefined
      : { subject: `access-token-${matched + 1}`, scopes: ALL_SCOPES, kind: 'static' };
  }
}

function sha256(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** The lowercase hex sha256 of a token: what identifies an API token on the bus and in caches. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Extracts the token of an `Authorization: Bearer <token>` header (RFC 6750 §2.1); undefined otherwise. */
export function bearerToken(authorization: string | undefined): string | undefined {
  if (!authorization) return undefined;
  const match = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i.exec(authorization);
  return match?.[1];
}
