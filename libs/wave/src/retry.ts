import { parseRetryAfter } from '@mcp-gateway/connector-kit';

/**
 * When to try a request to Wave again. Wave answers 429 when rate limited and asks for `Retry-After`;
 * 502/503/504 are transient. oliverames/wave-mcp-server retries both with `min(2^attempt·1000, 8000)` ms
 * and 2 retries (backends.md §4.3); we do the same, preferring Wave's own `Retry-After`.
 */
export interface RetryPolicy {
  /** Retries after the first attempt. */
  readonly maxRetries: number;
  /** Longest single wait we accept; a longer `Retry-After` is handed to the caller instead. */
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxRetries: 2, maxDelayMs: 15_000 };

const TRANSIENT = new Set([502, 503, 504]);

export function isRetryableStatus(status: number): boolean {
  return status === 429 || TRANSIENT.has(status);
}

/** Exponential backoff for attempt 0, 1, 2…: 1 s, 2 s, 4 s, capped at 8 s. */
export function backoffMs(attempt: number): number {
  return Math.min(2 ** attempt * 1000, 8000);
}

/** How long to wait before retry number `attempt` (0-based). */
export function retryDelayMs(attempt: number, retryAfter: string | undefined, now: number): number {
  return parseRetryAfter(retryAfter, now) ?? backoffMs(attempt);
}

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
