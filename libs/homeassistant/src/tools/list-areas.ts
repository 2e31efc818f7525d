import { Type } from '@sinclair/typebox';
import { READ_ONLY, defineTool, jsonResult } from '@mcp-gateway/connector-kit';
import type { HomeAssistantBackend } from '../backend.js';

const Input = Type.Object({}, { additionalProperties: false });

interface AreaRow {
  area_id: string;
  name: string;
  floor_id?: string;
  floor?: string;
  aliases?: readonly string[];
  entities: number;
  devices: number;
}

export const listAreas = defineTool<HomeAssistantBackend, typeof Input>({
  name: 'homeassistant_list_areas',
  title: 'Home Assistant: list areas',
  description: [
    'Lists the areas (rooms) of the home with their floor, aliases, and how many devices and enabled entities each holds, plus the floors.',
    'Use it to learn room names and area ids before filtering entities by area (homeassistant_list_entities area_id) or acting on a whole room (homeassistant_call_service target.area_id).',
    'Example: {} (it takes no arguments).',
  ].join(' '),
  input: Input,
  annotations: READ_ONLY,
  async run(_args, { backend, signal }) {
    const registries = await backend.registries(signal);
    const entityCount = new Map<string, number>();
    let unassigned = 0;
    for (const e of registries.entities) {
      const area = registries.areaOf(e.entity_id);
      if (area === undefined) unassigned++;
      else entityCount.set(area, (entityCount.get(area) ?? 0) + 1);
    }
    const deviceCount = new Map<string, number>();
    for (const d of registries.devices)
      if (d.area_id && !d.disabled_by) deviceCount.set(d.area_id, (deviceCount.get(d.area_id) ?? 0) + 1);
    const floors = [...registries.floors].sort(
      (a, b) => (a.level ?? 0) - (b.level ?? 0) || a.name.localeCompare(b.name),
    );
    const floorRank = new Map(floors.map((f, i) => [f.floor_id, i]));
    const floorName = new Map(floors.map((f) => [f.floor_id, f.name]));
    const areas = [...registries.areas]
      .sort(
        (a, b) =>
          (floorRank.get(a.floor_id ?? '') ?? floors.length) -
            (floorRank.get(b.floor_id ?? '') ?? floors.length) || a.name.localeCompare(b.name),
      )
      .map((a) => {
        const row: AreaRow = {
          area_id: a.area_id,
          name: a.name,
          entities: entityCount.get(a.area_id) ?? 0,
          devices: deviceCount.get(a.area_id) ?? 0,
        };
        if (a.floor_id) {
          row.floor_id = a.floor_id;
          const name = floorName.get(a.floor_id);
          if (name) row.floor = name;
        }
        if (a.aliases && a.aliases.length > 0) row.aliases = a.aliases;
        return row;
      });
    return jsonResult({
      floors: floors.map((f) => ({
        floor_id: f.floor_id,
        name: f.name,
        ...(f.level !== null && f.level !== undefined ? { level: f.level } : {}),
      })),
      areas,
      entities_without_area: unassigned,
    });
  },
});
