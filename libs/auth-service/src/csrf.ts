import { createHmac } from 'node:crypto';
import type { FormParams } from '@mcp-gateway/contracts';
import type { AuthStore } from './store.js';
import { constantTimeEqual, randomToken } from './secrets.js';

const KEY = 'csrf.key';

/** The authorisation parameters a consent decision is bound to. */
const BOUND_PARAMS = [
  'client_id',
  'redirect_uri',
  'code_challenge',
  'code_challenge_method',
  'resource',
  'scope',
  'state',
  'response_type',
] as const;

export interface CsrfMaterial {
  /** Goes into a cookie. */
  readonly nonce: string;
  /** Goes into the form. */
  readonly token: string;
}

/**
 * Double-submit CSRF protection for the consent form, stateless across replicas: the token is an HMAC of
 * a random nonce (kept in a cookie) and the request parameters, under a key every replica shares through
 * KV. A forged form lacks the cookie; a replayed one cannot change the parameters it approves.
 */
export class CsrfGuard {
  private constructor(private readonly key: Buffer) {}

  /** Loads the shared key, creating it once (by compare-and-set, so concurrent replicas agree). */
  static async open(store: AuthStore): Promise<CsrfGuard> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const existing = await store.get<{ key: string }>('main', KEY);
      if (existing) return new CsrfGuard(Buffer.from(existing.value.key, 'base64url'));
      await store.create('main', KEY, { key: randomToken(32) });
    }
    throw new Error('could not read or create the CSRF key');
  }

  issue(params: FormParams): CsrfMaterial {
    const nonce = randomToken(32);
    return { nonce, token: this.mac(nonce, params) };
  }

  verify(params: FormParams, nonce: string, token: string): boolean {
    if (nonce.length < 16 || token.length < 16) return false;
    return constantTimeEqual(this.mac(nonce, params), token);
  }

  private mac(nonce: string, params: FormParams): string {
    const bound = BOUND_PARAMS.map((name) => [name, params[name] ?? null]);
    return createHmac('sha256', this.key)
      .update(JSON.stringify([nonce, bound]))
      .digest('base64url');
  }
}
