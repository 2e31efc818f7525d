import { stableHexId, stableUlid } from '../core/ids.js';
import type { DeviceEntry, EntityEntry } from '../core/registries.js';
import type { DemoDeviceSpec } from './devices.js';
import { REGISTRY_CREATED_AT } from './home.js';

export const configEntryId = (platform: string): string => stableUlid(`config_entry:${platform}`);
export const deviceId = (key: string): string => stableHexId(`device:${key}`);

export function deviceEntry(spec: DemoDeviceSpec): DeviceEntry {
  const entry = configEntryId(spec.platform);
  return {
    area_id: spec.area_id,
    configuration_url: spec.configuration_url ?? null,
    config_entries: [entry],
    config_entries_subentries: { [entry]: [null] },
    connections: spec.mac ? [['mac', spec.mac]] : [],
    created_at: REGISTRY_CREATED_AT,
    disabled_by: null,
    entry_type: spec.entry_type ?? null,
    hw_version: spec.hw_version ?? null,
    id: deviceId(spec.key),
    identifiers: [[spec.platform, stableHexId(`identifier:${spec.key}`).slice(0, 16)]],
    labels: spec.labels ?? [],
    manufacturer: spec.manufacturer,
    model: spec.model,
    model_id: spec.model_id,
    modified_at: REGISTRY_CREATED_AT,
    name_by_user: null,
    name: spec.name,
    primary_config_entry: entry,
    serial_number: null,
    sw_version: spec.sw_version ?? null,
    via_device_id: spec.via ? deviceId(spec.via) : null,
  };
}

const CAPABILITY_KEYS: Record<string, string[]> = {
  light: [
    'max_color_temp_kelvin',
    'min_color_temp_kelvin',
    'max_mireds',
    'min_mireds',
    'supported_color_modes',
  ],
  climate: ['hvac_modes', 'min_temp', 'max_temp', 'target_temp_step'],
  sensor: ['state_class'],
  media_player: ['source_list'],
};

/** Registry `capabilities`: the attributes that describe what the entity can do. */
function capabilities(entityId: string, attrs: Record<string, unknown>): Record<string, unknown> | null {
  const keys = CAPABILITY_KEYS[entityId.slice(0, entityId.indexOf('.'))];
  if (!keys) return null;
  const out = Object.fromEntries(keys.filter((k) => attrs[k] !== undefined).map((k) => [k, attrs[k]]));
  return Object.keys(out).length ? out : null;
}

export interface EntityEntryInput {
  entity_id: string;
  platform: string;
  device_id: string | null;
  area_id: string | null;
  has_entity_name: boolean;
  original_name: string | null;
  attributes: Record<string, unknown>;
  entity_category?: 'config' | 'diagnostic';
  labels?: string[];
  translation_key?: string;
  unique_id?: string;
}

export function entityEntry(i: EntityEntryInput): EntityEntry {
  const deviceClass = i.attributes['device_class'];
  return {
    area_id: i.area_id,
    categories: {},
    config_entry_id: configEntryId(i.platform),
    config_subentry_id: null,
    created_at: REGISTRY_CREATED_AT,
    device_id: i.device_id,
    disabled_by: null,
    entity_category: i.entity_category ?? null,
    entity_id: i.entity_id,
    has_entity_name: i.has_entity_name,
    hidden_by: null,
    icon: null,
    id: stableHexId(`entity:${i.entity_id}`),
    labels: i.labels ?? [],
    modified_at: REGISTRY_CREATED_AT,
    name: null,
    options: i.entity_id.startsWith('sensor.') ? { sensor: { suggested_display_precision: 1 } } : {},
    original_name: i.original_name,
    platform: i.platform,
    translation_key: i.translation_key ?? null,
    unique_id: i.unique_id ?? stableHexId(`unique:${i.entity_id}`).slice(0, 20),
    extended: {
      aliases: [],
      capabilities: capabilities(i.entity_id, i.attributes),
      device_class: null,
      original_device_class: typeof deviceClass === 'string' ? deviceClass : null,
      original_icon: null,
    },
  };
}
