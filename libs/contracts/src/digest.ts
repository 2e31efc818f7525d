import { createHash } from 'node:crypto';

/** JSON with object keys sorted, so equal values always serialise, and hash, the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const sorted: Record<string, unknown> = {};
      for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
      return sorted;
    }
    return v;
  });
}

/** sha256 (hex, first 32 chars) of the canonical JSON of a tool list: the announced `toolsDigest`. */
export function toolsDigest(tools: readonly unknown[]): string {
  return createHash('sha256').update(canonicalJson(tools)).digest('hex').slice(0, 32);
}
