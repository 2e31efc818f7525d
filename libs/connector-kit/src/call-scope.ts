import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What the backend clients need to know about the tool call they are working for, without every tool
 * passing it down: when its answer is due, and whether it is the announcer's health probe.
 */
export interface CallScope {
  /** When the caller stops waiting (epoch ms): retries and per-attempt timeouts must fit before it. */
  readonly deadline: number;
  /** The announcer's probe: it passes the breaker, the concurrency cap and retries (see BackendPolicy). */
  readonly probe?: boolean;
}

const scopes = new AsyncLocalStorage<CallScope>();

/** Runs `fn`, and every backend request started from it, within `scope`. */
export function withCallScope<T>(scope: CallScope, fn: () => T): T {
  return scopes.run(scope, fn);
}

/** The scope of the tool call (or probe) running now; undefined outside one. */
export function currentCallScope(): CallScope | undefined {
  return scopes.getStore();
}

/** Milliseconds left before the current call's deadline (0 once past); undefined outside a call. */
export function remainingMs(now = Date.now()): number | undefined {
  const scope = scopes.getStore();
  return scope === undefined ? undefined : Math.max(0, scope.deadline - now);
}
