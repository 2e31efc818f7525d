import type { EnvReader } from '@mcp-gateway/config';

/** The audit stream's retention: records go when they are older than `maxAgeMs` or the stream is full. */
export interface AuditSettings {
  /** `AUDIT_MAX_AGE`: how long records are kept. */
  readonly maxAgeMs: number;
  /** `AUDIT_MAX_BYTES`: the stream's size; the oldest records go first. JetStream reserves this much. */
  readonly maxBytes: number;
  /** `AUDIT_REPLICAS`: JetStream replicas (1 on a single server, 3 in a NATS cluster). */
  readonly replicas: number;
}

const SECOND = 1_000;
const DAY = 86_400 * SECOND;
const MIB = 1024 ** 2;

export const DEFAULT_AUDIT_SETTINGS: AuditSettings = {
  maxAgeMs: 90 * DAY,
  maxBytes: 1024 * MIB,
  replicas: 1,
};

const MIN_AGE_MS = 60 * SECOND;
const MAX_AGE_MS = 100 * 365 * DAY;
const MIN_BYTES = MIB;

/** Reads `AUDIT_MAX_AGE`, `AUDIT_MAX_BYTES` and `AUDIT_REPLICAS`; problems are reported by `env.done()`. */
export function readAuditSettings(env: EnvReader): AuditSettings {
  const age = env.raw('AUDIT_MAX_AGE');
  const maxAgeMs = age === undefined ? DEFAULT_AUDIT_SETTINGS.maxAgeMs : parseDuration(age);
  env.check(
    maxAgeMs !== undefined && maxAgeMs >= MIN_AGE_MS && maxAgeMs <= MAX_AGE_MS,
    `AUDIT_MAX_AGE must be <n>d, <n>h, <n>m or <n>s, from 1m to 100 years (got "${age ?? ''}")`,
  );
  const bytes = env.raw('AUDIT_MAX_BYTES');
  const maxBytes = bytes === undefined ? DEFAULT_AUDIT_SETTINGS.maxBytes : parseSize(bytes);
  env.check(
    maxBytes !== undefined && maxBytes >= MIN_BYTES,
    `AUDIT_MAX_BYTES must be bytes, or <n>KiB, <n>MiB, <n>GiB or <n>TiB, at least 1MiB (got "${bytes ?? ''}")`,
  );
  return {
    maxAgeMs: maxAgeMs ?? DEFAULT_AUDIT_SETTINGS.maxAgeMs,
    maxBytes: maxBytes ?? DEFAULT_AUDIT_SETTINGS.maxBytes,
    replicas: env.int('AUDIT_REPLICAS', DEFAULT_AUDIT_SETTINGS.replicas, { min: 1, max: 5 }),
  };
}

const DURATION_UNITS: Readonly<Record<string, number>> = {
  d: DAY,
  h: 3_600 * SECOND,
  m: 60 * SECOND,
  s: SECOND,
};

/** `90d`, `12h`, `30m`, `45s` → milliseconds; `undefined` when it is not one of those. */
export function parseDuration(text: string): number | undefined {
  const match = /^([0-9]{1,9})\s*([dhms])$/i.exec(text.trim());
  const unit = DURATION_UNITS[match?.[2]?.toLowerCase() ?? ''];
  return match && unit !== undefined ? Number(match[1]) * unit : undefined;
}

const SIZE_UNITS: Readonly<Record<string, number>> = {
  '': 1,
  k: 1024,
  ki: 1024,
  kib: 1024,
  m: MIB,
  mi: MIB,
  mib: MIB,
  g: 1024 * MIB,
  gi: 1024 * MIB,
  gib: 1024 * MIB,
  t: 1024 ** 2 * MIB,
  ti: 1024 ** 2 * MIB,
  tib: 1024 ** 2 * MIB,
};

/** `1073741824`, `512MiB`, `1GiB`, `1G` (units are binary) → bytes; `undefined` when unreadable. */
export function parseSize(text: string): number | undefined {
  const match = /^([0-9]{1,15})\s*([a-z]*)$/i.exec(text.trim());
  const unit = SIZE_UNITS[match?.[2]?.toLowerCase() ?? 'x'];
  if (!match || unit === undefined) return undefined;
  const bytes = Number(match[1]) * unit;
  return Number.isSafeInteger(bytes) ? bytes : undefined;
}
