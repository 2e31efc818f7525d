import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { BusError } from '@mcp-gateway/contracts';
import { Metrics } from '@mcp-gateway/observability';
import { FailedAnswer, NotSent } from './backend-failures.js';
import { BackendPolicy, type Attempt, type BackendPolicyOptions } from './backend-policy.js';
import { withCallScope } from './call-scope.js';
import { ToolError } from './results.js';

const unreachable = () => new BusError('BACKEND_UNAVAILABLE', 'Fake is unreachable (ECONNREFUSED).');

function policy(options: Partial<BackendPolicyOptions> = {}) {
  const metrics = new Metrics('test');
  const p = new BackendPolicy({
    connector: 'fake',
    displayName: 'Fake',
    metrics,
    initialRetryDelayMs: 20,
    maxRetryDelayMs: 2_000,
    minAttemptMs: 100,
    ...options,
  });
  const value = async (name: string, labels: Record<string, string> = {}) => {
    const metric = (await metrics.registry.getMetricsAsJSON()).find((m) => m.name === name);
    const wanted = { connector: 'fake', ...labels };
    const found = metric?.values.find((v) =>
      Object.entries(wanted).every(([k, l]) => (v.labels as Record<string, unknown>)[k] === l),
    );
    return found?.value ?? 0;
  };
  return { p, value };
}

/** A backend call that fails with the given errors in turn, then answers `ok`; counts its attempts. */
function backend(...failures: Error[]) {
  const calls = { count: 0, at: [] as number[] };
  const fn = (_attempt: Attempt) => {
    calls.at.push(Date.now());
    const failure = failures[calls.count++];
    return failure ? Promise.reject(failure) : Promise.resolve('ok');
  };
  return { fn, calls };
}

const GET = { timeoutMs: 5_000, idempotent: true } as const;
const POST = { timeoutMs: 5_000, idempotent: false } as const;

describe('BackendPolicy: circuit breaker', () => {
  it('opens after N failed calls in a row, then fails fast with a clear message', async () => {
    const { p, value } = policy({ breakerThreshold: 3, halfOpenAfterMs: 8_000, retries: 0 });
    const { fn, calls } = backend(unreachable(), unreachable(), unreachable(), unreachable());
    for (let i = 0; i < 3; i++) {
      await assert.rejects(p.execute(GET, fn), /Fake is unreachable \(ECONNREFUSED\)/);
    }
    assert.equal(p.circuit, 'open');
    const started = Date.now();
    await assert.rejects(p.execute(GET, fn), (e: unknown) => {
      assert.ok(e instanceof BusError);
      assert.equal(e.code, 'BACKEND_UNAVAILABLE');
      assert.match(
        e.message,
        /^Fake is unavailable \(circuit open after 3 failures in a row; next try in 8 s\)\. Last error: Fake is unreachable/,
      );
      assert.ok(e.retryAfterMs !== undefined && e.retryAfterMs > 7_000 && e.retryAfterMs <= 8_000);
      return true;
    });
    assert.ok(Date.now() - started < 50, 'fails fast');
    assert.equal(calls.count, 3, 'the open circuit did not call the backend');
    assert.equal(await value('gateway_backend_circuit_state'), 2);
    assert.equal(await value('gateway_backend_rejected_total', { reason: 'circuit_open' }), 1);
    assert.match(
      p.describeCircuit() ?? '',
      /^Circuit open after 3 failures in a row; next try in 8 s\. Last error: Fake is unreachable/,
    );
  });

  it('half-open: one trial call goes through; success closes the circuit', async () => {
    const { p, value } = policy({ breakerThreshold: 2, halfOpenAfterMs: 150, retries: 0 });
    const { fn, calls } = backend(unreachable(), unreachable());
    await assert.rejects(p.execute(GET, fn));
    await assert.rejects(p.execute(GET, fn));
    await assert.rejects(p.execute(GET, fn), /circuit open/);
    assert.equal(calls.count, 2);
    await sleep(200);
    assert.equal(
      p.describeCircuit(),
      'Circuit open after 2 failures in a row; the next call will test it. Last error: Fake is unreachable (ECONNREFUSED).',
    );
    assert.equal(await p.execute(GET, fn), 'ok');
    assert.equal(calls.count, 3);
    assert.equal(p.circuit, 'closed');
    assert.equal(p.describeCircuit(), undefined);
    assert.equal(await value('gateway_backend_circuit_state'), 0);
  });

  it('half-open: a failed trial call opens it again at once', async () => {
    const { p } = policy({ breakerThreshold: 2, halfOpenAfterMs: 150, retries: 0 });
    const { fn, calls } = backend(unreachable(), unreachable(), unreachable());
    await assert.rejects(p.execute(GET, fn));
    await assert.rejects(p.execute(GET, fn));
    await sleep(200);
    const seen: string[] = [];
    p.onCircuitChange((position) => seen.push(position));
    await assert.rejects(p.execute(GET, fn), /unreachable/);
    assert.deepEqual(seen, ['half-open', 'open']);
    await assert.rejects(
      p.execute(GET, fn),
      /circuit open again: the trial call failed too; next try in 1 s/,
    );
    assert.equal(calls.count, 3);
  });

  it('answers to a bad request (4xx, validation) do not trip it, however many', async () => {
    const { p } = policy({ breakerThreshold: 2, retries: 0 });
    const notFound = new ToolError('Entity not found.');
    const denied = new BusError('BACKEND_AUTH_FAILED', 'Fake rejected the token (401).');
    const { fn } = backend(notFound, notFound, denied, denied, notFound);
    for (let i = 0; i < 5; i++) await assert.rejects(p.execute(GET, fn));
    assert.equal(p.circuit, 'closed');
    assert.equal(await p.execute(GET, fn), 'ok');
  });

  it('a call that succeeds after retries counts as a success, not as failures', async () => {
    const { p } = policy({ breakerThreshold: 2, retries: 2 });
    const { fn } = backend(unreachable(), unreachable());
    assert.equal(await p.execute(GET, fn), 'ok');
    assert.equal(p.circuit, 'closed');
  });

  it('counts a tool call once, however many of its requests failed', async () => {
    const { p } = policy({ breakerThreshold: 3, retries: 0 });
    const { fn } = backend(...Array.from({ length: 9 }, unreachable));
    const fanOut = () => Promise.allSettled([1, 2, 3, 4].map(() => p.execute(GET, fn)));
    await withCallScope({ deadline: Date.now() + 5_000 }, fanOut);
    await withCallScope({ deadline: Date.now() + 5_000 }, fanOut);
    assert.equal(p.circuit, 'closed', 'two calls, eight failed requests');
    await withCallScope({ deadline: Date.now() + 5_000 }, () => assert.rejects(p.execute(GET, fn)));
    assert.equal(p.circuit, 'open');
  });

  it('a request the client never sent (its socket is waiting to reconnect) is not counted or retried', async () => {
    const { p } = policy({ breakerThreshold: 1, retries: 2 });
    const { fn, calls } = backend(new NotSent(unreachable()));
    await assert.rejects(
      p.execute(GET, fn),
      (e: unknown) => e instanceof BusError && e.code === 'BACKEND_UNAVAILABLE',
    );
    assert.equal(calls.count, 1);
    assert.equal(p.circuit, 'closed');
  });

  it("the announcer's probe skips the breaker: it neither counts nor is refused", async () => {
    const { p } = policy({ breakerThreshold: 1, halfOpenAfterMs: 60_000, retries: 2 });
    const { fn, calls } = backend(unreachable(), unreachable(), unreachable());
    await assert.rejects(
      p.probe(1_000, () => p.execute(GET, fn)),
      /unreachable/,
    );
    await assert.rejects(
      p.probe(1_000, () => p.execute(GET, fn)),
      /unreachable/,
    );
    assert.equal(calls.count, 2, 'a probe is never retried');
    assert.equal(p.circuit, 'closed');
    await assert.rejects(p.execute({ ...GET, idempotent: false }, fn));
    assert.equal(p.circuit, 'open');
    assert.equal(await p.probe(1_000, () => p.execute(GET, fn)), 'ok');
    assert.equal(p.circuit, 'open', 'the probe does not close it either: a trial call does');
  });
});

describe('BackendPolicy: retries', () => {
  it('retries an idempotent request after transient failures, with growing jittered waits', async () => {
    const { p, value } = policy({ retries: 2 });
    const { fn, calls } = backend(unreachable(), new FailedAnswer('busy', 503, undefined));
    assert.equal(await p.execute(GET, fn), 'ok');
    assert.equal(calls.count, 3);
    assert.equal(await value('gateway_backend_retries_total'), 2);
  });

  it('never retries a request that is not idempotent', async () => {
    const { p, value } = policy({ retries: 2 });
    const { fn, calls } = backend(new FailedAnswer('busy', 503, undefined));
    await assert.rejects(p.execute(POST, fn), (e: unknown) => e instanceof FailedAnswer && e.status === 503);
    assert.equal(calls.count, 1);
    assert.equal(await value('gateway_backend_retries_total'), 0);
  });

  it('does not retry what another try will not fix: 500, 4xx, a timeout', async () => {
    const { p } = policy({ retries: 2 });
    for (const failure of [
      new FailedAnswer('boom', 500, undefined),
      new ToolError('Entity not found.'),
      new BusError('TIMEOUT', 'Fake did not answer within 10 ms.'),
    ]) {
      const { fn, calls } = backend(failure);
      await assert.rejects(p.execute(GET, fn));
      assert.equal(calls.count, 1, failure.message);
    }
  });

  it('honours Retry-After: waits at least what the backend asked', async () => {
    const { p } = policy({ retries: 1 });
    const { fn, calls } = backend(new FailedAnswer('slow down', 429, 400));
    assert.equal(await p.execute(GET, fn), 'ok');
    const [first, second] = calls.at;
    assert.ok(first !== undefined && second !== undefined && second - first >= 395, `${second! - first!} ms`);
  });

  it('does not retry when the wait would not leave time before the deadline', async () => {
    const { p } = policy({ retries: 2, minAttemptMs: 100 });
    const { fn, calls } = backend(new FailedAnswer('slow down', 429, 1_000));
    const started = Date.now();
    await assert.rejects(
      withCallScope({ deadline: Date.now() + 800 }, () => p.execute(GET, fn)),
      (e: unknown) => e instanceof FailedAnswer && e.status === 429,
    );
    assert.equal(calls.count, 1);
    assert.ok(Date.now() - started < 100, 'answered at once instead of sleeping past the deadline');
  });

  it('does not honour a Retry-After longer than its longest wait', async () => {
    const { p } = policy({ retries: 2, maxRetryDelayMs: 500 });
    const { fn, calls } = backend(new FailedAnswer('slow down', 429, 30_000));
    await assert.rejects(p.execute(GET, fn));
    assert.equal(calls.count, 1);
  });
});

describe('BackendPolicy: concurrency cap', () => {
  it('keeps at most maxConcurrency in flight, queues maxQueued, refuses the rest', async () => {
    const { p, value } = policy({ maxConcurrency: 2, maxQueued: 1 });
    let running = 0;
    let peak = 0;
    const release: (() => void)[] = [];
    const slow = () =>
      new Promise<string>((resolve) => {
        running++;
        peak = Math.max(peak, running);
        release.push(() => {
          running--;
          resolve('done');
        });
      });
    const calls = [p.execute(GET, slow), p.execute(GET, slow), p.execute(GET, slow)];
    await assert.rejects(p.execute(GET, slow), (e: unknown) => {
      assert.ok(e instanceof BusError);
      assert.equal(e.code, 'RATE_LIMITED');
      assert.equal(
        e.message,
        'Too many calls to Fake in flight (2 running, 1 waiting); try again in a moment.',
      );
      return true;
    });
    await sleep(10);
    assert.equal(running, 2);
    while (release.length > 0 || running > 0) {
      release.shift()?.();
      await sleep(5);
    }
    assert.deepEqual(await Promise.all(calls), ['done', 'done', 'done']);
    assert.equal(peak, 2);
    assert.equal(await value('gateway_backend_rejected_total', { reason: 'concurrency' }), 1);
    assert.equal(p.circuit, 'closed', 'a refusal is not the backend failing');
  });
});

describe('BackendPolicy: timeouts and deadlines', () => {
  const hang = (attempt: Attempt) =>
    new Promise<string>((_, reject) =>
      attempt.signal.addEventListener('abort', () => reject(new BusError('CANCELLED', 'aborted')), {
        once: true,
      }),
    );

  it("ends an attempt at the backend's own limit: a TIMEOUT that counts against the circuit", async () => {
    const { p } = policy({ breakerThreshold: 1 });
    const budgets: number[] = [];
    await assert.rejects(
      p.execute({ timeoutMs: 100, idempotent: true }, (a) => {
        budgets.push(a.timeoutMs);
        return hang(a);
      }),
      (e: unknown) =>
        e instanceof BusError && e.code === 'TIMEOUT' && e.message === 'Fake did not answer within 100 ms.',
    );
    assert.deepEqual(budgets, [100], 'a timeout is not retried');
    assert.equal(p.circuit, 'open');
  });

  it("gives an attempt only the call's remaining time; running out is not the backend's fault", async () => {
    const { p } = policy({ breakerThreshold: 1 });
    const budgets: number[] = [];
    const started = Date.now();
    await assert.rejects(
      withCallScope({ deadline: Date.now() + 200 }, () =>
        p.execute({ timeoutMs: 30_000, idempotent: true }, (a) => {
          budgets.push(a.timeoutMs);
          return hang(a);
        }),
      ),
      (e: unknown) => e instanceof BusError && e.code === 'TIMEOUT',
    );
    const elapsed = Date.now() - started;
    assert.ok(elapsed >= 200 && elapsed < 500, `${elapsed} ms`);
    assert.ok(budgets[0] !== undefined && budgets[0] <= 250, `budget ${budgets[0]}`);
    assert.equal(p.circuit, 'closed');
  });

  it("reports the caller's abort reason, and a cancellation does not count", async () => {
    const { p } = policy({ breakerThreshold: 1 });
    const controller = new AbortController();
    const call = p.execute({ timeoutMs: 5_000, idempotent: true, signal: controller.signal }, hang);
    controller.abort(new BusError('TIMEOUT', 'fake_tool did not finish within 60 ms.'));
    await assert.rejects(call, /fake_tool did not finish within 60 ms/);
    assert.equal(p.circuit, 'closed');
  });
});
