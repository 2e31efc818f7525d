import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import { BusError, type PublicJwk, type ResponseOf, type AuthKeysGet } from '@mcp-gateway/contracts';
import type { AuthStore } from './store.js';
import { randomToken } from './secrets.js';
import { systemClock, type Clock } from './settings.js';

const ALG = 'ES256';
const POINTER = 'key.current';
/** A retired key stays published this long beyond the last token it can have signed. */
const RETIREMENT_MARGIN_MS = 5 * 60_000;
const DAY_MS = 86_400_000;

interface StoredKey {
  readonly kid: string;
  readonly privateJwk: JWK;
  readonly publicJwk: JWK;
  readonly createdAt: string;
  readonly retiredAt: string | null;
}

interface Pointer {
  readonly kid: string;
}

export interface SigningKeysOptions {
  readonly rotationDays: number;
  readonly accessTokenTtlSeconds: number;
  readonly now?: Clock;
}

/** The key new access tokens are signed with. */
export interface SigningKey {
  readonly kid: string;
  readonly key: CryptoKey;
}

/**
 * The ES256 keys access tokens are signed with, shared by every auth replica through KV. `key.current`
 * names the signing key and moves only by compare-and-set, so replicas starting or rotating at once agree
 * on one key (the loser deletes its own and re-reads). A rotated-out key stays published until every token
 * it signed has expired, then it is deleted. Each replica calls {@link SigningKeys.refresh} every minute to pick up another's rotation.
 */
export class SigningKeys {
  private signing: SigningKey | undefined;
  private published: PublicJwk[] = [];
  private verifiers = new Map<string, CryptoKey>();
  private readonly now: Clock;

  constructor(
    private readonly store: AuthStore,
    private readonly options: SigningKeysOptions,
  ) {
    this.now = options.now ?? systemClock;
  }

  /** Creates or rotates the current key when due, prunes expired ones, and loads what to sign and publish. */
  async refresh(): Promise<void> {
    const currentKid = await this.ensureCurrent();
    const keys = await this.loadAll(currentKid);
    const current = keys.find((k) => k.kid === currentKid);
    if (!current) throw new Error('the current signing key vanished while loading');
    const signing: SigningKey = { kid: current.kid, key: await importKey(current.privateJwk) };
    const verifiers = new Map<string, CryptoKey>();
    const published: PublicJwk[] = [];
    for (const stored of keys) {
      // A damaged record (hand-edited, truncated) must not take the whole service down: skip it.
      const key = await importKey(stored.publicJwk).catch(() => undefined);
      if (!key) continue;
      verifiers.set(stored.kid, key);
      published.push(publicJwk(stored));
    }
    this.signing = signing;
    this.verifiers = verifiers;
    this.published = published;
  }

  signingKey(): SigningKey {
    if (!this.signing) throw new BusError('INTERNAL', 'The signing keys are not loaded yet.');
    return this.signing;
  }

  /** A published key by id (the current one or a retired one still within its grace period). */
  verificationKey(kid: string): CryptoKey | undefined {
    return this.verifiers.get(kid);
  }

  jwks(): ResponseOf<typeof AuthKeysGet> {
    return { keys: [...this.published], currentKid: this.signingKey().kid };
  }

  /** Makes `key.current` name a key younger than the rotation period; returns its kid. */
  private async ensureCurrent(): Promise<string> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const pointer = await this.store.get<Pointer>('main', POINTER);
      const current = pointer && (await this.store.get<StoredKey>('main', keyName(pointer.value.kid)));
      if (pointer && current && !this.due(current.value)) return pointer.value.kid;
      const fresh = await this.generate();
      const won = pointer
        ? await this.store.update('main', POINTER, { kid: fresh.kid }, pointer.revision)
        : await this.store.create('main', POINTER, { kid: fresh.kid });
      if (won) {
        if (current) await this.retire(current.value);
        return fresh.kid;
      }
      // Another replica moved the pointer first: use its key, drop ours (it never signed anything).
      await this.store.delete('main', keyName(fresh.kid));
    }
    throw new Error('could not agree on a signing key after 5 attempts');
  }

  private due(key: StoredKey): boolean {
    return this.now().getTime() - Date.parse(key.createdAt) >= this.options.rotationDays * DAY_MS;
  }

  private async generate(): Promise<StoredKey> {
    const { privateKey, publicKey } = await generateKeyPair(ALG, { extractable: true });
    const kid = randomToken(12);
    const stored: StoredKey = {
      kid,
      privateJwk: await exportJWK(privateKey),
      publicJwk: await exportJWK(publicKey),
      createdAt: this.now().toISOString(),
      retiredAt: null,
    };
    await this.store.put('main', keyName(kid), stored);
    return stored;
  }

  private async retire(key: StoredKey): Promise<void> {
    await this.store.put('main', keyName(key.kid), { ...key, retiredAt: this.now().toISOString() });
  }

  /**
   * Every key still worth publishing, current first. A non-current key without `retiredAt` was left by a
   * replica that stopped mid-rotation; it is retired now so that it too is kept for a full token lifetime.
   */
  private async loadAll(currentKid: string): Promise<StoredKey[]> {
    const keep: StoredKey[] = [];
    const graceMs = this.options.accessTokenTtlSeconds * 1000 + RETIREMENT_MARGIN_MS;
    const now = this.now().getTime();
    for (const name of await this.store.keys('main', 'key.*')) {
      if (name === POINTER) continue;
      const stored = await this.store.get<StoredKey>('main', name);
      if (!stored) continue;
      const key = stored.value;
      if (key.kid === currentKid) {
        keep.unshift(key);
      } else if (key.retiredAt === null) {
        await this.retire(key);
        keep.push(key);
      } else if (now > Date.parse(key.retiredAt) + graceMs) {
        await this.store.delete('main', name);
      } else {
        keep.push(key);
      }
    }
    return keep;
  }
}

function keyName(kid: string): string {
  return `key.${kid}`;
}

function publicJwk(key: StoredKey): PublicJwk {
  const { kty, crv, x, y } = key.publicJwk;
  return {
    kty: kty ?? 'EC',
    kid: key.kid,
    alg: ALG,
    use: 'sig',
    ...(crv ? { crv } : {}),
    ...(x ? { x } : {}),
    ...(y ? { y } : {}),
  };
}

async function importKey(jwk: JWK): Promise<CryptoKey> {
  const key = await importJWK(jwk, ALG);
  if (key instanceof Uint8Array) throw new Error('a signing key is not an EC key');
  return key;
}
