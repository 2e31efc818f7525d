import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { RunningHomeAssistantSimulator } from './server.js';
import { api, startSim } from './spec-helpers.js';

type Obj = Record<string, unknown>;

describe('REST API', () => {
  let sim: RunningHomeAssistantSimulator;
  before(async () => {
    sim = await startSim();
  });
  after(() => sim.close());

  it('rejects a missing or wrong token with aiohttp plain text', async () => {
    for (const token of [null, 'wrong']) {
      const r = await api(sim, '/api/states', { token });
      assert.equal(r.status, 401);
      assert.equal(r.text, '401: Unauthorized');
      assert.match(r.headers.get('content-type') ?? '', /^text\/plain/);
    }
  });

  it('answers /api/ (trailing slash) and 404s /api', async () => {
    const ok = await api(sim, '/api/');
    assert.equal(ok.status, 200);
    assert.deepEqual(ok.json(), { message: 'API running.' });
    assert.equal(ok.headers.get('content-type'), 'application/json');
    const bare = await api(sim, '/api');
    assert.equal(bare.status, 404);
    assert.equal(bare.text, '404: Not Found');
    const wrongMethod = await api(sim, '/api/', { method: 'DELETE' });
    assert.equal(wrongMethod.status, 405);
    assert.equal(wrongMethod.text, '405: Method Not Allowed');
  });

  it('lists states and reads one; unknown entity is a JSON 404', async () => {
    const all = (await api(sim, '/api/states')).json() as Obj[];
    assert.ok(all.length > 40);
    const ids = all.map((s) => s['entity_id']);
    for (const id of [
      'sun.sun',
      'weather.forecast_home',
      'calendar.family',
      'todo.shopping_list',
      'light.kitchen_ceiling',
    ]) {
      assert.ok(ids.includes(id), id);
    }
    for (const s of all) assert.equal(typeof s['state'], 'string');
    const one = (await api(sim, '/api/states/light.kitchen_ceiling')).json() as Obj;
    assert.deepEqual(Object.keys(one), [
      'entity_id',
      'state',
      'attributes',
      'last_changed',
      'last_reported',
      'last_updated',
      'context',
    ]);
    assert.match(String((one['context'] as Obj)['id']), /^[0-9A-HJKMNP-TV-Z]{26}$/);
    assert.match(String(one['last_changed']), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?\+00:00$/);
    const missing = await api(sim, '/api/states/light.nope');
    assert.equal(missing.status, 404);
    assert.deepEqual(missing.json(), { message: 'Entity not found.' });
  });

  it('sets a state representation: 201 + Location when new, 200 after', async () => {
    const created = await api(sim, '/api/states/sensor.rest_test', {
      body: { state: 25, attributes: { unit_of_measurement: '°C' } },
    });
    assert.equal(created.status, 201);
    assert.equal(created.headers.get('location'), '/api/states/sensor.rest_test');
    assert.equal((created.json() as Obj)['state'], '25');
    const updated = await api(sim, '/api/states/sensor.rest_test', { body: { state: '26' } });
    assert.equal(updated.status, 200);
    assert.deepEqual((await api(sim, '/api/states/sensor.rest_test', { body: { attributes: {} } })).json(), {
      message: 'No state attribute specified.',
    });
    assert.deepEqual((await api(sim, '/api/states/bad id', { body: { state: 'x' } })).json(), {
      message: 'Invalid entity ID specified.',
    });
    assert.deepEqual((await api(sim, '/api/states/sensor.rest_test', { method: 'DELETE' })).json(), {
      message: 'Entity removed.',
    });
  });

  it('calls a service, changes state and returns the states changed by the call', async () => {
    await api(sim, '/api/services/light/turn_off', { body: { entity_id: 'light.kitchen_counter' } });
    const r = await api(sim, '/api/services/light/turn_on', {
      body: { entity_id: 'light.kitchen_counter', brightness_pct: 50 },
    });
    assert.equal(r.status, 200);
    const changed = r.json() as Obj[];
    assert.equal(changed.length, 1);
    assert.equal(changed[0]?.['entity_id'], 'light.kitchen_counter');
    assert.equal(changed[0]?.['state'], 'on');
    assert.equal((changed[0]?.['attributes'] as Obj)['brightness'], 128);
    const now = (await api(sim, '/api/states/light.kitchen_counter')).json() as Obj;
    assert.equal(now['state'], 'on');
    assert.equal(now['last_changed'], changed[0]?.['last_changed']);
    // Same state again: nothing changes, so nothing is returned.
    assert.deepEqual(
      (
        await api(sim, '/api/services/light/turn_on', {
          body: { entity_id: 'light.kitchen_counter', brightness_pct: 50 },
        })
      ).json(),
      [],
    );
  });

  it('targets areas and the generic homeassistant actions fan out by domain', async () => {
    const r = await api(sim, '/api/services/homeassistant/turn_off', { body: { area_id: 'office' } });
    const ids = (r.json() as Obj[]).map((s) => s['entity_id']).sort();
    assert.deepEqual(ids, ['light.office_desk_lamp', 'switch.office_monitor_plug']);
  });

  it('enforces return_response both ways and wraps the response', async () => {
    const notSupported = await api(sim, '/api/services/light/turn_on?return_response', {
      body: { entity_id: 'light.kitchen_counter' },
    });
    assert.equal(notSupported.status, 400);
    assert.deepEqual(notSupported.json(), {
      message: 'Service does not support responses. Remove return_response from request.',
    });
    const required = await api(sim, '/api/services/weather/get_forecasts', {
      body: { entity_id: 'weather.forecast_home', type: 'daily' },
    });
    assert.equal(required.status, 400);
    assert.deepEqual(required.json(), {
      message:
        'Service call requires responses but caller did not ask for responses. Add ?return_response to query parameters.',
    });
    const ok = await api(sim, '/api/services/weather/get_forecasts?return_response', {
      body: { entity_id: 'weather.forecast_home', type: 'daily' },
    });
    assert.equal(ok.status, 200);
    const body = ok.json() as Obj;
    assert.deepEqual(Object.keys(body), ['changed_states', 'service_response']);
    const forecast = ((body['service_response'] as Obj)['weather.forecast_home'] as Obj)['forecast'] as Obj[];
    assert.equal(forecast.length, 5);
    assert.ok(['condition', 'datetime', 'temperature', 'templow'].every((k) => k in (forecast[0] ?? {})));
    const todo = (
      await api(sim, '/api/services/todo/get_items?return_response', {
        body: { entity_id: 'todo.shopping_list' },
      })
    ).json() as Obj;
    const items = ((todo['service_response'] as Obj)['todo.shopping_list'] as Obj)['items'] as Obj[];
    assert.deepEqual(
      items.map((i) => i['summary']),
      ['Milk', 'Bread', 'Coffee beans'],
    );
  });

  it('maps service errors like HA: unknown service and bad data are plain 400s, validation errors JSON', async () => {
    const unknown = await api(sim, '/api/services/light/explode', { body: {} });
    assert.equal(unknown.status, 400);
    assert.equal(unknown.text, '400: Bad Request');
    const badData = await api(sim, '/api/services/light/turn_on', {
      body: { entity_id: 'light.kitchen_counter', brightness: 999 },
    });
    assert.equal(badData.text, '400: Bad Request');
    const validation = await api(sim, '/api/services/climate/set_hvac_mode', {
      body: { entity_id: 'climate.bedroom_radiator', hvac_mode: 'cool' },
    });
    assert.equal(validation.status, 400);
    assert.deepEqual(validation.json(), {
      message: 'HVAC mode cool is not valid. Valid HVAC modes are: off, heat, auto.',
    });
    assert.deepEqual((await api(sim, '/api/services/light/turn_on', { body: '{nope' })).json(), {
      message: 'Data should be valid JSON.',
    });
  });

  it('returns history per entity, minimal or full, and requires filter_entity_id', async () => {
    const missing = await api(sim, '/api/history/period');
    assert.equal(missing.status, 400);
    assert.deepEqual(missing.json(), { message: 'filter_entity_id is missing' });
    assert.deepEqual((await api(sim, '/api/history/period/yesterday?filter_entity_id=sun.sun')).json(), {
      message: 'Invalid datetime',
    });
    const ids = 'sensor.kitchen_sensor_temperature,light.kitchen_ceiling';
    const full = (await api(sim, `/api/history/period?filter_entity_id=${ids}`)).json() as Obj[][];
    assert.equal(full.length, 2);
    const temps = full[0] ?? [];
    assert.ok(temps.length > 20, 'a day of sensor values');
    for (const row of temps) {
      assert.deepEqual(Object.keys(row), [
        'entity_id',
        'state',
        'attributes',
        'last_changed',
        'last_updated',
      ]);
    }
    const minimal = (
      await api(sim, `/api/history/period?filter_entity_id=${ids}&minimal_response`)
    ).json() as Obj[][];
    const rows = minimal[0] ?? [];
    assert.ok('attributes' in (rows[0] ?? {}));
    assert.ok('attributes' in (rows[rows.length - 1] ?? {}));
    assert.deepEqual(Object.keys(rows[1] ?? {}), ['state', 'last_changed']);
    const future = new Date(Date.now() + 86_400_000).toISOString();
    assert.deepEqual((await api(sim, `/api/history/period/${future}?filter_entity_id=sun.sun`)).json(), []);
  });

  it('records logbook rows for service-driven changes', async () => {
    await api(sim, '/api/services/switch/toggle', { body: { entity_id: 'switch.garden_sprinkler' } });
    const rows = (await api(sim, '/api/logbook?entity=switch.garden_sprinkler')).json() as Obj[];
    const last = rows[rows.length - 1] ?? {};
    assert.equal(last['entity_id'], 'switch.garden_sprinkler');
    assert.equal(last['name'], 'Garden Sprinkler');
    assert.equal(last['context_domain'], 'switch');
    assert.equal(last['context_service'], 'toggle');
  });

  it('lists calendars and their events in a window', async () => {
    assert.deepEqual((await api(sim, '/api/calendars')).json(), [
      { entity_id: 'calendar.family', name: 'Family' },
      { entity_id: 'calendar.holidays', name: 'Holidays' },
    ]);
    const start = new Date(Date.now() - 3_600_000).toISOString();
    const end = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const events = (
      await api(sim, `/api/calendars/calendar.family?start=${start}&end=${end}`)
    ).json() as Obj[];
    assert.ok(events.some((e) => e['summary'] === 'Home office'));
    const allDay = events.find((e) => e['summary'] === "Grandma's birthday") ?? {};
    assert.match(String((allDay['start'] as Obj)['date']), /^\d{4}-\d\d-\d\d$/);
    const timed = events.find((e) => e['summary'] === 'Home office') ?? {};
    assert.match(String((timed['start'] as Obj)['dateTime']), /[+-]\d\d:\d\d$/);
    const bad = await api(sim, '/api/calendars/calendar.family');
    assert.equal(bad.status, 400);
  });

  it('processes conversation text and really changes state', async () => {
    await api(sim, '/api/services/light/turn_on', { body: { entity_id: 'light.living_room_lamp' } });
    const r = (
      await api(sim, '/api/conversation/process', { body: { text: 'Turn off the living room lamp' } })
    ).json() as Obj;
    const response = r['response'] as Obj;
    assert.equal(response['response_type'], 'action_done');
    assert.deepEqual(response['speech'], { plain: { speech: 'Turned off the light', extra_data: null } });
    assert.deepEqual((response['data'] as Obj)['success'], [
      { name: 'Living Room Lamp', type: 'entity', id: 'light.living_room_lamp' },
    ]);
    assert.equal(typeof r['conversation_id'], 'string');
    assert.equal(r['continue_conversation'], false);
    assert.equal(((await api(sim, '/api/states/light.living_room_lamp')).json() as Obj)['state'], 'off');
    const query = (
      await api(sim, '/api/conversation/process', {
        body: { text: 'What is the temperature in the kitchen?' },
      })
    ).json() as Obj;
    assert.equal((query['response'] as Obj)['response_type'], 'query_answer');
    const unknown = (
      await api(sim, '/api/conversation/process', { body: { text: 'sing a song' } })
    ).json() as Obj;
    assert.deepEqual((unknown['response'] as Obj)['data'], { code: 'no_intent_match' });
  });

  it('serves config, components, services, events, error log and check_config', async () => {
    const config = (await api(sim, '/api/config')).json() as Obj;
    assert.equal(config['state'], 'RUNNING');
    assert.equal(config['time_zone'], 'Europe/Amsterdam');
    assert.ok(((await api(sim, '/api/components')).json() as string[]).includes('light'));
    const services = (await api(sim, '/api/services')).json() as Obj[];
    const weather = services.find((s) => s['domain'] === 'weather')?.['services'] as Obj;
    assert.deepEqual((weather['get_forecasts'] as Obj)['response'], { optional: false });
    const light = services.find((s) => s['domain'] === 'light')?.['services'] as Obj;
    assert.deepEqual((light['turn_on'] as Obj)['target'], { entity: [{ domain: ['light'] }] });
    assert.deepEqual((await api(sim, '/api/events/my_event', { body: { a: 1 } })).json(), {
      message: 'Event my_event fired.',
    });
    assert.deepEqual((await api(sim, '/api/events/my_event', { body: '[1]' })).json(), {
      message: 'Event data should be a JSON object',
    });
    assert.ok(((await api(sim, '/api/events')).json() as Obj[]).some((e) => e['event'] === 'state_changed'));
    assert.match((await api(sim, '/api/error_log')).text, /WARNING/);
    assert.deepEqual((await api(sim, '/api/config/core/check_config', { method: 'POST' })).json(), {
      result: 'valid',
      errors: null,
      warnings: null,
    });
    assert.deepEqual((await api(sim, '/api/core/state')).json(), {
      state: 'RUNNING',
      recorder_state: { migration_in_progress: false, migration_is_live: false },
    });
  });
});
