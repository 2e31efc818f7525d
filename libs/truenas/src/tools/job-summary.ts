import { compact, isoTime, nonEmpty } from '../format.js';
import type { Job } from '../jobs.js';

/** A job as the tools report it: id, state, last progress, times, and the error when it failed. */
export function jobSummary(job: Job) {
  const percent = job.progress?.percent;
  return compact({
    id: job.id,
    method: job.method,
    state: job.state,
    percent: typeof percent === 'number' ? percent : undefined,
    progress: nonEmpty(job.progress?.description),
    started_at: isoTime(job.time_started),
    finished_at: isoTime(job.time_finished),
    error: job.error ? job.error.replace(/^\[[A-Z0-9_]+\]\s*/, '').slice(0, 1000) : undefined,
  });
}
