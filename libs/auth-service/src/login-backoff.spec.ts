import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LoginBackoff } from './login-backoff.js';
import { SpecClock } from './spec-harness.js';

describe('LoginBackoff', () => {
  it('lets the first attempt through and doubles the wait after each failure', () => {
    const clock = new SpecClock();
    const backoff = new LoginBackoff(clock.now);
    assert.deepEqual(backoff.attempt('a'), { allowed: true });
    for (const [failures, waitMs] of [
      [1, 1000],
      [2, 2000],
      [3, 4000],
      [4, 8000],
    ] as const) {
      backoff.failed('a');
      assert.deepEqual(backoff.attempt('a'), { allowed: false, retryAfterMs: waitMs }, `after ${failures}`);
      clock.advance(waitMs - 1);
      assert.deepEqual(backoff.attempt('a'), { allowed: false, retryAfterMs: 1 });
      clock.advance(1);
      assert.deepEqual(backoff.attempt('a'), { allowed: true });
    }
  });

  it('caps the wait at five minutes', () => {
    const clock = new SpecClock();
    const backoff = new LoginBackoff(clock.now);
    for (let i = 0; i < 12; i++) backoff.failed('a');
    assert.deepEqual(backoff.attempt('a'), { allowed: false, retryAfterMs: 300_000 });
  });

  it('keys failures by address and resets on success', () => {
    const clock = new SpecClock();
    const backoff = new LoginBackoff(clock.now);
    backoff.failed('a');
    backoff.failed('a');
    assert.equal(backoff.attempt('b').allowed, true);
    assert.equal(backoff.attempt('a').allowed, false);
    backoff.succeeded('a');
    assert.equal(backoff.attempt('a').allowed, true);
    backoff.failed('a');
    assert.deepEqual(backoff.attempt('a'), { allowed: false, retryAfterMs: 1000 });
  });

  it('spaces out every attempt once failures from anywhere pass the global limit', () => {
    const clock = new SpecClock();
    const backoff = new LoginBackoff(clock.now);
    for (let i = 0; i < 31; i++) backoff.failed(`10.0.0.${i}`);
    assert.deepEqual(backoff.attempt('fresh-1'), { allowed: true });
    assert.deepEqual(backoff.attempt('fresh-2'), { allowed: false, retryAfterMs: 5000 });
    clock.advance(5000);
    assert.deepEqual(backoff.attempt('fresh-2'), { allowed: true });
    // Ten minutes later the window has emptied.
    clock.advance(600_000);
    assert.deepEqual(backoff.attempt('fresh-3'), { allowed: true });
    assert.deepEqual(backoff.attempt('fresh-4'), { allowed: true });
  });

  it('forgets an address after an hour without failures', () => {
    const clock = new SpecClock();
    const backoff = new LoginBackoff(clock.now);
    for (let i = 0; i < 8; i++) backoff.failed('a');
    clock.advance(3_600_001);
    assert.equal(backoff.attempt('a').allowed, true);
    backoff.failed('a');
    assert.deepEqual(backoff.attempt('a'), { allowed: false, retryAfterMs: 1000 });
  });
});
