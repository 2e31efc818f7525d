import { BusError, type BackendHealth, type ProgressUpdate } from '@mcp-gateway/contracts';
import { BackendPolicy, ToolError, remainingMs, type ConnectorBackend } from '@mcp-gateway/connector-kit';
import type { Metrics } from '@mcp-gateway/observability';
import type { TrueNasConfig } from './config.js';
import { JobTracker, type Job, type JobWait } from './jobs.js';
import { TrueNasClient, type RawCall } from './rpc-client.js';
import { TrueNasCallError, TrueNasMethodMissing } from './rpc-errors.js';
import { parseVersion, snapshotNamespace, type SnapshotNamespace, type TrueNasVersion } from './version.js';

/** `query-filters`: `[field, op, value]` or `["OR", [branch…]]` (`query_methods.rst`). */
export type QueryFilter = readonly [string, string, unknown] | readonly ['OR', readonly unknown[]];

/** `query-options` (`utils/filter_list.py`). */
export interface QueryOptions {
  readonly extra?: Record<string, unknown>;
  readonly order_by?: readonly string[];
  readonly select?: readonly (string | readonly [string, string])[];
  readonly count?: boolean;
  readonly get?: boolean;
  readonly offset?: number;
  readonly limit?: number;
}

export interface RunJobOptions {
  readonly signal: AbortSignal;
  readonly progress?: (update: ProgressUpdate) => void;
}

export interface BackendOptions {
  readonly initialBackoffMs?: number;
  readonly heartbeatMs?: number;
  readonly jobPollMs?: number;
  /** The replica's breaker, retries and concurrency cap; a fresh one when absent. */
  readonly policy?: BackendPolicy;
}

/**
 * Methods that only read, retried after a transient failure (a dropped connection, TrueNAS busy). Every
 * other method (create, delete, rollback, start, stop, control, dismiss) is sent once.
 */
const READ_METHODS = new Set([
  'alert.list',
  'core.get_jobs',
  'core.ping',
  'disk.temperatures',
  'system.info',
]);

function isReadMethod(method: string): boolean {
  return method.endsWith('.query') || READ_METHODS.has(method);
}

/** What a job wait leaves of the call's time for the answer: a quarter, at most 2 s. */
const ANSWER_RESERVE_MAX_MS = 2_000;

/** TrueNAS queues past 10 calls on one connection and refuses past 20 (backends.md). */
export const TRUENAS_POLICY_DEFAULTS = { maxConcurrency: 8, maxQueued: 32 } as const;

/** Everything the tools reach TrueNAS through: one kept connection, the release it runs, and its jobs. */
export class TrueNasBackend implements ConnectorBackend {
  readonly client: TrueNasClient;
  readonly jobs: JobTracker;
  private readonly policy: BackendPolicy;
  private detected: TrueNasVersion | undefined;
  /** Set when a call found the other snapshot namespace than the version implies (a backport, a fork). */
  private snapshotOverride: SnapshotNamespace | undefined;

  constructor(
    private readonly config: TrueNasConfig,
    private readonly metrics: Metrics | undefined,
    private readonly options: BackendOptions = {},
  ) {
    this.policy =
      options.policy ??
      new BackendPolicy({
        connector: 'truenas',
        displayName: 'TrueNAS',
        metrics,
        ...TRUENAS_POLICY_DEFAULTS,
      });
    this.client = new TrueNasClient({
      url: config.apiUrl,
      apiKey: config.apiKey,
      username: config.username,
      verifyTls: config.verifyTls,
      allowInsecure: config.allowInsecure,
      timeoutMs: config.timeoutMs,
      // The policy queues the rest; the client's own cap then never holds a call back.
      maxConcurrent: this.policy.settings.maxConcurrency,
      ...(options.initialBackoffMs !== undefined ? { initialBackoffMs: options.initialBackoffMs } : {}),
      ...(options.heartbeatMs !== undefined ? { heartbeatMs: options.heartbeatMs } : {}),
      onReady: (call) => this.onLogin(call),
    });
    this.jobs = new JobTracker(this.client, (method, params, signal) => this.call(method, params, signal));
  }

  /** The release, known once the first login has happened. */
  get version(): TrueNasVersion | undefined {
    return this.detected;
  }

  get jobWaitMs(): number {
    return this.config.jobWaitMs;
  }

  /** One call through the backend policy: breaker, concurrency cap, retries for reads, deadline. */
  call<T>(method: string, params: readonly unknown[], signal?: AbortSignal): Promise<T> {
    return this.policy.execute(
      { timeoutMs: this.config.timeoutMs, idempotent: isReadMethod(method), signal },
      (attempt) => this.attempt<T>(method, params, attempt.signal),
    );
  }

  private async attempt<T>(method: string, params: readonly unknown[], signal: AbortSignal): Promise<T> {
    const started = performance.now();
    let status = 'ok';
    try {
      return await this.client.call<T>(method, params, signal);
    } catch (error) {
      status =
        error instanceof BusError
          ? error.code
          : error instanceof TrueNasCallError
            ? String(error.code)
            : 'error';
      throw error;
    } finally {
      this.metrics?.backendDuration.observe(
        { connector: 'truenas', status },
        (performance.now() - started) / 1000,
      );
    }
  }

  query<T>(
    method: string,
    filters: readonly QueryFilter[],
    options: QueryOptions,
    signal?: AbortSignal,
  ): Promise<T> {
    return this.call<T>(method, [filters, options], signal);
  }

  /** `pool.snapshot.<action>` on 25.10+, `zfs.snapshot.<action>` before; retries the other on -32601. */
  async snapshotCall<T>(action: string, params: readonly unknown[], signal?: AbortSignal): Promise<T> {
    // The names depend on the release, learnt at login: make sure it has happened.
    if (!this.client.connected) await this.call('core.ping', [], signal);
    const preferred = this.snapshotOverride ?? snapshotNamespace(this.detected);
    try {
      return await this.call<T>(`${preferred}.${action}`, params, signal);
    } catch (error) {
      if (!(error instanceof TrueNasMethodMissing)) throw error;
      const other: SnapshotNamespace = preferred === 'pool.snapshot' ? 'zfs.snapshot' : 'pool.snapshot';
      const result = await this.call<T>(`${other}.${action}`, params, signal);
      this.snapshotOverride = other;
      return result;
    }
  }

  /**
   * Calls a job method and waits for the job (`core.get_jobs` events), relaying its progress. Ends early,
   * with `finished: false`, when the job outlives `TRUENAS_JOB_WAIT_MS`; a failed job becomes a ToolError.
   */
  async runJob(method: string, params: readonly unknown[], options: RunJobOptions): Promise<JobWait> {
    const id = await this.call<unknown>(method, params, options.signal);
    if (typeof id !== 'number')
      throw new BusError('BACKEND_ERROR', `TrueNAS answered ${method} without a job id.`);
    const wait = await this.jobs.wait(id, {
      signal: options.signal,
      waitMs: this.jobWaitWithin(remainingMs()),
      ...(this.options.jobPollMs !== undefined ? { pollMs: this.options.jobPollMs } : {}),
      onProgress: (percent, description) =>
        options.progress?.({
          progress: percent,
          total: 100,
          ...(description ? { message: description.slice(0, 1000) } : {}),
        }),
    });
    if (wait.job.state === 'FAILED' || wait.job.state === 'ABORTED') throw jobFailure(method, wait.job);
    return wait;
  }

  /**
   * TRUENAS_JOB_WAIT_MS, cut short so the tool still answers "still running" (with the job id) before
   * the call's deadline rather than time out.
   */
  private jobWaitWithin(left: number | undefined): number {
    if (left === undefined) return this.config.jobWaitMs;
    const reserve = Math.min(ANSWER_RESERVE_MAX_MS, left / 4);
    return Math.max(0, Math.min(this.config.jobWaitMs, Math.floor(left - reserve)));
  }

  /** `core.ping` over the authenticated connection proves address, TLS and key in one go. */
  async probe(signal: AbortSignal): Promise<Pick<BackendHealth, 'healthy' | 'detail'>> {
    try {
      await this.call('core.ping', [], signal);
      return { healthy: true, detail: `TrueNAS ${this.detected?.text ?? '(version unknown)'}` };
    } catch (error) {
      return {
        healthy: false,
        detail: error instanceof Error ? error.message.slice(0, 200) : 'probe failed',
      };
    }
  }

  close(): Promise<void> {
    return this.client.close();
  }

  /** After every login: learn the release (method names depend on it) and follow jobs. */
  private async onLogin(call: RawCall): Promise<void> {
    const short = await call<unknown>('system.version_short').catch(() => call<unknown>('system.version'));
    this.detected = typeof short === 'string' ? parseVersion(short) : undefined;
    await call('core.subscribe', ['core.get_jobs']);
  }
}

function jobFailure(method: string, job: Job): Error {
  const reason = (job.error ?? `the job ended ${job.state}`).replace(/^\[[A-Z0-9_]+\]\s*/, '').trim();
  const extra = job.exc_info?.extra;
  const detail = Array.isArray(extra)
    ? extra
        .filter((e): e is unknown[] => Array.isArray(e))
        .map(([, message]) => String(message))
        .join('; ')
    : '';
  return new ToolError(
    `TrueNAS job ${job.id} (${method}) ${job.state === 'ABORTED' ? 'was aborted' : 'failed'}: ${detail || reason}`.slice(
      0,
      1500,
    ),
  );
}
