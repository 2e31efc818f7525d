import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compileSchema } from '@mcp-gateway/contracts';
import { startHarness, type Harness } from '../spec-harness.js';
import { getState } from './get-state.js';

interface EntityList {
  total: number;
  offset: number;
  next_offset?: number;
  entities: {
    entity_id: string;
    name: string;
    state: string;
    area?: string;
    unit?: string;
    device_class?: string;
  }[];
}

describe('homeassistant_list_entities', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  it('lists a domain sorted by entity id, with names, states and areas', async () => {
    const list = await h.json<EntityList>('homeassistant_list_entities', { domain: 'light', limit: 500 });
    assert.ok(list.total >= 5);
    assert.equal(list.next_offset, undefined);
    const ids = list.entities.map((e) => e.entity_id);
    assert.deepEqual(ids, [...ids].sort());
    assert.ok(ids.every((id) => id.startsWith('light.')));
    const kitchen = list.entities.find((e) => e.entity_id === 'light.kitchen_ceiling');
    assert.ok(kitchen);
    assert.equal(kitchen.area, 'kitchen');
    assert.ok(kitchen.name.length > 0);
    assert.ok(['on', 'off'].includes(kitchen.state));
  });

  it('filters by area name, search words and state', async () => {
    const byArea = await h.json<EntityList>('homeassistant_list_entities', {
      area_id: 'Kitchen',
      limit: 500,
    });
    assert.ok(byArea.entities.length > 0);
    assert.ok(byArea.entities.every((e) => e.area === 'kitchen'));
    assert.ok(byArea.entities.some((e) => e.entity_id === 'light.kitchen_ceiling'));

    const search = await h.json<EntityList>('homeassistant_list_entities', { search: 'kitchen temperature' });
    const temp = search.entities.find((e) => e.entity_id === 'sensor.kitchen_sensor_temperature');
    assert.ok(temp, JSON.stringify(search));
    assert.equal(temp.device_class, 'temperature');
    assert.ok(temp.unit);

    const lock = await h.json<EntityList>('homeassistant_list_entities', { domain: 'lock' });
    const state = lock.entities[0]?.state ?? '';
    const same = await h.json<EntityList>('homeassistant_list_entities', {
      domain: 'lock',
      state: state.toUpperCase(),
    });
    assert.ok(same.entities.every((e) => e.state === state));
  });

  it('pages with limit, offset and next_offset', async () => {
    const first = await h.json<EntityList>('homeassistant_list_entities', { limit: 3 });
    assert.equal(first.entities.length, 3);
    assert.equal(first.next_offset, 3);
    const second = await h.json<EntityList>('homeassistant_list_entities', { limit: 3, offset: 3 });
    assert.equal(second.total, first.total);
    assert.notDeepEqual(second.entities[0], first.entities[0]);
    assert.ok((second.entities[0]?.entity_id ?? '') > (first.entities[2]?.entity_id ?? ''));
  });

  it('tells the model which areas exist when the area is unknown', async () => {
    const text = await h.toolError('homeassistant_list_entities', { area_id: 'attic' });
    assert.match(text, /No area "attic"/);
    assert.match(text, /kitchen/);
  });

  it('refuses arguments outside the schema before calling Home Assistant', async () => {
    const reply = await h.call('homeassistant_list_entities', { domain: 'Light!' });
    assert.ok('ok' in reply && !reply.ok);
    assert.equal(reply.error.code, 'INVALID_ARGUMENTS');
    const extra = await h.call('homeassistant_list_entities', { colour: 'red' });
    assert.ok('ok' in extra && !extra.ok && extra.error.message.includes('colour'));
  });
});

describe('homeassistant_get_state', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  it('returns useful attributes and reports unknown ids', async () => {
    const result = await h.json<{ entities: Record<string, unknown>[]; not_found?: string[] }>(
      'homeassistant_get_state',
      {
        entity_ids: ['light.kitchen_ceiling', 'sensor.kitchen_sensor_temperature', 'light.does_not_exist'],
      },
    );
    assert.deepEqual(result.not_found, ['light.does_not_exist']);
    const [light, sensor] = result.entities;
    assert.equal(light?.['entity_id'], 'light.kitchen_ceiling');
    assert.match(String(light?.['last_changed']), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/);
    const attributes = light?.['attributes'] as Record<string, unknown>;
    assert.equal(attributes['supported_features'], undefined);
    assert.equal(attributes['friendly_name'], undefined);
    assert.ok(sensor?.['unit']);
  });

  it('also takes one entity_id, and wants one of the two', async () => {
    const result = await h.json<{ entities: { entity_id: string }[] }>('homeassistant_get_state', {
      entity_id: 'light.kitchen_ceiling',
    });
    assert.equal(result.entities[0]?.entity_id, 'light.kitchen_ceiling');
    const validate = compileSchema(JSON.parse(JSON.stringify(getState.input)) as object);
    assert.equal(validate({}), false);
    assert.equal(validate({ entity_id: 'light.kitchen_ceiling' }), true);
  });

  it('returns every attribute when asked', async () => {
    const result = await h.json<{ entities: { attributes: Record<string, unknown> }[] }>(
      'homeassistant_get_state',
      {
        entity_ids: ['light.kitchen_ceiling'],
        all_attributes: true,
      },
    );
    assert.ok('supported_features' in (result.entities[0]?.attributes ?? {}));
  });

  it('reads many entities with one request', async () => {
    const ids = [
      'light.kitchen_ceiling',
      'light.kitchen_counter',
      'light.bedroom_ceiling',
      'light.bedside_lamp',
      'light.living_room_lamp',
      'light.office_desk_lamp',
      'lock.front_door',
      'cover.garage_door',
      'switch.coffee_maker',
    ];
    const result = await h.json<{ entities: { entity_id: string }[]; not_found?: string[] }>(
      'homeassistant_get_state',
      { entity_ids: ids },
    );
    assert.deepEqual(
      result.entities.map((e) => e.entity_id),
      ids,
    );
  });

  it('is an error the model can act on when nothing exists', async () => {
    const text = await h.toolError('homeassistant_get_state', { entity_ids: ['light.nope'] });
    assert.match(text, /Entity not found: light\.nope/);
    assert.match(text, /homeassistant_list_entities/);
  });
});
