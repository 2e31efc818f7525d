/**
 * Area, floor, label, device and entity registries in the shapes the WS `config/*_registry/list`
 * commands return (frontend `src/data/*_registry.ts`; `created_at`/`modified_at` are epoch floats).
 */
export interface FloorEntry {
  aliases: string[];
  created_at: number;
  floor_id: string;
  icon: string | null;
  level: number | null;
  modified_at: number;
  name: string;
}

export interface AreaEntry {
  aliases: string[];
  area_id: string;
  created_at: number;
  floor_id: string | null;
  humidity_entity_id: string | null;
  icon: string | null;
  labels: string[];
  modified_at: number;
  motion_entity_id: string | null;
  name: string;
  picture: string | null;
  temperature_entity_id: string | null;
}

export interface LabelEntry {
  color: string | null;
  created_at: number;
  description: string | null;
  icon: string | null;
  label_id: string;
  modified_at: number;
  name: string;
}

export interface DeviceEntry {
  area_id: string | null;
  configuration_url: string | null;
  config_entries: string[];
  config_entries_subentries: Record<string, (string | null)[]>;
  connections: [string, string][];
  created_at: number;
  disabled_by: 'user' | 'integration' | 'config_entry' | null;
  entry_type: 'service' | null;
  hw_version: string | null;
  id: string;
  identifiers: [string, string][];
  labels: string[];
  manufacturer: string | null;
  model: string | null;
  model_id: string | null;
  modified_at: number;
  name_by_user: string | null;
  name: string;
  primary_config_entry: string | null;
  serial_number: string | null;
  sw_version: string | null;
  via_device_id: string | null;
}

export interface EntityEntry {
  area_id: string | null;
  categories: Record<string, string>;
  config_entry_id: string | null;
  config_subentry_id: string | null;
  created_at: number;
  device_id: string | null;
  disabled_by: 'user' | 'device' | 'integration' | 'config_entry' | null;
  entity_category: 'config' | 'diagnostic' | null;
  entity_id: string;
  has_entity_name: boolean;
  hidden_by: 'user' | 'integration' | null;
  icon: string | null;
  id: string;
  labels: string[];
  modified_at: number;
  name: string | null;
  options: Record<string, unknown>;
  original_name: string | null;
  platform: string;
  translation_key: string | null;
  unique_id: string;
  /** Only in `config/entity_registry/get` (the "extended" entry). */
  extended: {
    aliases: string[];
    capabilities: Record<string, unknown> | null;
    device_class: string | null;
    original_device_class: string | null;
    original_icon: string | null;
  };
}

/** List form: everything except the extended fields. */
export function entityListEntry(e: EntityEntry): Omit<EntityEntry, 'extended'> {
  const { extended: _extended, ...rest } = e;
  return rest;
}

export function entityExtendedEntry(e: EntityEntry): Record<string, unknown> {
  return { ...entityListEntry(e), ...e.extended };
}

export class Registries {
  private readonly entityById = new Map<string, EntityEntry>();
  private readonly deviceById = new Map<string, DeviceEntry>();

  constructor(
    readonly floors: FloorEntry[],
    readonly areas: AreaEntry[],
    readonly labels: LabelEntry[],
    readonly devices: DeviceEntry[],
    readonly entities: EntityEntry[],
  ) {
    for (const d of devices) this.deviceById.set(d.id, d);
    for (const e of entities) this.entityById.set(e.entity_id, e);
  }

  entity(entityId: string): EntityEntry | undefined {
    return this.entityById.get(entityId);
  }

  device(deviceId: string): DeviceEntry | undefined {
    return this.deviceById.get(deviceId);
  }

  area(areaId: string): AreaEntry | undefined {
    return this.areas.find((a) => a.area_id === areaId);
  }

  floor(floorId: string): FloorEntry | undefined {
    return this.floors.find((f) => f.floor_id === floorId);
  }

  /** Area by id, name or alias, case-insensitively (what templates and Assist accept). */
  findArea(lookup: string): AreaEntry | undefined {
    const l = lookup.trim().toLowerCase();
    return this.areas.find(
      (a) => a.area_id === l || a.name.toLowerCase() === l || a.aliases.some((x) => x.toLowerCase() === l),
    );
  }

  /** The entity's own area, else its device's (HA's effective area). */
  effectiveAreaId(entityId: string): string | null {
    const e = this.entityById.get(entityId);
    if (!e) return null;
    if (e.area_id) return e.area_id;
    return e.device_id ? (this.deviceById.get(e.device_id)?.area_id ?? null) : null;
  }

  devicesInArea(areaId: string): DeviceEntry[] {
    return this.devices.filter((d) => d.area_id === areaId);
  }

  /** `area_entities()`: entities placed in the area directly, then those of devices in it. */
  entitiesInArea(areaId: string): string[] {
    const direct = this.entities.filter((e) => e.area_id === areaId).map((e) => e.entity_id);
    const deviceIds = new Set(this.devicesInArea(areaId).map((d) => d.id));
    const viaDevice = this.entities
      .filter((e) => e.area_id === null && e.device_id !== null && deviceIds.has(e.device_id))
      .map((e) => e.entity_id);
    return [...direct, ...viaDevice];
  }

  entitiesOfDevice(deviceId: string): string[] {
    return this.entities.filter((e) => e.device_id === deviceId).map((e) => e.entity_id);
  }

  areasOnFloor(floorId: string): AreaEntry[] {
    return this.areas.filter((a) => a.floor_id === floorId);
  }
}
