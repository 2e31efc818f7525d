import { Type } from '@sinclair/typebox';
import { READ_ONLY, ToolError, defineTool, jsonResult } from '@mcp-gateway/connector-kit';
import type { HomeAssistantBackend } from '../backend.js';
import { domainOf, nameOf, unitOf, deviceClassOf } from '../compact.js';
import type { Registries } from '../registries.js';
import { paginate, pagingProperties, slug } from '../schema.js';
import type { HassState } from '../types.js';

const Input = Type.Object(
  {
    domain: Type.Optional(slug('Only entities of this domain, e.g. "light", "sensor", "climate".')),
    area_id: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 100,
        description:
          'Only entities in this area: an area_id or area name, e.g. "kitchen" (see homeassistant_list_areas).',
      }),
    ),
    state: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 255,
        description: 'Only entities whose state equals this, ignoring case, e.g. "on", "unavailable".',
      }),
    ),
    search: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 100,
        description:
          'Words that must all appear in the entity_id or name, ignoring case, e.g. "bedroom temp".',
      }),
    ),
    ...pagingProperties('entities'),
  },
  { additionalProperties: false },
);

interface EntityRow {
  entity_id: string;
  name: string;
  state: string;
  area?: string;
  unit?: string;
  device_class?: string;
}

export const listEntities = defineTool<HomeAssistantBackend, typeof Input>({
  name: 'homeassistant_list_entities',
  title: 'Home Assistant: list entities',
  description: [
    'Lists Home Assistant entities (lights, switches, sensors, climate, covers, locks, media players…) with their current state, sorted by entity_id.',
    'Use it to discover entity ids before reading or controlling something, or to answer "what is on / open / unavailable".',
    'Filters combine: domain, area_id (id or name), state, and search (words matched against entity_id and friendly name).',
    'Each row: entity_id, name, state, area (area_id), unit, device_class. Paged: total, next_offset.',
    'For all attributes of one entity use homeassistant_get_state.',
    'Example: {"domain": "light", "area_id": "kitchen"} or {"search": "temperature", "domain": "sensor"}.',
  ].join(' '),
  input: Input,
  annotations: READ_ONLY,
  async run(args, { backend, signal }) {
    const needAreas = args.area_id !== undefined;
    const [states, placement] = await Promise.all([
      backend.rest.get<HassState[]>('/api/states', { signal }),
      backend.registries(signal).then(
        (r): Registries | Error => r,
        (error: unknown): Registries | Error => {
          if (needAreas) throw error;
          return error instanceof Error ? error : new Error(String(error));
        },
      ),
    ]);
    const registries = placement instanceof Error ? undefined : placement;
    let areaId: string | undefined;
    if (args.area_id !== undefined && registries) {
      const area = registries.findArea(args.area_id);
      if (!area)
        throw new ToolError(`No area "${args.area_id}". Known area ids: ${registries.knownAreas()}.`);
      areaId = area.area_id;
    }
    const words = (args.search ?? '')
      .toLowerCase()
      .split(/\s+/)
      .filter((w) => w !== '');
    const wantedState = args.state?.toLowerCase();
    const rows: EntityRow[] = [];
    for (const s of states) {
      if (args.domain !== undefined && domainOf(s.entity_id) !== args.domain) continue;
      if (wantedState !== undefined && s.state.toLowerCase() !== wantedState) continue;
      const name = nameOf(s);
      if (words.length > 0) {
        const haystack = `${s.entity_id} ${name}`.toLowerCase();
        if (!words.every((w) => haystack.includes(w))) continue;
      }
      const area = registries?.areaOf(s.entity_id);
      if (areaId !== undefined && area !== areaId) continue;
      const row: EntityRow = { entity_id: s.entity_id, name, state: s.state };
      if (area !== undefined) row.area = area;
      const unit = unitOf(s);
      if (unit !== undefined) row.unit = unit;
      const deviceClass = deviceClassOf(s);
      if (deviceClass !== undefined) row.device_class = deviceClass;
      rows.push(row);
    }
    rows.sort((a, b) => a.entity_id.localeCompare(b.entity_id));
    const page = paginate(rows, args.limit, args.offset);
    const result: Record<string, unknown> = { total: page.total, offset: page.offset };
    if (page.next_offset !== undefined) result['next_offset'] = page.next_offset;
    if (placement instanceof Error) result['note'] = `Areas are unavailable: ${placement.message}`;
    result['entities'] = page.items;
    if (page.total === 0)
      result['hint'] = 'Nothing matched; loosen the filters (search matches entity_id and name words).';
    return jsonResult(result);
  },
});
