import { createHash, timingSafeEqual } from 'node:crypto';

export interface TokenPrincipal {
  readonly subject: string;
  readonly scopes: ReadonlySet<string>;
}

const ALL_SCOPES: ReadonlySet<string> = new Set(['*']);

/**
 * The `ACCESS_TOKENS` compatibility tokens (scope `*`). Only their sha256 digests are kept; a presented
 * token is hashed and compared against every digest in constant time, so neither the match nor its
 * position leaks through timing.
 */
export class StaticTokens {
  private readonly digests: readonly Buffer[];

  constructor(tokens: readonly string[]) {
    this.digests = tokens.map(digest);
  }

  get size(): number {
    return this.digests.length;
  }

  verify(token: string): TokenPrincipal | undefined {
    const presented = digest(token);
    let matched = -1;
    this.digests.forEach((known, index) => {
      if (timingSafeEqual(known, presented) && matched === -1) matched = index;
    });
    return matched === -1 ? undefined : { subject: `access-token-${matched + 1}`, scopes: ALL_SCOPES };
  }
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** Extracts the token of an `Authorization: Bearer <token>` header (RFC 6750 §2.1); undefined otherwise. */
export function bearerToken(authorization: string | undefined): string | undefined {
  if (!authorization) return undefined;
  const match = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i.exec(authorization);
  return match?.[1];
}
