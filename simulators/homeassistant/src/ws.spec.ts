import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { HA_VERSION } from './core/config.js';
import type { RunningHomeAssistantSimulator } from './server.js';
import { WsClient, startSim } from './spec-helpers.js';

type Obj = Record<string, unknown>;

describe('WebSocket API', () => {
  let sim: RunningHomeAssistantSimulator;
  before(async () => {
    sim = await startSim();
  });
  after(() => sim.close());

  it('runs the auth handshake', async () => {
    const ws = await WsClient.open(sim);
    assert.deepEqual(await ws.next((f) => f['type'] === 'auth_required'), {
      type: 'auth_required',
      ha_version: HA_VERSION,
    });
    ws.send({ type: 'auth', access_token: 'test-token' });
    assert.deepEqual(await ws.next(() => true), { type: 'auth_ok', ha_version: HA_VERSION });
    ws.send({ id: 1, type: 'ping' });
    assert.deepEqual(await ws.next((f) => f['id'] === 1), { id: 1, type: 'pong' });
    ws.close();
  });

  it('rejects a wrong token with auth_invalid, then closes', async () => {
    const ws = await WsClient.open(sim);
    await ws.next((f) => f['type'] === 'auth_required');
    ws.send({ type: 'auth', access_token: 'wrong' });
    assert.deepEqual(await ws.next(() => true), {
      type: 'auth_invalid',
      message: 'Invalid access token or password',
    });
    assert.equal(await ws.waitClosed(), 1000);
  });

  it('closes when a command arrives before auth', async () => {
    const ws = await WsClient.open(sim);
    await ws.next((f) => f['type'] === 'auth_required');
    ws.send({ id: 1, type: 'get_states' });
    const f = await ws.next(() => true);
    assert.equal(f['type'], 'auth_invalid');
    assert.match(String(f['message']), /^Auth message incorrectly formatted: /);
    await ws.waitClosed();
  });

  it('answers ping, enforces increasing ids, and reports unknown and malformed commands', async () => {
    const ws = await WsClient.connect(sim);
    ws.send({ id: 1, type: 'ping' });
    assert.deepEqual(await ws.next((f) => f['id'] === 1), { id: 1, type: 'pong' });
    assert.deepEqual(await ws.command({ id: 1, type: 'get_config' }), {
      id: 1,
      type: 'result',
      success: false,
      error: { code: 'id_reuse', message: 'Identifier values have to increase.' },
    });
    assert.deepEqual((await ws.command({ id: 2, type: 'no_such_thing' }))['error'], {
      code: 'unknown_command',
      message: 'Unknown command.',
    });
    assert.deepEqual((await ws.command({ id: 3, type: 'fire_event', event_type: 100 }))['error'], {
      code: 'invalid_format',
      message:
        "Message incorrectly formatted: expected str for dictionary value @ data['event_type']. Got 100",
    });
    ws.send({ type: 'ping' });
    assert.deepEqual((await ws.next((f) => f['type'] === 'result'))['error'], {
      code: 'invalid_format',
      message: 'Message incorrectly formatted.',
    });
    ws.close();
  });

  it('delivers state_changed events for a service call, before its result', async () => {
    const ws = await WsClient.connect(sim);
    assert.equal(
      (await ws.command({ id: 1, type: 'subscribe_events', event_type: 'state_changed' }))['success'],
      true,
    );
    await ws.command({
      id: 2,
      type: 'call_service',
      domain: 'light',
      service: 'turn_off',
      target: { entity_id: 'light.bedroom_ceiling' },
    });
    ws.send({
      id: 3,
      type: 'call_service',
      domain: 'light',
      service: 'turn_on',
      service_data: { brightness: '101', color_temp_kelvin: 3000 },
      target: { entity_id: 'light.bedroom_ceiling' },
    });
    const event = await ws.next((f) => f['id'] === 1 && f['type'] === 'event');
    const result = await ws.next((f) => f['id'] === 3);
    const e = event['event'] as Obj;
    assert.equal(e['event_type'], 'state_changed');
    assert.equal(e['origin'], 'LOCAL');
    const data = e['data'] as Obj;
    assert.equal(data['entity_id'], 'light.bedroom_ceiling');
    assert.equal((data['old_state'] as Obj)['state'], 'off');
    const next = data['new_state'] as Obj;
    assert.equal(next['state'], 'on');
    assert.equal((next['attributes'] as Obj)['brightness'], 101);
    assert.equal((next['attributes'] as Obj)['color_temp_kelvin'], 3000);
    assert.equal(result['success'], true);
    const context = (result['result'] as Obj)['context'] as Obj;
    assert.deepEqual(next['context'], context);
    assert.equal((await ws.command({ id: 4, type: 'unsubscribe_events', subscription: 1 }))['success'], true);
    assert.deepEqual((await ws.command({ id: 5, type: 'unsubscribe_events', subscription: 1 }))['error'], {
      code: 'not_found',
      message: 'Subscription not found.',
    });
    ws.close();
  });

  it('maps call_service failures to HA error codes', async () => {
    const ws = await WsClient.connect(sim);
    const notFound = await ws.command({ id: 1, type: 'call_service', domain: 'light', service: 'explode' });
    assert.equal((notFound['error'] as Obj)['code'], 'not_found');
    assert.equal((notFound['error'] as Obj)['message'], 'Service light.explode not found.');
    const invalid = await ws.command({
      id: 2,
      type: 'call_service',
      domain: 'light',
      service: 'turn_on',
      target: { entity_id: 'light.kitchen_ceiling' },
      service_data: { brightness: 300 },
    });
    assert.deepEqual(invalid['error'], {
      code: 'invalid_format',
      message: "value must be at most 255 for dictionary value @ data['brightness']",
    });
    const validation = await ws.command({
      id: 3,
      type: 'call_service',
      domain: 'climate',
      service: 'set_hvac_mode',
      target: { entity_id: 'climate.bedroom_radiator' },
      service_data: { hvac_mode: 'cool' },
    });
    assert.deepEqual(validation['error'], {
      code: 'service_validation_error',
      message: 'Validation error: HVAC mode cool is not valid. Valid HVAC modes are: off, heat, auto.',
      translation_domain: 'climate',
      translation_key: 'not_valid_hvac_mode',
      translation_placeholders: { mode: 'cool', modes: 'off, heat, auto' },
    });
    const response = await ws.command({
      id: 4,
      type: 'call_service',
      domain: 'todo',
      service: 'get_items',
      target: { entity_id: 'todo.chores' },
      return_response: true,
    });
    const items = (((response['result'] as Obj)['response'] as Obj)['todo.chores'] as Obj)['items'] as Obj[];
    assert.equal(items.length, 2);
    ws.close();
  });

  it('streams render_template: result, then an event, then updates', async () => {
    const ws = await WsClient.connect(sim);
    const r = await ws.command({
      id: 1,
      type: 'render_template',
      template: "{{ states('input_boolean.guest_mode') }}",
    });
    assert.deepEqual(r, { id: 1, type: 'result', success: true, result: null });
    const first = await ws.next((f) => f['id'] === 1 && f['type'] === 'event');
    assert.deepEqual(first['event'], {
      result: 'off',
      listeners: { all: false, domains: [], entities: ['input_boolean.guest_mode'], time: false },
    });
    await ws.command({
      id: 2,
      type: 'call_service',
      domain: 'input_boolean',
      service: 'turn_on',
      target: { entity_id: 'input_boolean.guest_mode' },
    });
    const update = await ws.next((f) => f['id'] === 1 && f['type'] === 'event');
    assert.equal((update['event'] as Obj)['result'], 'on');
    ws.close();
  });

  it('serves registries consistent with the states', async () => {
    const ws = await WsClient.connect(sim);
    const states = (await ws.command({ id: 1, type: 'get_states' }))['result'] as Obj[];
    const entities = (await ws.command({ id: 2, type: 'config/entity_registry/list' }))['result'] as Obj[];
    const devices = (await ws.command({ id: 3, type: 'config/device_registry/list' }))['result'] as Obj[];
    const areas = (await ws.command({ id: 4, type: 'config/area_registry/list' }))['result'] as Obj[];
    const floors = (await ws.command({ id: 5, type: 'config/floor_registry/list' }))['result'] as Obj[];
    const labels = (await ws.command({ id: 6, type: 'config/label_registry/list' }))['result'] as Obj[];
    const stateIds = new Set(states.map((s) => s['entity_id']));
    const deviceIds = new Set(devices.map((d) => d['id']));
    const areaIds = new Set(areas.map((a) => a['area_id']));
    assert.deepEqual(new Set(entities.map((e) => e['entity_id'])), stateIds);
    for (const e of entities) {
      if (e['device_id'] !== null)
        assert.ok(deviceIds.has(e['device_id']), `${String(e['entity_id'])} device`);
      if (e['area_id'] !== null) assert.ok(areaIds.has(e['area_id']), `${String(e['entity_id'])} area`);
    }
    for (const d of devices) if (d['area_id'] !== null) assert.ok(areaIds.has(d['area_id']));
    const floorIds = new Set(floors.map((f) => f['floor_id']));
    for (const a of areas) if (a['floor_id'] !== null) assert.ok(floorIds.has(a['floor_id']));
    assert.deepEqual([...areaIds].sort(), [
      'bedroom',
      'garage',
      'garden',
      'kitchen',
      'living_room',
      'office',
    ]);
    assert.ok(labels.length >= 3);
    const light = entities.find((e) => e['entity_id'] === 'light.kitchen_ceiling') ?? {};
    const lightDevice = devices.find((d) => d['id'] === light['device_id']) ?? {};
    assert.equal(lightDevice['area_id'], 'kitchen');
    const got = (
      await ws.command({ id: 7, type: 'config/entity_registry/get', entity_id: 'light.kitchen_ceiling' })
    )['result'] as Obj;
    assert.deepEqual((got['capabilities'] as Obj)['supported_color_modes'], ['color_temp']);
    const missing = await ws.command({ id: 8, type: 'config/entity_registry/get', entity_id: 'light.nope' });
    assert.equal((missing['error'] as Obj)['code'], 'not_found');
    const display = (await ws.command({ id: 9, type: 'config/entity_registry/list_for_display' }))[
      'result'
    ] as Obj;
    assert.deepEqual(display['entity_categories'], { '0': 'config', '1': 'diagnostic' });
    const battery = (display['entities'] as Obj[]).find((e) => e['ei'] === 'sensor.front_door_battery') ?? {};
    assert.equal(battery['ec'], 1);
    const extracted = (
      await ws.command({
        id: 10,
        type: 'extract_from_target',
        target: { area_id: ['garage'], label_id: ['nope'] },
      })
    )['result'] as Obj;
    assert.ok((extracted['referenced_entities'] as string[]).includes('cover.garage_door'));
    assert.deepEqual(extracted['missing_labels'], ['nope']);
    ws.close();
  });

  it('answers history, logbook, conversation and current user', async () => {
    const ws = await WsClient.connect(sim);
    const start = new Date(Date.now() - 6 * 3_600_000).toISOString();
    const history = (
      await ws.command({
        id: 1,
        type: 'history/history_during_period',
        start_time: start,
        entity_ids: ['sensor.smart_meter_power'],
        minimal_response: true,
      })
    )['result'] as Obj;
    const rows = history['sensor.smart_meter_power'] as Obj[];
    assert.ok(rows.length > 1);
    assert.ok('a' in (rows[0] ?? {}));
    assert.equal(typeof rows[1]?.['lu'], 'number');
    assert.ok(!('a' in (rows[1] ?? {})));
    const logbook = await ws.command({ id: 2, type: 'logbook/get_events', start_time: start });
    assert.ok(Array.isArray(logbook['result']));
    const convo = (await ws.command({ id: 3, type: 'conversation/process', text: 'lock the front door' }))[
      'result'
    ] as Obj;
    assert.equal((convo['response'] as Obj)['response_type'], 'action_done');
    const user = (await ws.command({ id: 4, type: 'auth/current_user' }))['result'] as Obj;
    assert.equal(user['is_admin'], true);
    ws.close();
  });

  it('delays REST responses and WS results by latencyMs', async () => {
    const slow = await startSim(60);
    try {
      const t0 = Date.now();
      await fetch(`${slow.url}/api/`, { headers: { Authorization: 'Bearer test-token' } });
      assert.ok(Date.now() - t0 >= 55);
      const ws = await WsClient.connect(slow);
      const t1 = Date.now();
      await ws.command({ id: 1, type: 'get_config' });
      assert.ok(Date.now() - t1 >= 55);
      ws.close();
    } finally {
      await slow.close();
    }
  });
});
