import { createHash, randomUUID } from 'node:crypto';

/** Wave ids are opaque base64 of `<Type>:<uuid>` (backends.md §4.2), e.g. `QnVzaW5lc3M6…` for a business. */
export function waveId(type: string, uuid: string = randomUUID()): string {
  return Buffer.from(`${type}:${uuid}`, 'utf8').toString('base64');
}

/** A deterministic uuid from a seed, so demo ids stay the same across restarts. */
export function seededUuid(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function seededId(type: string, seed: string): string {
  return waveId(type, seededUuid(`${type}:${seed}`));
}

/** The type part of an id (`Customer`), or undefined for something that is not a Wave id. */
export function typeOfId(id: string): string | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(id)) return undefined;
  const decoded = Buffer.from(id, 'base64').toString('utf8');
  const m = /^([A-Za-z]+):[0-9a-f-]{36}$/.exec(decoded);
  return m?.[1];
}
