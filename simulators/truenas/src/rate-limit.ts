/**
 * Unauthenticated calls per method and client address (`utils/rate_limit/cache.py`): more than `calls`
 * within `periodMs` and the middleware sleeps a random 1–10 s, then answers "Rate Limit Exceeded".
 */
export interface RateLimitOptions {
  readonly calls: number;
  readonly periodMs: number;
  /** The random sleep before the error, `[min, max]` in ms. */
  readonly sleepMs: readonly [number, number];
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { calls: 20, periodMs: 60_000, sleepMs: [1_000, 10_000] };

export class RateLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(private readonly options: RateLimitOptions = DEFAULT_RATE_LIMIT) {}

  /** Records a call; returns how long to sleep before refusing it, or undefined to let it through. */
  hit(method: string, address: string): number | undefined {
    const key = `${method}|${address}`;
    const now = Date.now();
    const recent = (this.hits.get(key) ?? []).filter((t) => now - t < this.options.periodMs);
    recent.push(now);
    this.hits.set(key, recent);
    if (recent.length <= this.options.calls) return undefined;
    const [min, max] = this.options.sleepMs;
    return min + Math.random() * (max - min);
  }
}
