import type { HomeAssistantState } from '../core/hass.js';
import { PyFunction, str } from './values.js';

/**
 * The area/floor/label/device helpers of `helpers/template.py` (`area_name`, `area_entities`, ...).
 * Each accepts the lookups HA accepts: ids or names, and for areas also entity or device ids.
 */
export function registryFunctions(hass: HomeAssistantState): Record<string, PyFunction> {
  const reg = hass.registries;
  const areaIdOf = (lookup: string): string | null => {
    const area = reg.findArea(lookup);
    if (area) return area.area_id;
    const device = reg.device(lookup);
    if (device) return device.area_id;
    if (reg.entity(lookup)) return reg.effectiveAreaId(lookup);
    return null;
  };
  const floorIdOf = (lookup: string): string | null => {
    const l = lookup.toLowerCase();
    const floor = reg.floors.find((f) => f.floor_id === l || f.name.toLowerCase() === l);
    if (floor) return floor.floor_id;
    const areaId = areaIdOf(lookup);
    return areaId ? (reg.area(areaId)?.floor_id ?? null) : null;
  };
  const labelIdsOf = (lookup: string): string[] => {
    const entity = reg.entity(lookup);
    if (entity) return entity.labels;
    const device = reg.device(lookup);
    if (device) return device.labels;
    const area = reg.findArea(lookup);
    return area ? area.labels : [];
  };
  const labelIdOf = (lookup: string): string | null => {
    const l = lookup.toLowerCase();
    return reg.labels.find((x) => x.label_id === l || x.name.toLowerCase() === l)?.label_id ?? null;
  };
  const deviceIdOf = (lookup: string): string | null => {
    const entity = reg.entity(lookup);
    if (entity) return entity.device_id;
    const l = lookup.toLowerCase();
    return reg.devices.find((d) => (d.name_by_user ?? d.name).toLowerCase() === l)?.id ?? null;
  };
  const f = (name: string, impl: (args: string[]) => unknown): [string, PyFunction] => [
    name,
    new PyFunction(name, (args) => impl(args.map((a) => (a === undefined || a === null ? '' : str(a))))),
  ];
  return Object.fromEntries([
    f('areas', () => reg.areas.map((a) => a.area_id)),
    f('area_id', ([l = '']) => areaIdOf(l)),
    f('area_name', ([l = '']) => {
      const id = areaIdOf(l);
      return id ? (reg.area(id)?.name ?? null) : null;
    }),
    f('area_entities', ([l = '']) => {
      const area = reg.findArea(l);
      return area ? reg.entitiesInArea(area.area_id) : [];
    }),
    f('area_devices', ([l = '']) => {
      const area = reg.findArea(l);
      return area ? reg.devicesInArea(area.area_id).map((d) => d.id) : [];
    }),
    f('floors', () => reg.floors.map((x) => x.floor_id)),
    f('floor_id', ([l = '']) => floorIdOf(l)),
    f('floor_name', ([l = '']) => {
      const id = floorIdOf(l);
      return id ? (reg.floor(id)?.name ?? null) : null;
    }),
    f('floor_areas', ([l = '']) => {
      const id = floorIdOf(l);
      return id ? reg.areasOnFloor(id).map((a) => a.area_id) : [];
    }),
    f('labels', ([l]) => (l ? labelIdsOf(l) : reg.labels.map((x) => x.label_id))),
    f('label_id', ([l = '']) => labelIdOf(l)),
    f('label_name', ([l = '']) => reg.labels.find((x) => x.label_id === l)?.name ?? null),
    f('label_areas', ([l = '']) =>
      reg.areas.filter((a) => a.labels.includes(labelIdOf(l) ?? '')).map((a) => a.area_id),
    ),
    f('label_devices', ([l = '']) =>
      reg.devices.filter((d) => d.labels.includes(labelIdOf(l) ?? '')).map((d) => d.id),
    ),
    f('label_entities', ([l = '']) =>
      reg.entities.filter((e) => e.labels.includes(labelIdOf(l) ?? '')).map((e) => e.entity_id),
    ),
    f('device_id', ([l = '']) => deviceIdOf(l)),
    f('device_entities', ([l = '']) => reg.entitiesOfDevice(l)),
    f('device_attr', ([l = '', attr = '']) => {
      const device = reg.device(l) ?? reg.device(deviceIdOf(l) ?? '');
      if (!device) return null;
      const value = (device as unknown as Record<string, unknown>)[attr];
      return value === undefined ? null : value;
    }),
    f('integration_entities', ([l = '']) =>
      reg.entities.filter((e) => e.platform === l).map((e) => e.entity_id),
    ),
  ]);
}
