import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, type Harness } from '../spec-harness.js';

describe('registry tools', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  it('homeassistant_list_areas gives floors, areas and counts', async () => {
    const result = await h.json<{
      floors: { floor_id: string; name: string; level?: number }[];
      areas: {
        area_id: string;
        name: string;
        floor?: string;
        aliases?: string[];
        entities: number;
        devices: number;
      }[];
      entities_without_area: number;
    }>('homeassistant_list_areas', {});
    assert.deepEqual(
      result.floors.map((f) => f.floor_id),
      ['ground_floor', 'first_floor'],
    );
    const kitchen = result.areas.find((a) => a.area_id === 'kitchen');
    assert.equal(kitchen?.floor, 'Ground Floor');
    assert.ok((kitchen?.entities ?? 0) > 0);
    assert.ok((kitchen?.devices ?? 0) > 0);
    assert.deepEqual(result.areas.find((a) => a.area_id === 'living_room')?.aliases, ['lounge']);
  });

  it('homeassistant_list_devices filters by area alias and lists entity ids', async () => {
    const result = await h.json<{
      total: number;
      devices: { device_id: string; name: string; area?: string; entities: string[] }[];
    }>('homeassistant_list_devices', { area_id: 'lounge' });
    assert.ok(result.total > 0);
    assert.ok(result.devices.every((d) => d.area === 'living_room'));
    assert.ok(result.devices.some((d) => d.entities.includes('light.living_room_lamp')));
    const search = await h.json<{ devices: { manufacturer?: string }[] }>('homeassistant_list_devices', {
      search: 'shelly',
    });
    assert.ok(search.devices.length > 0 && search.devices.every((d) => d.manufacturer === 'Shelly'));
  });

  it('homeassistant_list_services lists domains, then one domain in detail', async () => {
    const all = await h.json<{
      services: Record<string, Record<string, string[]>>;
      response_required?: string[];
    }>('homeassistant_list_services', {});
    assert.ok(all.services['light']?.['turn_on']?.includes('brightness_pct'));
    assert.ok(all.response_required?.includes('weather.get_forecasts'));
    const light = await h.json<{
      services: Record<string, { target?: boolean; fields?: Record<string, { type?: string }> }>;
    }>('homeassistant_list_services', { domain: 'light', service: 'turn_on' });
    assert.deepEqual(Object.keys(light.services), ['turn_on']);
    assert.equal(light.services['turn_on']?.target, true);
    assert.match(light.services['turn_on']?.fields?.['brightness_pct']?.type ?? '', /^number/);
    const weather = await h.json<{ services: Record<string, { response?: string }> }>(
      'homeassistant_list_services',
      { domain: 'weather' },
    );
    assert.equal(weather.services['get_forecasts']?.response, 'required');
    assert.match(
      await h.toolError('homeassistant_list_services', { domain: 'warp_drive' }),
      /No service domain "warp_drive"/,
    );
  });
});
