import { Type } from '@sinclair/typebox';
import { READ_ONLY, ToolError, defineTool, jsonResult } from '@mcp-gateway/connector-kit';
import type { HomeAssistantBackend } from '../backend.js';
import { paginate, pagingProperties } from '../schema.js';

const ENTITIES_PER_DEVICE = 15;

const Input = Type.Object(
  {
    area_id: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 100,
        description: 'Only devices in this area: an area_id or area name, e.g. "kitchen".',
      }),
    ),
    search: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 100,
        description:
          'Words that must all appear in the device name, manufacturer or model, ignoring case, e.g. "hue bulb".',
      }),
    ),
    ...pagingProperties('devices'),
  },
  { additionalProperties: false },
);

interface DeviceRow {
  device_id: string;
  name: string;
  manufacturer?: string;
  model?: string;
  area?: string;
  disabled?: true;
  service?: true;
  entities: string[];
  entities_total?: number;
}

export const listDevices = defineTool<HomeAssistantBackend, typeof Input>({
  name: 'homeassistant_list_devices',
  title: 'Home Assistant: list devices',
  description: [
    "Lists physical devices (and integration services) from Home Assistant's device registry: name, manufacturer, model, area (area_id) and the entity ids each device provides.",
    'Use it to see what is installed in a room, to find all entities of one device, or to get a device_id for homeassistant_call_service target.device_id.',
    'Paged: total, next_offset.',
    'Example: {"area_id": "living_room"} or {"search": "thermostat"}.',
  ].join(' '),
  input: Input,
  annotations: READ_ONLY,
  async run(args, { backend, signal }) {
    const registries = await backend.registries(signal);
    let areaId: string | undefined;
    if (args.area_id !== undefined) {
      const area = registries.findArea(args.area_id);
      if (!area)
        throw new ToolError(`No area "${args.area_id}". Known area ids: ${registries.knownAreas()}.`);
      areaId = area.area_id;
    }
    const entitiesByDevice = new Map<string, string[]>();
    for (const e of registries.entities) {
      if (!e.device_id) continue;
      const list = entitiesByDevice.get(e.device_id) ?? [];
      list.push(e.entity_id);
      entitiesByDevice.set(e.device_id, list);
    }
    const words = (args.search ?? '')
      .toLowerCase()
      .split(/\s+/)
      .filter((w) => w !== '');
    const rows: DeviceRow[] = [];
    for (const d of registries.devices) {
      if (areaId !== undefined && d.area_id !== areaId) continue;
      const name = d.name_by_user ?? d.name ?? d.id;
      if (words.length > 0) {
        const haystack = `${name} ${d.name ?? ''} ${d.manufacturer ?? ''} ${d.model ?? ''}`.toLowerCase();
        if (!words.every((w) => haystack.includes(w))) continue;
      }
      const entities = (entitiesByDevice.get(d.id) ?? []).sort();
      const row: DeviceRow = { device_id: d.id, name, entities: entities.slice(0, ENTITIES_PER_DEVICE) };
      if (entities.length > ENTITIES_PER_DEVICE) row.entities_total = entities.length;
      if (d.manufacturer) row.manufacturer = d.manufacturer;
      if (d.model) row.model = d.model;
      if (d.area_id) row.area = d.area_id;
      if (d.disabled_by) row.disabled = true;
      if (d.entry_type === 'service') row.service = true;
      rows.push(row);
    }
    rows.sort((a, b) => a.name.localeCompare(b.name) || a.device_id.localeCompare(b.device_id));
    const page = paginate(rows, args.limit, args.offset);
    return jsonResult({
      total: page.total,
      offset: page.offset,
      ...(page.next_offset !== undefined ? { next_offset: page.next_offset } : {}),
      devices: page.items,
    });
  },
});
