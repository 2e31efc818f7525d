import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ProgressUpdate } from '@mcp-gateway/contracts';
import { startHarness, textOf, type Harness } from '../spec-harness.js';

interface History {
  start: string;
  end: string;
  entities: {
    entity_id: string;
    changes: number;
    min?: number;
    max?: number;
    mean?: number;
    hours_in_state?: Record<string, number>;
    points: [string, string | number][];
  }[];
  no_history?: string[];
}

describe('homeassistant_get_history', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  it('summarises numeric sensors and states, with progress per entity', async () => {
    const progress: ProgressUpdate[] = [];
    const reply = await h.call(
      'homeassistant_get_history',
      {
        entity_ids: [
          'sensor.kitchen_sensor_temperature',
          'binary_sensor.front_door_contact',
          'sensor.nothing_here',
        ],
        hours: 24,
        max_points: 5,
      },
      progress,
    );
    assert.ok('ok' in reply && reply.ok, JSON.stringify(reply));
    const history = JSON.parse(textOf(reply.result)) as History;
    const temp = history.entities.find((e) => e.entity_id === 'sensor.kitchen_sensor_temperature');
    assert.ok(temp, JSON.stringify(history).slice(0, 500));
    assert.equal(typeof temp.min, 'number');
    assert.ok((temp.max ?? 0) >= (temp.min ?? 0));
    assert.ok(temp.points.length <= 5);
    assert.equal(typeof temp.points[0]?.[1], 'number');
    const door = history.entities.find((e) => e.entity_id === 'binary_sensor.front_door_contact');
    assert.ok(door?.hours_in_state);
    const hours = Object.values(door.hours_in_state).reduce((a, b) => a + b, 0);
    assert.ok(hours > 23 && hours <= 24.1, `hours add up to ${hours}`);
    assert.deepEqual(history.no_history, ['sensor.nothing_here']);
    assert.deepEqual(
      progress.map((p) => p.progress),
      [1, 2, 3],
    );
    assert.ok(progress.every((p) => p.total === 3));
  });

  it('records a change made through call_service', async () => {
    await h.json('homeassistant_call_service', {
      domain: 'switch',
      service: 'toggle',
      target: { entity_id: 'switch.garden_sprinkler' },
    });
    const history = await h.json<History>('homeassistant_get_history', {
      entity_ids: ['switch.garden_sprinkler'],
      hours: 1,
    });
    assert.ok((history.entities[0]?.changes ?? 0) >= 1);
  });

  it('rejects an inverted window', async () => {
    const text = await h.toolError('homeassistant_get_history', {
      entity_ids: ['sensor.kitchen_sensor_temperature'],
      start: '2025-03-02T00:00:00Z',
      end: '2025-03-01T00:00:00Z',
    });
    assert.match(text, /must be after start/);
  });
});

describe('homeassistant_get_logbook', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  it('lists recent entries newest first, filtered by entity', async () => {
    await h.json('homeassistant_call_service', {
      domain: 'lock',
      service: 'unlock',
      target: { entity_id: 'lock.front_door' },
    });
    await h.json('homeassistant_call_service', {
      domain: 'lock',
      service: 'lock',
      target: { entity_id: 'lock.front_door' },
    });
    const log = await h.json<{
      total: number;
      entries: { when: string; entity_id?: string; message?: string; by?: string }[];
    }>('homeassistant_get_logbook', {
      entity_ids: ['lock.front_door'],
      hours: 1,
    });
    assert.ok(log.total >= 2, JSON.stringify(log));
    assert.ok(log.entries.every((e) => e.entity_id === 'lock.front_door'));
    const times = log.entries.map((e) => Date.parse(e.when));
    assert.deepEqual(
      times,
      [...times].sort((a, b) => b - a),
    );
  });

  it('pages the whole logbook', async () => {
    const page = await h.json<{ total: number; next_offset?: number; entries: unknown[] }>(
      'homeassistant_get_logbook',
      { limit: 2 },
    );
    assert.ok(page.entries.length <= 2);
    if (page.total > 2) assert.equal(page.next_offset, 2);
  });
});
