import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatTime, parseTime, resolveWindow } from './time.js';

describe('parseTime', () => {
  it('keeps explicit offsets', () => {
    assert.equal(
      parseTime('2025-03-01T07:00:00+01:00', 'America/New_York', 'start').toISOString(),
      '2025-03-01T06:00:00.000Z',
    );
    assert.equal(
      parseTime('2025-03-01T07:00:00Z', 'Europe/Berlin', 'start').toISOString(),
      '2025-03-01T07:00:00.000Z',
    );
  });

  it("reads naive times and bare dates in Home Assistant's time zone", () => {
    assert.equal(
      parseTime('2025-03-01T07:00', 'Europe/Berlin', 'start').toISOString(),
      '2025-03-01T06:00:00.000Z',
    );
    assert.equal(parseTime('2025-07-01', 'Europe/Berlin', 'start').toISOString(), '2025-06-30T22:00:00.000Z');
    assert.equal(
      parseTime('2025-03-09 12:30:00', 'America/New_York', 'start').toISOString(),
      '2025-03-09T16:30:00.000Z',
    );
  });

  it('rejects what is not a time, naming the argument', () => {
    assert.throws(() => parseTime('yesterday', 'UTC', 'start'), /start must be an ISO 8601 time/);
  });
});

describe('formatTime', () => {
  it('prints the zone offset without fractions', () => {
    assert.equal(
      formatTime('2025-03-01T06:00:00.123456+00:00', 'Europe/Berlin'),
      '2025-03-01T07:00:00+01:00',
    );
    assert.equal(formatTime(new Date('2025-07-01T12:00:00Z'), 'UTC'), '2025-07-01T12:00:00Z');
    assert.equal(formatTime(new Date('2025-07-01T12:00:00Z'), 'Asia/Kolkata'), '2025-07-01T17:30:00+05:30');
  });
});

describe('resolveWindow', () => {
  const now = new Date('2025-03-10T12:00:00Z');

  it('looks back from now by default', () => {
    const w = resolveWindow({}, 'UTC', 'back', 24, now);
    assert.equal(w.start.toISOString(), '2025-03-09T12:00:00.000Z');
    assert.equal(w.end.toISOString(), now.toISOString());
  });

  it('looks ahead from now for calendars', () => {
    const w = resolveWindow({ hours: 48 }, 'UTC', 'ahead', 168, now);
    assert.equal(w.start.toISOString(), now.toISOString());
    assert.equal(w.end.toISOString(), '2025-03-12T12:00:00.000Z');
  });

  it('runs from start to now when only start is given', () => {
    const w = resolveWindow({ start: '2025-03-10T00:00:00Z' }, 'UTC', 'back', 24, now);
    assert.equal(w.end.toISOString(), now.toISOString());
  });

  it('refuses an end before the start', () => {
    assert.throws(
      () =>
        resolveWindow({ start: '2025-03-10T00:00:00Z', end: '2025-03-09T00:00:00Z' }, 'UTC', 'back', 24, now),
      /must be after start/,
    );
  });
});
