import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { summariseHistory } from './history-summary.js';

const window = { start: new Date('2025-03-01T00:00:00Z'), end: new Date('2025-03-01T04:00:00Z') };

describe('summariseHistory', () => {
  it('gives numeric sensors extremes and a time-weighted mean', () => {
    const rows = [
      {
        entity_id: 'sensor.t',
        state: '10',
        attributes: { friendly_name: 'T', unit_of_measurement: '°C' },
        last_changed: '2025-03-01T00:00:00+00:00',
      },
      { state: '20', last_changed: '2025-03-01T03:00:00+00:00' },
      { state: 'unavailable', last_changed: '2025-03-01T03:30:00+00:00' },
      {
        entity_id: 'sensor.t',
        state: '14',
        attributes: { friendly_name: 'T', unit_of_measurement: '°C' },
        last_changed: '2025-03-01T03:45:00+00:00',
      },
    ];
    const s = summariseHistory('sensor.t', rows, window, 2, 'UTC');
    assert.equal(s.name, 'T');
    assert.equal(s.unit, '°C');
    assert.equal(s.first, 10);
    assert.equal(s.last, 14);
    assert.equal(s.min, 10);
    assert.equal(s.max, 20);
    assert.equal(s.max_at, '2025-03-01T03:00:00Z');
    // (10·3h + 20·0.5h + 14·0.25h) / 3.75h
    assert.equal(s.mean, 11.6);
    assert.deepEqual(s.points, [
      ['2025-03-01T00:00:00Z', 10],
      ['2025-03-01T03:45:00Z', 14],
    ]);
    assert.equal(s.points_omitted, 2);
  });

  it('gives other entities hours per state and the latest changes', () => {
    const rows = [
      { entity_id: 'light.k', state: 'off', attributes: {}, last_changed: '2025-03-01T00:00:00+00:00' },
      { state: 'on', last_changed: '2025-03-01T01:00:00+00:00' },
      { entity_id: 'light.k', state: 'off', attributes: {}, last_changed: '2025-03-01T03:30:00+00:00' },
    ];
    const s = summariseHistory('light.k', rows, window, 1, 'UTC');
    assert.deepEqual(s.hours_in_state, { off: 1.5, on: 2.5 });
    assert.equal(s.changes, 2);
    assert.deepEqual(s.points, [['2025-03-01T03:30:00Z', 'off']]);
    assert.equal(s.min, undefined);
  });
});
