import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Lowercase hex sha256: how every bearer secret and user-supplied KV key is stored. */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/** `bytes` random bytes as base64url: codes, refresh tokens, client ids and secrets. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/**
 * Compares two strings without leaking where they differ. Both sides are hashed first so the comparison
 * takes the same time whatever their lengths.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = createHash('sha256').update(a, 'utf8').digest();
  const right = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(left, right);
}
