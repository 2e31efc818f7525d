import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { BusError } from '@mcp-gateway/contracts';
import { JobTracker, type Job } from './jobs.js';
import { TrueNasClient } from './rpc-client.js';
import { FakeTrueNas } from './spec-fake-truenas.js';

function job(id: number, state: Job['state'], percent: number, description: string): Job {
  return { id, method: 'app.start', state, progress: { percent, description } };
}

describe('JobTracker', () => {
  let fake: FakeTrueNas;
  let client: TrueNasClient;
  let tracker: JobTracker;
  let jobs: Job[] = [];
  before(async () => {
    fake = await FakeTrueNas.start();
    fake.handlers.set('core.get_jobs', (params) => {
      const id = ((params[0] as unknown[][])[0] as [string, string, number])[2];
      return { result: jobs.filter((j) => j.id === id) };
    });
    client = new TrueNasClient({
      url: fake.url,
      apiKey: '1-k',
      username: 'truenas_admin',
      verifyTls: true,
      allowInsecure: true,
      timeoutMs: 2_000,
    });
    tracker = new JobTracker(client, (method, params, signal) => client.call(method, params, signal));
    await client.call('core.ping');
  });
  after(async () => {
    await client.close();
    await fake.close();
  });

  it('follows core.get_jobs events to the end and relays each new progress once', async () => {
    jobs = [job(1, 'RUNNING', 10, 'Pulling images')];
    const seen: [number, string][] = [];
    const waiting = tracker.wait(1, {
      signal: new AbortController().signal,
      waitMs: 5_000,
      onProgress: (p, d) => seen.push([p, d]),
    });
    await sleep(50);
    fake.notify('core.get_jobs', 'changed', 1, job(1, 'RUNNING', 10, 'Pulling images'));
    fake.notify('core.get_jobs', 'changed', 1, job(1, 'RUNNING', 60, 'Starting containers'));
    fake.notify('core.get_jobs', 'changed', 1, { ...job(1, 'SUCCESS', 100, 'Started'), result: true });
    const done = await waiting;
    assert.equal(done.finished, true);
    assert.equal(done.job.result, true);
    assert.deepEqual(seen, [
      [10, 'Pulling images'],
      [60, 'Starting containers'],
      [100, 'Started'],
    ]);
  });

  it('remembers events that arrive before the caller knows the job id', async () => {
    jobs = [];
    fake.notify('core.get_jobs', 'added', 2, job(2, 'WAITING', 0, ''));
    fake.notify('core.get_jobs', 'changed', 2, job(2, 'FAILED', 20, 'Starting'));
    await sleep(50);
    const done = await tracker.wait(2, { signal: new AbortController().signal, waitMs: 1_000 });
    assert.deepEqual([done.finished, done.job.state], [true, 'FAILED']);
  });

  it('polls core.get_jobs when events never come (e.g. lost in a reconnect)', async () => {
    jobs = [job(3, 'RUNNING', 50, 'Half way')];
    setTimeout(() => (jobs = [job(3, 'SUCCESS', 100, 'Done')]), 150);
    const done = await tracker.wait(3, { signal: new AbortController().signal, waitMs: 2_000, pollMs: 100 });
    assert.deepEqual([done.finished, done.job.state], [true, 'SUCCESS']);
  });

  it('stops waiting (not the job) at the deadline, and on cancellation', async () => {
    jobs = [job(4, 'RUNNING', 30, 'Slow')];
    const early = await tracker.wait(4, { signal: new AbortController().signal, waitMs: 150, pollMs: 50 });
    assert.deepEqual([early.finished, early.job.state, early.job.progress?.percent], [false, 'RUNNING', 30]);
    const controller = new AbortController();
    const waiting = tracker.wait(4, { signal: controller.signal, waitMs: 5_000 });
    controller.abort();
    await assert.rejects(waiting, (e: unknown) => e instanceof BusError && e.code === 'CANCELLED');
  });
});
