import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { humanBytes, isoTime, plainText, sized } from './format.js';

describe('format', () => {
  it('writes sizes the way the TrueNAS UI does', () => {
    assert.equal(humanBytes(0), '0 B');
    assert.equal(humanBytes(1536), '1.5 KiB');
    assert.equal(humanBytes(34_359_738_368), '32 GiB');
    assert.equal(humanBytes(4_000_787_030_016), '3.64 TiB');
    assert.equal(humanBytes(15_994_458_210_304), '14.5 TiB');
    assert.deepEqual(sized('used', 98_304), { used: '96 KiB', used_bytes: 98_304 });
    assert.deepEqual(sized('used', undefined), {});
  });

  it('reads EJSON dates and strips alert HTML', () => {
    assert.equal(isoTime({ $date: 0 }), '1970-01-01T00:00:00.000Z');
    assert.equal(isoTime('2025-01-01'), undefined);
    assert.equal(
      plainText('Pool is DEGRADED<br>Devices:<ul><li>sdg is FAULTED</li></ul>'),
      'Pool is DEGRADED Devices: - sdg is FAULTED',
    );
  });
});
