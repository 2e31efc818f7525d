import { createHash, randomBytes } from 'node:crypto';

export interface GeneratedToken {
  /** 48 random bytes as base64url: exactly 64 URL-safe characters. Shown once, never sent anywhere. */
  readonly token: string;
  /** Its lowercase hex sha256: the only form that crosses the bus and is stored. */
  readonly tokenHash: string;
}

export function generateApiToken(): GeneratedToken {
  const token = randomBytes(48).toString('base64url');
  return { token, tokenHash: createHash('sha256').update(token, 'utf8').digest('hex') };
}
