import type { Registries } from '../core/registries.js';
import { isValidEntityId } from '../core/state-machine.js';
import { Invalid, ensureList, str, type Check } from '../core/vol.js';

export const TARGET_KEYS = ['entity_id', 'device_id', 'area_id', 'floor_id', 'label_id'] as const;

/** `cv.comp_entity_ids`: "all"/"none", a comma-separated string or a list; lower-cased. */
export const entityIds: Check = (v, path) => {
  if (typeof v === 'string' && ['all', 'none'].includes(v.toLowerCase())) return v.toLowerCase();
  const list = typeof v === 'string' ? v.split(',').map((s) => s.trim()) : Array.isArray(v) ? v : [v];
  return list.map((item) => {
    const id = typeof item === 'string' ? item.toLowerCase() : String(item);
    if (!isValidEntityId(id)) throw new Invalid(`Entity ID ${id} is an invalid entity ID`, path);
    return id;
  });
};

/** `cv.ENTITY_SERVICE_FIELDS`: the keys a target may carry. */
export const TARGET_FIELDS = {
  entity_id: { check: entityIds },
  device_id: { check: ensureList(str) },
  area_id: { check: ensureList(str) },
  floor_id: { check: ensureList(str) },
  label_id: { check: ensureList(str) },
};

export interface Selection {
  /** Entities named explicitly (unknown ones included, as HA keeps them for warnings). */
  referenced: Set<string>;
  /** Entities reached through devices, areas, floors or labels. */
  indirect: Set<string>;
  referencedDevices: Set<string>;
  referencedAreas: Set<string>;
  missingDevices: Set<string>;
  missingAreas: Set<string>;
  missingFloors: Set<string>;
  missingLabels: Set<string>;
}

const asList = (v: unknown): string[] =>
  v === undefined || v === null ? [] : (Array.isArray(v) ? v : [v]).map((x) => String(x));

/**
 * `helpers/target.py async_extract_referenced_entity_ids`: expand floors → areas, labels → areas,
 * devices and entities, areas → devices and entities. Hidden entities and ones with an entity
 * category are skipped when reached indirectly.
 */
export function selectTargets(
  reg: Registries,
  data: Record<string, unknown>,
  allEntityIds: () => string[],
): Selection {
  const sel: Selection = {
    referenced: new Set(),
    indirect: new Set(),
    referencedDevices: new Set(),
    referencedAreas: new Set(),
    missingDevices: new Set(),
    missingAreas: new Set(),
    missingFloors: new Set(),
    missingLabels: new Set(),
  };
  const rawEntities = data['entity_id'];
  // "all" reaches every entity without naming them, so unsupported ones are skipped, not errors.
  if (rawEntities === 'all') for (const id of allEntityIds()) sel.indirect.add(id);
  else if (rawEntities !== 'none') for (const id of asList(rawEntities)) sel.referenced.add(id);

  for (const floorId of asList(data['floor_id'])) {
    if (!reg.floor(floorId)) sel.missingFloors.add(floorId);
    for (const a of reg.areasOnFloor(floorId)) sel.referencedAreas.add(a.area_id);
  }
  for (const labelId of asList(data['label_id'])) {
    if (!reg.labels.some((l) => l.label_id === labelId)) sel.missingLabels.add(labelId);
    for (const a of reg.areas) if (a.labels.includes(labelId)) sel.referencedAreas.add(a.area_id);
    for (const d of reg.devices) if (d.labels.includes(labelId)) sel.referencedDevices.add(d.id);
    for (const e of reg.entities) if (e.labels.includes(labelId)) sel.indirect.add(e.entity_id);
  }
  for (const areaId of asList(data['area_id'])) {
    if (!reg.area(areaId)) sel.missingAreas.add(areaId);
    sel.referencedAreas.add(areaId);
  }
  for (const areaId of sel.referencedAreas) {
    for (const d of reg.devicesInArea(areaId)) sel.referencedDevices.add(d.id);
  }
  for (const deviceId of asList(data['device_id'])) {
    if (!reg.device(deviceId)) sel.missingDevices.add(deviceId);
    else sel.referencedDevices.add(deviceId);
  }
  const explicitDevices = new Set(asList(data['device_id']).filter((id) => reg.device(id)));
  for (const e of reg.entities) {
    if (e.entity_category !== null || e.hidden_by !== null) continue;
    const inArea = e.area_id !== null && sel.referencedAreas.has(e.area_id);
    const ofDevice =
      e.device_id !== null &&
      (explicitDevices.has(e.device_id) || (e.area_id === null && sel.referencedDevices.has(e.device_id)));
    if (inArea || ofDevice) sel.indirect.add(e.entity_id);
  }
  for (const id of sel.referenced) sel.indirect.delete(id);
  return sel;
}
