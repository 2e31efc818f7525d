import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, type Harness } from '../spec-harness.js';

interface CallResult {
  service: string;
  changed: { entity_id: string; state: string; attributes?: Record<string, unknown> }[];
  unchanged?: { entity_id: string; state: string }[];
  not_found?: string[];
  response?: unknown;
  note?: string;
}

describe('homeassistant_call_service', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  it('controls a device and returns the changed state compactly', async () => {
    await h.json('homeassistant_call_service', {
      domain: 'light',
      service: 'turn_off',
      target: { entity_id: 'light.kitchen_ceiling' },
    });
    const result = await h.json<CallResult>('homeassistant_call_service', {
      domain: 'light',
      service: 'turn_on',
      target: { entity_id: 'light.kitchen_ceiling' },
      service_data: { brightness_pct: 50 },
    });
    assert.equal(result.service, 'light.turn_on');
    const light = result.changed[0];
    assert.equal(light?.entity_id, 'light.kitchen_ceiling');
    assert.equal(light?.state, 'on');
    assert.equal(light?.attributes?.['supported_features'], undefined);
    const state = await h.json<{ entities: { state: string; attributes: Record<string, unknown> }[] }>(
      'homeassistant_get_state',
      { entity_ids: ['light.kitchen_ceiling'] },
    );
    assert.equal(state.entities[0]?.state, 'on');
    assert.ok(Math.abs(Number(state.entities[0]?.attributes['brightness']) - 128) <= 1);
  });

  it('acts on a whole area', async () => {
    await h.json('homeassistant_call_service', {
      domain: 'light',
      service: 'turn_off',
      target: { area_id: 'kitchen' },
    });
    const result = await h.json<CallResult>('homeassistant_call_service', {
      domain: 'light',
      service: 'turn_on',
      target: { area_id: ['kitchen'] },
    });
    assert.ok(result.changed.some((s) => s.entity_id === 'light.kitchen_counter' && s.state === 'on'));
  });

  it('reports targets that did not change and ids that do not exist', async () => {
    await h.json('homeassistant_call_service', {
      domain: 'switch',
      service: 'turn_on',
      target: { entity_id: 'switch.coffee_maker' },
    });
    const result = await h.json<CallResult>('homeassistant_call_service', {
      domain: 'switch',
      service: 'turn_on',
      target: { entity_id: ['switch.coffee_maker', 'switch.no_such_plug'] },
    });
    assert.deepEqual(result.unchanged, [{ entity_id: 'switch.coffee_maker', state: 'on' }]);
    assert.deepEqual(result.not_found, ['switch.no_such_plug']);
  });

  it('returns service responses when asked', async () => {
    const result = await h.json<CallResult>('homeassistant_call_service', {
      domain: 'weather',
      service: 'get_forecasts',
      target: { entity_id: 'weather.forecast_home' },
      service_data: { type: 'daily' },
      return_response: true,
    });
    const response = result.response as Record<string, { forecast: unknown[] }>;
    assert.ok(Array.isArray(response['weather.forecast_home']?.forecast));
  });

  it('tells the model to set return_response for response-only services', async () => {
    const text = await h.toolError('homeassistant_call_service', {
      domain: 'weather',
      service: 'get_forecasts',
      target: { entity_id: 'weather.forecast_home' },
      service_data: { type: 'daily' },
    });
    assert.match(text, /return_response: true/);
  });

  it('tells the model when a service returns nothing', async () => {
    const text = await h.toolError('homeassistant_call_service', {
      domain: 'light',
      service: 'toggle',
      target: { entity_id: 'light.kitchen_ceiling' },
      return_response: true,
    });
    assert.match(text, /does not return data/);
  });

  it('explains unknown services and invalid data', async () => {
    const unknown = await h.toolError('homeassistant_call_service', {
      domain: 'light',
      service: 'explode',
      target: { entity_id: 'light.kitchen_ceiling' },
    });
    assert.match(unknown, /light\.explode/);
    assert.match(unknown, /turn_on/);
    const invalid = await h.toolError('homeassistant_call_service', {
      domain: 'light',
      service: 'turn_on',
      target: { entity_id: 'light.kitchen_ceiling' },
      service_data: { brightness: 'very bright' },
    });
    assert.match(invalid, /light\.turn_on|brightness/);
  });
});
