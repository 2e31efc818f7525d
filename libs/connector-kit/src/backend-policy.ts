import {
  BrokenCircuitError,
  BulkheadRejectedError,
  CircuitState,
  DelegateBackoff,
  ExponentialBackoff,
  TaskCancelledError,
  TimeoutStrategy,
  bulkhead,
  circuitBreaker,
  handleWhen,
  retry,
  timeout,
  type BulkheadPolicy,
  type CircuitBreakerPolicy,
  type IBackoff,
  type RetryPolicy,
} from 'cockatiel';
import { BusError } from '@mcp-gateway/contracts';
import type { Metrics } from '@mcp-gateway/observability';
import {
  CallEnded,
  describeFailure,
  isBackendFailure,
  isTransient,
  retryAfterOf,
} from './backend-failures.js';
import { currentCallScope, withCallScope } from './call-scope.js';
import { OncePerCallBreaker } from './once-per-call-breaker.js';

/** The knobs an operator sets per backend (`<NAME>_MAX_CONCURRENCY`, … in the README). */
export interface BackendPolicySettings {
  /** Requests in flight to the backend at once. */
  readonly maxConcurrency: number;
  /** Requests waiting for a slot; beyond this they are refused at once. */
  readonly maxQueued: number;
  /** Failed tool calls in a row that open the circuit (a call counts once, however many requests it made). */
  readonly breakerThreshold: number;
  /** How long an open circuit fails calls fast before it lets one trial call through. */
  readonly halfOpenAfterMs: number;
  /** Extra attempts of an idempotent request after a transient failure. */
  readonly retries: number;
}

export const DEFAULT_POLICY_SETTINGS: BackendPolicySettings = {
  maxConcurrency: 16,
  maxQueued: 64,
  breakerThreshold: 5,
  halfOpenAfterMs: 10_000,
  retries: 2,
};

export interface BackendPolicyOptions extends Partial<BackendPolicySettings> {
  readonly connector: string;
  /** What users call the backend in messages, e.g. "Home Assistant". */
  readonly displayName: string;
  readonly metrics?: Metrics | undefined;
  /** First retry delay, before decorrelated jitter (cockatiel's ExponentialBackoff). */
  readonly initialRetryDelayMs?: number;
  /** Longest wait before a retry: the backoff's cap, and the longest `Retry-After` honoured. */
  readonly maxRetryDelayMs?: number;
  /** A retry starts only with at least this much time left before the call's deadline. */
  readonly minAttemptMs?: number;
}

/** One request as the policy sees it. */
export interface PolicyCall {
  /** The backend's own per-request limit (`<NAME>_TIMEOUT_MS`). */
  readonly timeoutMs: number;
  /** Safe to send twice: reads, and writes the backend dedupes. Only these are retried. */
  readonly idempotent: boolean;
  readonly signal?: AbortSignal | undefined;
}

/** What one attempt gets: a signal that ends it, and its time budget. */
export interface Attempt {
  readonly signal: AbortSignal;
  readonly timeoutMs: number;
}

export type CircuitPosition = 'closed' | 'half-open' | 'open';

/**
 * The attempt timer runs this long past the call's deadline, so that the runtime's own timeout answer
 * (which names the tool) is the one the caller sees; the deadline's abort ends the attempt first.
 */
const DEADLINE_GRACE_MS = 50;

/** `gateway_backend_circuit_state` values. */
const GAUGE: Record<CircuitPosition, number> = { closed: 0, 'half-open': 1, open: 2 };

/**
 * Resilience for one backend of one connector replica, built from cockatiel policies: a circuit breaker
 * (consecutive failed calls open it, see {@link OncePerCallBreaker}; after `halfOpenAfterMs` one trial
 * call goes through; while open, calls fail fast with `BACKEND_UNAVAILABLE`), retries with decorrelated
 * jitter for idempotent requests that fit before the call's deadline, a bulkhead capping requests in
 * flight, and a timeout per attempt of `min(per-request timeout, time left)`. Each replica has its own
 * breaker: replicas do not share what they have seen of the backend.
 *
 * Order: breaker → retry → bulkhead → timeout → request. A call counts once for the breaker however
 * often it was retried, a waiting retry holds no slot, and an open circuit refuses before any queueing.
 */
export class BackendPolicy {
  readonly settings: BackendPolicySettings;
  private readonly breaker: CircuitBreakerPolicy;
  private readonly bulkhead: BulkheadPolicy;
  private readonly backoff: ExponentialBackoff<unknown>;
  private readonly maxRetryDelayMs: number;
  private readonly minAttemptMs: number;
  private openedAt = 0;
  private reopened = false;
  private lastFailure: string | undefined;

  constructor(private readonly options: BackendPolicyOptions) {
    this.settings = {
      maxConcurrency: options.maxConcurrency ?? DEFAULT_POLICY_SETTINGS.maxConcurrency,
      maxQueued: options.maxQueued ?? DEFAULT_POLICY_SETTINGS.maxQueued,
      breakerThreshold: options.breakerThreshold ?? DEFAULT_POLICY_SETTINGS.breakerThreshold,
      halfOpenAfterMs: options.halfOpenAfterMs ?? DEFAULT_POLICY_SETTINGS.halfOpenAfterMs,
      retries: options.retries ?? DEFAULT_POLICY_SETTINGS.retries,
    };
    this.maxRetryDelayMs = options.maxRetryDelayMs ?? 10_000;
    this.minAttemptMs = options.minAttemptMs ?? 1_000;
    this.backoff = new ExponentialBackoff({
      initialDelay: options.initialRetryDelayMs ?? 200,
      maxDelay: this.maxRetryDelayMs,
    });
    this.breaker = circuitBreaker(handleWhen(isBackendFailure), {
      halfOpenAfter: this.settings.halfOpenAfterMs,
      breaker: new OncePerCallBreaker(this.settings.breakerThreshold),
    });
    this.bulkhead = bulkhead(this.settings.maxConcurrency, this.settings.maxQueued);
    this.breaker.onFailure(({ handled, reason }) => {
      if (handled && 'error' in reason) this.lastFailure = describeFailure(reason.error, options.displayName);
    });
    const labels = { connector: options.connector };
    options.metrics?.backendCircuitState.set(labels, 0);
    let previous: CircuitPosition = 'closed';
    this.breaker.onStateChange(() => {
      const position = this.circuit;
      if (position === 'open') {
        this.reopened = previous === 'half-open';
        this.openedAt = Date.now();
      }
      previous = position;
      options.metrics?.backendCircuitState.set(labels, GAUGE[position]);
    });
  }

  /** Where the breaker stands; `open` stays `open` until a call (the trial) arrives after the wait. */
  get circuit(): CircuitPosition {
    switch (this.breaker.state) {
      case CircuitState.Closed:
        return 'closed';
      case CircuitState.HalfOpen:
        return 'half-open';
      case CircuitState.Open:
      case CircuitState.Isolated:
        return 'open';
    }
  }

  /** Why calls fail fast right now, for the announced health; undefined while the circuit is closed. */
  describeCircuit(now = Date.now()): string | undefined {
    const last = this.lastFailure ? ` Last error: ${this.lastFailure}` : '';
    switch (this.circuit) {
      case 'closed':
        return undefined;
      case 'half-open':
        return `Circuit half-open: one trial call is testing ${this.options.displayName}.${last}`;
      case 'open':
        return `Circuit open ${this.why()}; ${this.nextTry(now)}.${last}`;
    }
  }

  /** Listens to the breaker opening, half-opening and closing; returns the unsubscribe. */
  onCircuitChange(listener: (position: CircuitPosition) => void): () => void {
    const subscription = this.breaker.onStateChange(() => listener(this.circuit));
    return () => subscription.dispose();
  }

  /** Counts a retry a client made itself (Wave's GraphQL-aware loop) in the shared metric. */
  countRetry(): void {
    this.options.metrics?.backendRetries.inc({ connector: this.options.connector });
  }

  /**
   * Runs the announcer's health probe: its requests skip the breaker, the bulkhead and retries, so the
   * announced health says what the backend does now and probes never open the circuit nor queue.
   */
  probe<T>(timeoutMs: number, fn: () => Promise<T>): Promise<T> {
    return withCallScope({ deadline: Date.now() + timeoutMs, probe: true }, fn);
  }

  /** Sends one request through the breaker, retries, bulkhead and per-attempt timeout. */
  async execute<T>(call: PolicyCall, fn: (attempt: Attempt) => Promise<T>): Promise<T> {
    const scope = currentCallScope();
    const deadline = scope?.deadline ?? Date.now() + call.timeoutMs;
    try {
      if (scope?.probe) return await this.attempt(call, deadline, fn);
      return await this.breaker.execute(() => {
        const once = () => this.bulkhead.execute(() => this.attempt(call, deadline, fn), call.signal);
        const retrying = this.retrying(call, deadline);
        return retrying ? retrying.execute(once, call.signal) : once();
      }, call.signal);
    } catch (error) {
      throw this.translate(error, call.signal);
    }
  }

  private async attempt<T>(call: PolicyCall, deadline: number, fn: (a: Attempt) => Promise<T>): Promise<T> {
    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      throw new CallEnded(
        new BusError('TIMEOUT', `The call ran out of time before ${this.options.displayName} was asked.`),
      );
    }
    const deadlineBound = remaining + DEADLINE_GRACE_MS < call.timeoutMs;
    const budget = deadlineBound ? remaining + DEADLINE_GRACE_MS : call.timeoutMs;
    const limit = timeout(budget, TimeoutStrategy.Cooperative);
    let timedOut = false;
    limit.onTimeout(() => (timedOut = true));
    try {
      return await limit.execute(({ signal }) => fn({ signal, timeoutMs: budget }), call.signal);
    } catch (error) {
      if (call.signal?.aborted) throw new CallEnded(this.abortReason(call.signal));
      if (!timedOut) throw error;
      const late = new BusError('TIMEOUT', `${this.options.displayName} did not answer within ${budget} ms.`);
      // Cut short by the caller's deadline rather than the backend's own limit: not the backend's fault.
      throw deadlineBound ? new CallEnded(late) : late;
    }
  }

  /** A retry policy for this call, or none: only idempotent requests are retried. */
  private retrying(call: PolicyCall, deadline: number): RetryPolicy | undefined {
    if (!call.idempotent || this.settings.retries === 0) return undefined;
    let step: IBackoff<unknown> | undefined;
    let delayMs = 0;
    const worthRetrying = (error: Error): boolean => {
      if (!isTransient(error)) return false;
      step = step ? step.next(undefined) : this.backoff.next();
      const asked = retryAfterOf(error);
      if (asked !== undefined && asked > this.maxRetryDelayMs) return false;
      delayMs = Math.max(step.duration, asked ?? 0);
      return deadline - Date.now() - delayMs >= this.minAttemptMs;
    };
    const policy = retry(handleWhen(worthRetrying), {
      maxAttempts: this.settings.retries,
      backoff: new DelegateBackoff(() => delayMs),
    });
    policy.onRetry(() => this.countRetry());
    return policy;
  }

  /** Turns the policies' own errors into wire errors; the request's errors pass through. */
  private translate(error: unknown, signal: AbortSignal | undefined): unknown {
    const labels = { connector: this.options.connector };
    if (error instanceof CallEnded) return error.outcome;
    if (error instanceof BrokenCircuitError) {
      this.options.metrics?.backendRejected.inc({ ...labels, reason: 'circuit_open' });
      const waitMs = Math.max(0, Math.round(this.openedAt + this.settings.halfOpenAfterMs - Date.now()));
      const last = this.lastFailure ? ` Last error: ${this.lastFailure}` : '';
      return new BusError(
        'BACKEND_UNAVAILABLE',
        `${this.options.displayName} is unavailable (circuit open ${this.why()}; ${this.nextTry()}).${last}`,
        waitMs,
      );
    }
    if (error instanceof BulkheadRejectedError) {
      this.options.metrics?.backendRejected.inc({ ...labels, reason: 'concurrency' });
      return new BusError(
        'RATE_LIMITED',
        `Too many calls to ${this.options.displayName} in flight (${this.settings.maxConcurrency} running, ${this.settings.maxQueued} waiting); try again in a moment.`,
        1_000,
      );
    }
    if (error instanceof TaskCancelledError) {
      return signal ? this.abortReason(signal) : new BusError('CANCELLED', 'The call was cancelled.');
    }
    return error;
  }

  private abortReason(signal: AbortSignal): BusError {
    const reason: unknown = signal.reason;
    if (reason instanceof BusError) return reason;
    if (reason instanceof Error && reason.name === 'TimeoutError') {
      return new BusError('TIMEOUT', `${this.options.displayName} did not answer in time.`);
    }
    return new BusError('CANCELLED', 'The call was cancelled.');
  }

  private why(): string {
    return this.reopened
      ? 'again: the trial call failed too'
      : `after ${this.settings.breakerThreshold} failure${this.settings.breakerThreshold === 1 ? '' : 's'} in a row`;
  }

  private nextTry(now = Date.now()): string {
    const waitMs = this.openedAt + this.settings.halfOpenAfterMs - now;
    return waitMs > 0 ? `next try in ${Math.ceil(waitMs / 1000)} s` : 'the next call will test it';
  }
}
