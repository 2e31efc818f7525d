/** A limit: `perMinute` tokens flow into a bucket continuously, and at most `burst` are saved up. */
export interface Rate {
  readonly perMinute: number;
  readonly burst: number;
}

/** The answer to one {@link TokenBuckets.take}: go ahead, or wait `retryAfterMs` for enough tokens. */
export type Take = { readonly ok: true } | { readonly ok: false; readonly retryAfterMs: number };

export interface TokenBucketsOptions {
  /** Keys kept at most; past it the least recently used bucket is forgotten. Default 100,000. */
  readonly maxKeys?: number;
  /** A monotonic clock in milliseconds (tests inject one). */
  readonly now?: () => number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** Buckets looked at for eviction per `take`: more than one, so the map shrinks faster than it grows. */
const SWEEP = 2;

/**
 * Token buckets keyed by a string, refilled continuously (no timers: a bucket's level is computed from the
 * time it was last touched). Written by hand because it is forty lines and because the usual library,
 * rate-limiter-flexible, counts points in fixed windows, which lets a client spend twice the limit across
 * a window edge; a token bucket never lets more than `burst` through at once, nor more than the rate after.
 *
 * Memory stays bounded: a bucket that has refilled to the brim is the same as no bucket, so the least
 * recently used ones are dropped once full (a Map iterates in insertion order, and every `take` moves its
 * key to the end); past `maxKeys` the least recently used is dropped even if not full, which at worst
 * gives that key a fresh, full bucket.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;
  private readonly maxKeys: number;
  private readonly now: () => number;

  constructor(
    readonly rate: Rate,
    options: TokenBucketsOptions = {},
  ) {
    if (!(rate.perMinute > 0) || !(rate.burst >= 1)) {
      throw new RangeError(`a rate needs perMinute > 0 and burst >= 1 (got ${rate.perMinute}/${rate.burst})`);
    }
    this.perMs = rate.perMinute / 60_000;
    this.maxKeys = options.maxKeys ?? 100_000;
    this.now = options.now ?? (() => performance.now());
  }

  /** Takes `cost` tokens from `key`'s bucket if it holds them; a refused take costs nothing. */
  take(key: string, cost = 1): Take {
    if (!(cost > 0 && cost <= this.rate.burst)) {
      throw new RangeError(`cost must be > 0 and at most the burst, ${this.rate.burst} (got ${cost})`);
    }
    const now = this.now();
    const bucket = this.buckets.get(key);
    const tokens = bucket ? this.level(bucket, now) : this.rate.burst;
    if (bucket) this.buckets.delete(key);
    const ok = tokens >= cost;
    this.buckets.set(key, { tokens: ok ? tokens - cost : tokens, at: now });
    this.sweep(now);
    return ok ? { ok: true } : { ok: false, retryAfterMs: Math.ceil((cost - tokens) / this.perMs) };
  }

  /** Keys held right now (for tests and memory checks). */
  get size(): number {
    return this.buckets.size;
  }

  private level(bucket: Bucket, now: number): number {
    return Math.min(this.rate.burst, bucket.tokens + Math.max(0, now - bucket.at) * this.perMs);
  }

  private sweep(now: number): void {
    let looked = 0;
    for (const [key, bucket] of this.buckets) {
      const overCap = this.buckets.size > this.maxKeys;
      if (!overCap && (looked++ >= SWEEP || this.level(bucket, now) < this.rate.burst)) return;
      this.buckets.delete(key);
    }
  }
}
