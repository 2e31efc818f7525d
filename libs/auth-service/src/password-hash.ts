import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** scrypt cost parameters; N must be a power of two. */
export interface ScryptCost {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/** OWASP's scrypt recommendation (2^15, 8, 1): about 50–100 ms and 32 MiB per hash. */
export const DEFAULT_SCRYPT_COST: ScryptCost = { N: 2 ** 15, r: 8, p: 1 };

const KEY_LENGTH = 32;
const SALT_LENGTH = 16;
/** The largest cost a stored hash may name, so a tampered record cannot make verification eat the host. */
const MAX_N = 2 ** 20;

/**
 * A slow, salted password hash in a self-describing string: `scrypt$<N>$<r>$<p>$<salt>$<hash>` (base64url).
 * Verification reads the cost from the string, so raising the cost later does not break stored hashes.
 */
export class PasswordHasher {
  constructor(private readonly cost: ScryptCost = DEFAULT_SCRYPT_COST) {}

  async hash(password: string): Promise<string> {
    const salt = randomBytes(SALT_LENGTH);
    const derived = await derive(password, salt, KEY_LENGTH, this.cost);
    const { N, r, p } = this.cost;
    return `scrypt$${N}$${r}$${p}$${salt.toString('base64url')}$${derived.toString('base64url')}`;
  }

  /** False for a wrong password and for a string that is not a hash this class wrote. */
  async verify(password: string, encoded: string): Promise<boolean> {
    const parsed = parse(encoded);
    if (!parsed) return false;
    const derived = await derive(password, parsed.salt, parsed.hash.length, parsed.cost);
    return timingSafeEqual(derived, parsed.hash);
  }
}

function derive(password: string, salt: Buffer, length: number, cost: ScryptCost): Promise<Buffer> {
  // scrypt needs 128·N·r bytes; Node refuses anything above maxmem (32 MiB by default), which N=2^15, r=8
  // reaches exactly, so allow twice that.
  const options: ScryptOptions = { N: cost.N, r: cost.r, p: cost.p, maxmem: 256 * cost.N * cost.r };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, length, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

function parse(encoded: string): { cost: ScryptCost; salt: Buffer; hash: Buffer } | undefined {
  const parts = encoded.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return undefined;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  const salt = Buffer.from(parts[4] ?? '', 'base64url');
  const hash = Buffer.from(parts[5] ?? '', 'base64url');
  const validN = N !== undefined && Number.isInteger(N) && N >= 2 && N <= MAX_N && (N & (N - 1)) === 0;
  const small = (v: number | undefined): v is number =>
    v !== undefined && Number.isInteger(v) && v >= 1 && v <= 16;
  if (!validN || !small(r) || !small(p) || salt.length < 8 || hash.length < 16) return undefined;
  return { cost: { N, r, p }, salt, hash };
}
