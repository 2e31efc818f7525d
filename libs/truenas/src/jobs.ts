import { BusError } from '@mcp-gateway/contracts';
import type { TrueNasClient } from './rpc-client.js';

export type JobStateName = 'WAITING' | 'RUNNING' | 'SUCCESS' | 'FAILED' | 'ABORTED';

/** The fields of a `core.get_jobs` entry the connector reads (`Job.__encode__`, middleware `job.py`). */
export interface Job {
  readonly id: number;
  readonly method?: string;
  readonly state: JobStateName;
  readonly progress?: { readonly percent?: number | null; readonly description?: string | null } | null;
  readonly result?: unknown;
  readonly error?: string | null;
  readonly exc_info?: {
    readonly type?: string;
    readonly errno?: number | null;
    readonly extra?: unknown;
  } | null;
  readonly time_started?: { readonly $date: number } | null;
  readonly time_finished?: { readonly $date: number } | null;
}

export interface JobWait {
  readonly job: Job;
  /** False when the wait ended before the job did (it keeps running on TrueNAS). */
  readonly finished: boolean;
}

export interface JobWaitOptions {
  readonly signal: AbortSignal;
  /** Give up waiting (not the job) after this long. */
  readonly waitMs: number;
  /** Polls `core.get_jobs` this often in case an event was missed (e.g. across a reconnect). */
  readonly pollMs?: number;
  readonly onProgress?: (percent: number, description: string) => void;
}

type Query = (method: string, params: readonly unknown[], signal: AbortSignal) => Promise<unknown>;

const TERMINAL: ReadonlySet<string> = new Set(['SUCCESS', 'FAILED', 'ABORTED']);
const REMEMBERED = 200;

export function isFinished(job: Job): boolean {
  return TERMINAL.has(job.state);
}

/**
 * Follows long-running jobs (`jobs.rst`): with legacy jobs a job method answers with the job id at once;
 * `core.get_jobs` events (subscribed on every login) then carry its progress and end. Events can arrive
 * before the id does, so recent ones are remembered; a slow poll covers events lost in a reconnect.
 */
export class JobTracker {
  private readonly latest = new Map<number, Job>();
  private readonly watchers = new Map<number, Set<(job: Job) => void>>();

  constructor(
    client: TrueNasClient,
    private readonly query: Query,
  ) {
    client.onCollectionUpdate((update) => {
      if (update.collection !== 'core.get_jobs' || !update.fields) return;
      this.see(update.fields as unknown as Job);
    });
  }

  /** Waits for the job to end, up to `waitMs`, relaying progress as it changes. */
  wait(id: number, options: JobWaitOptions): Promise<JobWait> {
    return new Promise<JobWait>((resolve, reject) => {
      let last: Job | undefined = this.latest.get(id);
      let reported = '';
      const timers: NodeJS.Timeout[] = [];
      const watchers = this.watchers.get(id) ?? new Set<(job: Job) => void>();
      this.watchers.set(id, watchers);
      const stop = () => {
        timers.forEach((t) => clearTimeout(t));
        watchers.delete(watch);
        if (watchers.size === 0) this.watchers.delete(id);
        options.signal.removeEventListener('abort', onAbort);
      };
      const watch = (job: Job) => {
        last = job;
        const percent = job.progress?.percent;
        const description = job.progress?.description ?? '';
        const key = `${percent ?? ''}|${description}`;
        // A queued job reports 0 % with no description: nothing worth relaying yet.
        if (typeof percent === 'number' && (percent > 0 || description !== '') && key !== reported) {
          reported = key;
          options.onProgress?.(percent, description);
        }
        if (isFinished(job)) {
          stop();
          resolve({ job, finished: true });
        }
      };
      const onAbort = () => {
        stop();
        reject(new BusError('CANCELLED', 'The call was cancelled.'));
      };
      const poll = async () => {
        try {
          const rows = await this.query('core.get_jobs', [[['id', '=', id]]], options.signal);
          const job = Array.isArray(rows) ? (rows[0] as Job | undefined) : undefined;
          if (job) this.see(job);
        } catch {
          // A dropped connection or a slow answer: events or the next poll will tell.
        }
        if (watchers.has(watch)) timers.push(setTimeout(() => void poll(), options.pollMs ?? 2_000));
      };
      options.signal.addEventListener('abort', onAbort, { once: true });
      watchers.add(watch);
      timers.push(
        setTimeout(() => {
          stop();
          resolve({ job: last ?? { id, state: 'RUNNING' }, finished: false });
        }, options.waitMs),
      );
      if (last) watch(last);
      if (watchers.has(watch)) void poll();
    });
  }

  private see(fields: Job): void {
    if (typeof fields.id !== 'number') return;
    const merged: Job = { ...this.latest.get(fields.id), ...fields };
    this.latest.delete(fields.id);
    this.latest.set(fields.id, merged);
    if (this.latest.size > REMEMBERED) {
      const oldest = this.latest.keys().next();
      if (!oldest.done) this.latest.delete(oldest.value);
    }
    for (const watch of [...(this.watchers.get(fields.id) ?? [])]) watch(merged);
  }
}
