import { Pool } from 'undici';

export interface Target {
  readonly name: string;
  readonly origin: string;
  readonly path: string;
  readonly method: 'GET' | 'POST';
  readonly headers: Record<string, string>;
  readonly body?: string;
  /** Rejects the response if it is not what a successful call looks like. */
  readonly check: (status: number, body: string) => boolean;
}

export interface Measurement {
  readonly target: string;
  readonly concurrency: number;
  readonly calls: number;
  readonly errors: number;
  readonly seconds: number;
  /** Latencies in milliseconds, sorted. */
  readonly latencies: Float64Array;
}

/**
 * Runs `concurrency` loops issuing back-to-back calls for `seconds`, timing every call with
 * performance.now() (sub-millisecond), on one keep-alive pool per run.
 */
export async function measure(target: Target, concurrency: number, seconds: number): Promise<Measurement> {
  const pool = new Pool(target.origin, { connections: concurrency, pipelining: 1, keepAliveTimeout: 60_000 });
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const loop = async () => {
    while (performance.now() < deadline) {
      const t0 = performance.now();
      try {
        const res = await pool.request({
          method: target.method,
          path: target.path,
          headers: target.headers,
          body: target.body,
        });
        const text = await res.body.text();
        if (target.check(res.statusCode, text)) latencies.push(performance.now() - t0);
        else errors++;
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
  const elapsed = (performance.now() - started) / 1000;
  await pool.close();
  const sorted = Float64Array.from(latencies).sort();
  return {
    target: target.name,
    concurrency,
    calls: latencies.length,
    errors,
    seconds: elapsed,
    latencies: sorted,
  };
}

export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}
