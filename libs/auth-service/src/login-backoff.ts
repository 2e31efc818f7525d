import { systemClock, type Clock } from './settings.js';

export interface BackoffLimits {
  /** Longest wait imposed on one address. */
  readonly maxDelayMs: number;
  /** Failures from anywhere within {@link windowMs} beyond which every attempt is spaced out. */
  readonly globalFailures: number;
  readonly windowMs: number;
  /** Spacing between attempts while the global limit is exceeded. */
  readonly globalDelayMs: number;
  /** An address with no failure for this long starts afresh. */
  readonly forgetAfterMs: number;
}

export const DEFAULT_BACKOFF_LIMITS: BackoffLimits = {
  maxDelayMs: 300_000,
  globalFailures: 30,
  windowMs: 600_000,
  globalDelayMs: 5_000,
  forgetAfterMs: 3_600_000,
};

export type BackoffDecision =
  { readonly allowed: true } | { readonly allowed: false; readonly retryAfterMs: number };

interface AddressState {
  failures: number;
  lastFailureAt: number;
}

/**
 * Slows down password guessing on the consent page. After n consecutive failures from one address the
 * next attempt waits 2^(n-1) s (at most 5 min); past a global failure rate every attempt from anywhere is
 * spaced out, so rotating addresses does not help.
 *
 * State lives in memory per auth replica: with k replicas an attacker gets at most k times the rate,
 * which the exponential delay keeps negligible, and a restart forgetting it is acceptable.
 */
export class LoginBackoff {
  private readonly addresses = new Map<string, AddressState>();
  private globalFailureTimes: number[] = [];
  private lastThrottledAttemptAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly now: Clock = systemClock,
    private readonly limits: BackoffLimits = DEFAULT_BACKOFF_LIMITS,
  ) {}

  /** Call before checking a password; an allowed attempt counts against the global spacing. */
  attempt(remote: string): BackoffDecision {
    const now = this.now().getTime();
    const state = this.state(remote, now);
    if (state) {
      const delay = Math.min(2 ** (state.failures - 1) * 1000, this.limits.maxDelayMs);
      const readyAt = state.lastFailureAt + delay;
      if (now < readyAt) return { allowed: false, retryAfterMs: readyAt - now };
    }
    if (this.recentGlobalFailures(now) > this.limits.globalFailures) {
      const readyAt = this.lastThrottledAttemptAt + this.limits.globalDelayMs;
      if (now < readyAt) return { allowed: false, retryAfterMs: readyAt - now };
      this.lastThrottledAttemptAt = now;
    }
    return { allowed: true };
  }

  failed(remote: string): void {
    const now = this.now().getTime();
    const state = this.state(remote, now);
    this.addresses.set(remote, { failures: (state?.failures ?? 0) + 1, lastFailureAt: now });
    this.globalFailureTimes.push(now);
    if (this.addresses.size > 10_000) this.forgetStale(now);
  }

  succeeded(remote: string): void {
    this.addresses.delete(remote);
  }

  private state(remote: string, now: number): AddressState | undefined {
    const state = this.addresses.get(remote);
    if (state && now - state.lastFailureAt > this.limits.forgetAfterMs) {
      this.addresses.delete(remote);
      return undefined;
    }
    return state;
  }

  private recentGlobalFailures(now: number): number {
    const since = now - this.limits.windowMs;
    if (this.globalFailureTimes.length > 0 && (this.globalFailureTimes[0] ?? now) < since) {
      this.globalFailureTimes = this.globalFailureTimes.filter((t) => t >= since);
    }
    return this.globalFailureTimes.length;
  }

  private forgetStale(now: number): void {
    for (const [remote, state] of this.addresses) {
      if (now - state.lastFailureAt > this.limits.forgetAfterMs) this.addresses.delete(remote);
    }
  }
}
