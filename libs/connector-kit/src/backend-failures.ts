import { BusError } from '@mcp-gateway/contracts';

/**
 * A backend answer that arrived but counts as the backend failing (HTTP 5xx, 429): the breaker counts
 * it and an idempotent request may be sent again, yet the caller still gets the answer in the end to
 * shape its own error (each backend words its 503 or 429 differently).
 */
export class FailedAnswer<T> extends Error {
  constructor(
    readonly answer: T,
    readonly status: number,
    /** The backend's `Retry-After`, in milliseconds. */
    readonly retryAfterMs: number | undefined,
  ) {
    super(`the backend answered HTTP ${status}`);
    this.name = 'FailedAnswer';
  }
}

/**
 * The attempt ended because its caller stopped waiting (cancelled, or the call's deadline passed), not
 * because the backend failed: neither counted by the breaker nor retried. Unwrapped to `outcome` for the
 * caller.
 */
export class CallEnded extends Error {
  constructor(readonly outcome: BusError) {
    super(outcome.message);
    this.name = 'CallEnded';
  }
}

/**
 * A request the client did not send because it already knows the backend is down (a WebSocket between
 * reconnect attempts). It fails fast as before, with the last connection error, but is neither counted by
 * the breaker nor retried: no request reached the backend, and the client's own reconnect backoff already
 * spaces the attempts.
 */
export class NotSent extends BusError {
  constructor(last: BusError) {
    super(last.code, last.message, last.retryAfterMs);
    this.name = 'NotSent';
  }
}

/** HTTP statuses that mean the backend (or something in front of it) is failing or overloaded. */
export function isFailureStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/**
 * What counts against a backend's circuit: it could not be reached, did not answer in time, failed on
 * its side (5xx) or shed load (429). Answers to a bad request (4xx, validation errors), refused
 * credentials and cancellations do not: the backend is working.
 */
export function isBackendFailure(error: unknown): boolean {
  if (error instanceof FailedAnswer) return true;
  if (!(error instanceof BusError) || error instanceof NotSent) return false;
  return (
    error.code === 'BACKEND_UNAVAILABLE' ||
    error.code === 'TIMEOUT' ||
    error.code === 'BACKEND_ERROR' ||
    error.code === 'RATE_LIMITED'
  );
}

/**
 * Failures worth one more try of an idempotent request: the backend could not be reached, was briefly
 * unavailable (502/503/504) or asked us to come back (429). A timeout is not retried: the caller has
 * already waited a full attempt, and a hung backend usually hangs again.
 */
export function isTransient(error: unknown): boolean {
  if (error instanceof FailedAnswer) return error.status === 429 || [502, 503, 504].includes(error.status);
  if (!(error instanceof BusError) || error instanceof NotSent) return false;
  return error.code === 'BACKEND_UNAVAILABLE' || error.code === 'RATE_LIMITED';
}

/** How long the backend asked us to wait before trying again, when it said. */
export function retryAfterOf(error: unknown): number | undefined {
  if (error instanceof FailedAnswer) return error.retryAfterMs;
  return error instanceof BusError ? error.retryAfterMs : undefined;
}

/** A one-line reason for the last failure, for the "circuit open" message and the health detail. */
export function describeFailure(error: unknown, displayName: string): string {
  if (error instanceof FailedAnswer) return `${displayName} answered HTTP ${error.status}.`;
  return error instanceof Error ? error.message.slice(0, 200) : 'unknown error';
}
