import { demoConfig } from '../core/config.js';
import type { Context } from '../core/event-bus.js';
import { HomeAssistantState } from '../core/hass.js';
import { stableHexId, ulid } from '../core/ids.js';
import { Registries, type EntityEntry } from '../core/registries.js';
import { nowMicros, type Micros } from '../core/time.js';
import { registerAllServices } from '../services/register-all.js';
import { familyCalendar, holidayCalendar } from './calendars.js';
import { DEVICES, type DemoDeviceSpec } from './devices.js';
import { AREAS, FLOORS, LABELS } from './home.js';
import { deviceEntry, deviceId, entityEntry } from './registry-entries.js';
import { seedSeries, seedStart, type SeedPoint } from './seed-history.js';
import { demoTodoLists, standaloneEntities } from './standalone-entities.js';
import { sunState } from './sun.js';
import { currentWeather } from './weather.js';

interface Planned {
  entity_id: string;
  state: string;
  attributes: Record<string, unknown>;
}

/** HA's attribute order ends with `friendly_name`, then `supported_features`. */
function withName(attrs: Record<string, unknown>, name: string): Record<string, unknown> {
  const { supported_features: features, friendly_name: _n, ...rest } = attrs;
  const out: Record<string, unknown> = { ...rest, friendly_name: name };
  if (features !== undefined) out['supported_features'] = features;
  return out;
}

const SERVICE_DEVICES: DemoDeviceSpec[] = [
  {
    key: 'forecast',
    name: 'Forecast',
    platform: 'met',
    manufacturer: 'Met.no',
    model: 'Forecast',
    model_id: null,
    area_id: null,
    entry_type: 'service',
    configuration_url: 'https://www.met.no/en',
    entities: [],
  },
];

/** The demo home: registries, current states and a seeded day of history. */
export function buildDemoHome(opts: {
  internalUrl: string | null;
  owner: { id: string; name: string };
}): HomeAssistantState {
  const config = demoConfig(opts.internalUrl);
  const now = nowMicros();
  const timeZone = config.time_zone;
  const planned: Planned[] = [];
  const entries: EntityEntry[] = [];

  for (const device of DEVICES) {
    for (const e of device.entities) {
      const name = e.original_name ? `${device.name} ${e.original_name}` : device.name;
      planned.push({
        entity_id: e.entity_id,
        state: e.initial.state,
        attributes: withName(e.initial.attributes, name),
      });
      const deviceClass = e.initial.attributes['device_class'];
      entries.push(
        entityEntry({
          entity_id: e.entity_id,
          platform: device.platform,
          device_id: deviceId(device.key),
          area_id: null,
          has_entity_name: true,
          original_name: e.original_name,
          attributes: e.initial.attributes,
          entity_category: e.entity_category,
          labels: e.labels ?? (deviceClass === 'power' || deviceClass === 'energy' ? ['energy'] : []),
          translation_key: e.translation_key,
        }),
      );
    }
  }

  const weather = currentWeather(now, timeZone);
  planned.push({
    entity_id: 'weather.forecast_home',
    state: weather.state,
    attributes: withName(weather.attributes, 'Forecast Home'),
  });
  entries.push(
    entityEntry({
      entity_id: 'weather.forecast_home',
      platform: 'met',
      device_id: deviceId('forecast'),
      area_id: null,
      has_entity_name: true,
      original_name: 'Home',
      attributes: weather.attributes,
      unique_id: `${config.latitude}-${config.longitude}`,
    }),
  );
  const sun = sunState(now, config.latitude, config.longitude);
  planned.push({ entity_id: 'sun.sun', state: sun.state, attributes: withName(sun.attributes, 'Sun') });
  entries.push(
    entityEntry({
      entity_id: 'sun.sun',
      platform: 'sun',
      device_id: null,
      area_id: null,
      has_entity_name: false,
      original_name: 'Sun',
      attributes: sun.attributes,
      unique_id: stableHexId('sun').slice(0, 26),
    }),
  );

  const calendars = [familyCalendar({ now, timeZone }), holidayCalendar({ now, timeZone })];
  const todos = demoTodoLists(now, timeZone);
  for (const s of standaloneEntities({ now, timeZone, calendars, todos })) {
    planned.push({
      entity_id: s.entity_id,
      state: s.initial.state,
      attributes: withName(s.initial.attributes, s.name),
    });
    entries.push(
      entityEntry({
        entity_id: s.entity_id,
        platform: s.platform,
        device_id: null,
        area_id: s.area_id,
        has_entity_name: false,
        original_name: s.name,
        attributes: s.initial.attributes,
        unique_id: s.unique_id,
      }),
    );
  }

  const devices = [...DEVICES, ...SERVICE_DEVICES].map(deviceEntry);
  const registries = new Registries(FLOORS, AREAS, LABELS, devices, entries);
  const hass = new HomeAssistantState(config, registries, opts.owner);
  for (const c of calendars) hass.calendars.set(c.entity_id, c);
  for (const t of todos) hass.todos.set(t.entity_id, t);
  seedStates(hass, planned, now);
  registerAllServices(hass);
  return hass;
}

/** Write every seeded row in time order (so the logbook is chronological), then the live states. */
function seedStates(hass: HomeAssistantState, planned: Planned[], now: Micros): void {
  const w = { now, timeZone: hass.timeZone };
  const rows: (SeedPoint & { entity_id: string })[] = [];
  for (const p of planned) {
    const series = seedSeries(p.entity_id, p.state, p.attributes, w);
    if (series.length) for (const point of series) rows.push({ ...point, entity_id: p.entity_id });
    else rows.push({ at: seedStart(now), state: p.state, attributes: p.attributes, entity_id: p.entity_id });
  }
  rows.sort((a, b) => a.at - b.at);
  const contexts = new Map<Micros, Context>();
  for (const r of rows) {
    let context = contexts.get(r.at);
    if (!context) {
      context = { id: ulid(Math.floor(r.at / 1000)), parent_id: null, user_id: null };
      contexts.set(r.at, context);
    }
    hass.states.set(r.entity_id, r.state, r.attributes, { context, at: r.at });
  }
  // Seeded series end slightly before "now"; make sure the final demo state is the live one.
  for (const p of planned) {
    const current = hass.states.get(p.entity_id);
    if (current?.state !== p.state) {
      hass.states.set(p.entity_id, p.state, p.attributes, {
        context: { id: ulid(), parent_id: null, user_id: null },
      });
    }
  }
}
