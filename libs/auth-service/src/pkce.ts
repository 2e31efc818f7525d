import { createHash } from 'node:crypto';
import { constantTimeEqual } from './secrets.js';

/** RFC 7636 §4.1/§4.2: 43–128 characters of the unreserved set. */
const PKCE_STRING = /^[A-Za-z0-9\-._~]{43,128}$/;

export function isPkceString(value: string | undefined): value is string {
  return value !== undefined && PKCE_STRING.test(value);
}

/** RFC 7636 §4.6 with S256: BASE64URL(SHA256(code_verifier)) == code_challenge. */
export function pkceMatches(verifier: string | undefined, challenge: string): boolean {
  if (!isPkceString(verifier)) return false;
  const computed = createHash('sha256').update(verifier, 'ascii').digest('base64url');
  return constantTimeEqual(computed, challenge);
}
