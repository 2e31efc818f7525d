import { InvalidArgumentError } from 'commander';

const UNIT_MS = { d: 86_400_000, h: 3_600_000, m: 60_000 } as const;
/** Far enough for any real use, near enough that the expiry is still a valid date. */
const MAX_MS = 100 * 365 * UNIT_MS.d;

/**
 * Reads `--expires`: `<n>d`, `<n>h`, `<n>m` (days, hours, minutes) or `never`. Returns the lifetime in
 * milliseconds, or `null` for a token that never expires.
 */
export function parseExpiry(value: string): number | null {
  const text = value.trim().toLowerCase();
  if (text === 'never') return null;
  const match = /^([1-9][0-9]{0,8})([dhm])$/.exec(text);
  if (!match) {
    throw new InvalidArgumentError('Use <n>d, <n>h or <n>m with a whole number n > 0 (e.g. 90d), or never.');
  }
  const ms = Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
  if (ms > MAX_MS) throw new InvalidArgumentError('That is more than 100 years; use never instead.');
  return ms;
}

/** The expiry instant as the contract spells it, or `null` for never. */
export function expiresAt(lifetimeMs: number | null, now: Date): string | null {
  return lifetimeMs === null ? null : new Date(now.getTime() + lifetimeMs).toISOString();
}
