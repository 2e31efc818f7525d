import { randomBytes } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A ULID (what HA uses for `context.id`, conversation ids and todo uids since 2023). */
export function ulid(ms: number = Date.now()): string {
  let time = '';
  let t = ms;
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD.charAt(t % 32) + time;
    t = Math.floor(t / 32);
  }
  const bytes = randomBytes(16);
  let rand = '';
  for (let i = 0; i < 16; i++) rand += CROCKFORD.charAt((bytes[i] ?? 0) % 32);
  return time + rand;
}

/**
 * Stable 32-hex id derived from a seed string (FNV-1a, widened), so registry ids are the same on every
 * start and connector examples can hard-code them. HA's own are `uuid4().hex`, which look alike.
 */
export function stableHexId(seed: string): string {
  let out = '';
  for (let round = 0; round < 4; round++) {
    let h = 0x811c9dc5 ^ round;
    for (let i = 0; i < seed.length; i++) {
      h ^= seed.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    out += h.toString(16).padStart(8, '0');
  }
  return out;
}

/** A ULID-shaped id that is stable for a seed (config entry ids are ULIDs in current HA). */
export function stableUlid(seed: string): string {
  const hex = stableHexId(seed) + stableHexId(`${seed}#`);
  let out = '01JHQ';
  for (let i = 0; out.length < 26; i += 2) out += CROCKFORD.charAt(parseInt(hex.slice(i, i + 2), 16) % 32);
  return out;
}
