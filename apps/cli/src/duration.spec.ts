import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidArgumentError } from 'commander';
import { expiresAt, parseExpiry } from './duration.js';

describe('parseExpiry', () => {
  it('reads days, hours and minutes, and never', () => {
    assert.equal(parseExpiry('90d'), 90 * 86_400_000);
    assert.equal(parseExpiry('12h'), 12 * 3_600_000);
    assert.equal(parseExpiry('30m'), 30 * 60_000);
    assert.equal(parseExpiry(' 1D '), 86_400_000);
    assert.equal(parseExpiry('never'), null);
    assert.equal(parseExpiry('Never'), null);
  });

  it('refuses anything else with a message that shows the accepted forms', () => {
    for (const bad of ['', '90', 'd', '0d', '-1d', '1.5h', '10s', '1w', '90 d', '01d', 'forever']) {
      assert.throws(
        () => parseExpiry(bad),
        (e: unknown) => e instanceof InvalidArgumentError && e.message.includes('<n>d, <n>h or <n>m'),
        bad,
      );
    }
    assert.throws(() => parseExpiry('36501d'), /more than 100 years/);
  });
});

describe('expiresAt', () => {
  it('adds the lifetime to now, or says never', () => {
    const now = new Date('2030-01-01T00:00:00Z');
    assert.equal(expiresAt(parseExpiry('90d'), now), '2030-04-01T00:00:00.000Z');
    assert.equal(expiresAt(null, now), null);
  });
});
