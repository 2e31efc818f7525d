import { ejsonDate, type EjsonDate } from './ejson.js';
import { CallError, ValidationErrors } from './errors.js';
import { filterList, type Entry, type QueryOptions } from './filters.js';

/** A job as `core.get_jobs` returns it (`Job.__encode__`, middleware `job.py`). */
export interface JobRecord {
  id: number;
  message_ids: (string | number)[];
  method: string;
  arguments: unknown[];
  transient: boolean;
  description: string | null;
  abortable: boolean;
  logs_path: string | null;
  logs_excerpt: string | null;
  progress: { percent: number | null; description: string | null; extra: unknown };
  result: unknown;
  result_encoding_error: string | null;
  error: string | null;
  exception: string | null;
  exc_info: { repr: string; type: string; errno: number | null; extra: unknown } | null;
  state: 'WAITING' | 'RUNNING' | 'SUCCESS' | 'FAILED' | 'ABORTED';
  time_started: EjsonDate | null;
  time_finished: EjsonDate | null;
  credentials: { type: string; data: Record<string, unknown> } | null;
}

export type JobOutcome = { ok: true; result: unknown } | { ok: false; error: unknown };

/** What a job method's body gets: progress reporting and a paced wait. */
export interface JobControl {
  readonly id: number;
  setProgress(percent: number, description: string): void;
  /** Waits `steps` job steps (the simulator's pace for long-running work). */
  pause(steps?: number): Promise<void>;
}

/** Returned by a job method; the session answers with its id (legacy jobs) or waits for `done`. */
export class SimJob {
  constructor(
    readonly record: JobRecord,
    readonly done: Promise<JobOutcome>,
  ) {}
}

type Emit = (collection: string, msg: 'added' | 'changed' | 'removed', id: unknown, fields?: unknown) => void;

/** Runs jobs one step at a time and tells `core.get_jobs` subscribers about every change. */
export class JobManager {
  private nextId = 1;
  private readonly jobs: JobRecord[] = [];

  constructor(
    private readonly emit: Emit,
    private readonly stepMs: number,
    private readonly username: string,
  ) {}

  start(
    method: string,
    args: unknown[],
    messageId: string | number | undefined,
    body: (job: JobControl) => Promise<unknown>,
  ): SimJob {
    const record: JobRecord = {
      id: this.nextId++,
      message_ids: messageId === undefined ? [] : [messageId],
      method,
      arguments: args,
      transient: false,
      description: null,
      abortable: false,
      logs_path: null,
      logs_excerpt: null,
      progress: { percent: 0, description: '', extra: null },
      result: null,
      result_encoding_error: null,
      error: null,
      exception: null,
      exc_info: null,
      state: 'WAITING',
      time_started: null,
      time_finished: null,
      credentials: {
        type: 'API_KEY',
        data: { username: this.username, api_key: { id: 1, name: 'gateway' } },
      },
    };
    this.jobs.push(record);
    if (this.jobs.length > 1000) this.jobs.shift();
    this.emit('core.get_jobs', 'added', record.id, structuredClone(record));
    const control: JobControl = {
      id: record.id,
      setProgress: (percent, description) => {
        const p = Math.floor(percent);
        if (record.progress.percent === p && record.progress.description === description) return;
        record.progress = { percent: p, description, extra: null };
        this.changed(record);
      },
      pause: (steps = 1) => new Promise((resolve) => setTimeout(resolve, this.stepMs * steps)),
    };
    const done = (async (): Promise<JobOutcome> => {
      await control.pause();
      record.state = 'RUNNING';
      record.time_started = ejsonDate(Date.now());
      this.changed(record);
      try {
        const result = await body(control);
        record.result = result ?? null;
        record.state = 'SUCCESS';
        return { ok: true, result: result ?? null };
      } catch (error) {
        this.fail(record, error);
        return { ok: false, error };
      } finally {
        record.time_finished = ejsonDate(Date.now());
        this.changed(record);
      }
    })();
    return new SimJob(record, done);
  }

  query(filters: unknown, options: QueryOptions): unknown {
    return filterList(this.jobs as unknown as Entry[], filters, options);
  }

  private changed(record: JobRecord): void {
    this.emit('core.get_jobs', 'changed', record.id, structuredClone(record));
  }

  private fail(record: JobRecord, error: unknown): void {
    record.state = 'FAILED';
    record.error = error instanceof Error ? error.message : String(error);
    record.exception = `Traceback (most recent call last):\n  (simulated)\n${record.error}`;
    if (error instanceof ValidationErrors) {
      // A single ValidationError (e.g. InstanceNotFound) keeps its errno; a ValidationErrors has none.
      const single = error.errors.length === 1 ? error.errors[0] : undefined;
      record.exc_info = {
        repr: `ValidationErrors(${JSON.stringify(error.errors)})`,
        type: 'VALIDATION',
        errno: single ? single[2] : null,
        extra: error.errors,
      };
    } else if (error instanceof CallError) {
      record.exc_info = {
        repr: `CallError(${JSON.stringify(error.errmsg)})`,
        type: 'CallError',
        errno: error.errno,
        extra: error.extra,
      };
    } else {
      record.exc_info = { repr: record.error, type: 'Exception', errno: null, extra: null };
    }
  }
}
