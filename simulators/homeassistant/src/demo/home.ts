import type { AreaEntry, FloorEntry, LabelEntry } from '../core/registries.js';

/** Fixed so registry payloads are identical across runs (2025-01-15T09:00:00.512345Z). */
export const REGISTRY_CREATED_AT = 1736931600.512345;

export const FLOORS: FloorEntry[] = [
  {
    aliases: ['downstairs'],
    created_at: REGISTRY_CREATED_AT,
    floor_id: 'ground_floor',
    icon: 'mdi:home-floor-0',
    level: 0,
    modified_at: REGISTRY_CREATED_AT,
    name: 'Ground Floor',
  },
  {
    aliases: ['upstairs'],
    created_at: REGISTRY_CREATED_AT,
    floor_id: 'first_floor',
    icon: 'mdi:home-floor-1',
    level: 1,
    modified_at: REGISTRY_CREATED_AT,
    name: 'First Floor',
  },
];

function area(
  area_id: string,
  name: string,
  floor_id: string | null,
  icon: string,
  sensors: { temperature?: string; humidity?: string; motion?: string } = {},
  extra: Partial<AreaEntry> = {},
): AreaEntry {
  return {
    aliases: [],
    area_id,
    created_at: REGISTRY_CREATED_AT,
    floor_id,
    humidity_entity_id: sensors.humidity ?? null,
    icon,
    labels: [],
    modified_at: REGISTRY_CREATED_AT,
    motion_entity_id: sensors.motion ?? null,
    name,
    picture: null,
    temperature_entity_id: sensors.temperature ?? null,
    ...extra,
  };
}

export const AREAS: AreaEntry[] = [
  area('kitchen', 'Kitchen', 'ground_floor', 'mdi:silverware-fork-knife', {
    temperature: 'sensor.kitchen_sensor_temperature',
    humidity: 'sensor.kitchen_sensor_humidity',
    motion: 'binary_sensor.kitchen_motion',
  }),
  area(
    'living_room',
    'Living Room',
    'ground_floor',
    'mdi:sofa',
    { temperature: 'sensor.living_room_sensor_temperature', humidity: 'sensor.living_room_sensor_humidity' },
    { aliases: ['lounge'] },
  ),
  area('bedroom', 'Bedroom', 'first_floor', 'mdi:bed', {
    temperature: 'sensor.bedroom_sensor_temperature',
    humidity: 'sensor.bedroom_sensor_humidity',
  }),
  area('office', 'Office', 'first_floor', 'mdi:desk', {
    temperature: 'sensor.office_sensor_temperature',
    motion: 'binary_sensor.office_motion',
  }),
  area('garage', 'Garage', 'ground_floor', 'mdi:garage'),
  area(
    'garden',
    'Garden',
    null,
    'mdi:flower',
    { temperature: 'sensor.weather_station_temperature', humidity: 'sensor.weather_station_humidity' },
    { labels: ['outdoor'], aliases: ['backyard'] },
  ),
];

function label(label_id: string, name: string, color: string, icon: string, description: string): LabelEntry {
  return {
    color,
    created_at: REGISTRY_CREATED_AT,
    description,
    icon,
    label_id,
    modified_at: REGISTRY_CREATED_AT,
    name,
  };
}

export const LABELS: LabelEntry[] = [
  label('outdoor', 'Outdoor', 'green', 'mdi:tree', 'Things outside the house'),
  label('energy', 'Energy', 'amber', 'mdi:lightning-bolt', 'Power and energy monitoring'),
  label('security', 'Security', 'red', 'mdi:shield-home', 'Locks, doors and the garage'),
];
