import { Type } from '@sinclair/typebox';
import { READ_ONLY, ToolError, defineTool, jsonResult } from '@mcp-gateway/connector-kit';
import type { HomeAssistantBackend } from '../backend.js';
import { deviceClassOf, nameOf, unitOf, usefulAttributes } from '../compact.js';
import { ENTITY_ID_PATTERN, entityIds } from '../schema.js';
import { formatTime } from '../time.js';
import type { HassState } from '../types.js';

const MAX_IDS = 50;
/** Above this many ids one `GET /api/states` is cheaper than one request per entity. */
const BULK_THRESHOLD = 8;

const Input = Type.Object(
  {
    entity_ids: Type.Optional(
      entityIds('Entity ids to read, e.g. ["light.kitchen", "sensor.outdoor_temperature"].', MAX_IDS),
    ),
    entity_id: Type.Optional(
      Type.String({
        pattern: ENTITY_ID_PATTERN,
        maxLength: 255,
        description: 'One entity id, e.g. "light.kitchen" (instead of entity_ids).',
      }),
    ),
    all_attributes: Type.Optional(
      Type.Boolean({
        default: false,
        description:
          'Include every attribute, also noisy ones (entity_picture, supported_features, colour-space duplicates). Default false.',
      }),
    ),
  },
  // One of the two: models (and people typing an explicit call) often name a single entity_id.
  { additionalProperties: false, anyOf: [{ required: ['entity_ids'] }, { required: ['entity_id'] }] },
);

export const getState = defineTool<HomeAssistantBackend, typeof Input>({
  name: 'homeassistant_get_state',
  title: 'Home Assistant: get entity state',
  description: [
    'Reads the current state of one or several Home Assistant entities with their attributes (brightness, temperature setpoints, media title, forecast…) and when the state last changed.',
    'Use it to check a device before or after acting on it, or to read values a list does not show.',
    `Up to ${MAX_IDS} entity ids; unknown ids are reported in not_found instead of failing the call.`,
    "Times are in Home Assistant's time zone.",
    'Example: {"entity_ids": ["climate.living_room", "sensor.outdoor_temperature"]} or {"entity_id": "light.kitchen"}.',
  ].join(' '),
  input: Input,
  annotations: READ_ONLY,
  async run(args, { backend, signal }) {
    const ids = args.entity_ids ?? (args.entity_id ? [args.entity_id] : []);
    const [found, timeZone] = await Promise.all([readStates(backend, ids, signal), backend.timeZone(signal)]);
    const notFound = ids.filter((id) => !found.has(id));
    if (found.size === 0) {
      throw new ToolError(
        `Entity not found: ${notFound.join(', ')}. Use homeassistant_list_entities to find entity ids.`,
      );
    }
    const entities = ids.flatMap((id) => {
      const s = found.get(id);
      if (!s) return [];
      const out: Record<string, unknown> = { entity_id: s.entity_id, name: nameOf(s), state: s.state };
      const unit = unitOf(s);
      if (unit !== undefined) out['unit'] = unit;
      const deviceClass = deviceClassOf(s);
      if (deviceClass !== undefined) out['device_class'] = deviceClass;
      out['last_changed'] = formatTime(s.last_changed, timeZone);
      if (s.last_updated && s.last_updated !== s.last_changed)
        out['last_updated'] = formatTime(s.last_updated, timeZone);
      out['attributes'] = usefulAttributes(s.attributes, args.all_attributes ? 'all' : 'useful');
      return [out];
    });
    return jsonResult(notFound.length > 0 ? { entities, not_found: notFound } : { entities });
  },
});

async function readStates(
  backend: HomeAssistantBackend,
  ids: readonly string[],
  signal: AbortSignal,
): Promise<Map<string, HassState>> {
  const found = new Map<string, HassState>();
  if (ids.length > BULK_THRESHOLD) {
    const wanted = new Set(ids);
    for (const s of await backend.rest.get<HassState[]>('/api/states', { signal })) {
      if (wanted.has(s.entity_id)) found.set(s.entity_id, s);
    }
    return found;
  }
  const states = await Promise.all(ids.map((id) => backend.state(id, signal)));
  for (const s of states) if (s) found.set(s.entity_id, s);
  return found;
}
