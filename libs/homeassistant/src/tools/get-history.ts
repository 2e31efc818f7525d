import { Type } from '@sinclair/typebox';
import { READ_ONLY, ToolError, defineTool, jsonResult } from '@mcp-gateway/connector-kit';
import type { HomeAssistantBackend } from '../backend.js';
import { mapLimit } from '../concurrency.js';
import { summariseHistory } from '../history-summary.js';
import { entityIds, windowProperties } from '../schema.js';
import { formatTime, resolveWindow } from '../time.js';
import type { HassHistoryRow } from '../types.js';

const MAX_ENTITIES = 20;
const DEFAULT_HOURS = 24;

const Input = Type.Object(
  {
    entity_ids: entityIds(
      'Entities whose history to read, e.g. ["sensor.outdoor_temperature"].',
      MAX_ENTITIES,
    ),
    ...windowProperties('back', DEFAULT_HOURS),
    max_points: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 500,
        default: 24,
        description: 'Most raw points per entity (default 24; 0 for the summary only).',
      }),
    ),
  },
  { additionalProperties: false },
);

export const getHistory = defineTool<HomeAssistantBackend, typeof Input>({
  name: 'homeassistant_get_history',
  title: 'Home Assistant: get history',
  description: [
    'Reads the recorded state history of up to 20 entities over a time window (default: the last 24 hours) and summarises it per entity.',
    'Numeric sensors: first, last, min and max (with when), time-weighted mean. Other entities: hours spent in each state (e.g. how long a light was on or a door open) and the most recent changes.',
    "Points are [time, state] pairs in Home Assistant's time zone, capped by max_points.",
    'Use it for "how warm was it last night", "when did the door last open", "how long was the heater on today".',
    'Example: {"entity_ids": ["sensor.living_room_temperature"], "hours": 48} or {"entity_ids": ["binary_sensor.front_door"], "start": "2025-03-01T00:00:00"}.',
  ].join(' '),
  input: Input,
  annotations: READ_ONLY,
  async run(args, { backend, signal, progress }) {
    const timeZone = await backend.timeZone(signal);
    const window = resolveWindow(args, timeZone, 'back', DEFAULT_HOURS);
    const maxPoints = args.max_points ?? 24;
    let done = 0;
    const total = args.entity_ids.length;
    const rowsPerEntity = await mapLimit(args.entity_ids, 4, async (id) => {
      const rows = await readHistory(backend, id, window, signal);
      done++;
      progress({ progress: done, total, message: `Read the history of ${id}` });
      return rows;
    });
    const entities = [];
    const noHistory: string[] = [];
    for (const [i, id] of args.entity_ids.entries()) {
      const rows = rowsPerEntity[i] ?? [];
      if (rows.length === 0) noHistory.push(id);
      else entities.push(summariseHistory(id, rows, window, maxPoints, timeZone));
    }
    if (entities.length === 0) {
      throw new ToolError(
        `No history for ${noHistory.join(', ')} between ${formatTime(window.start, timeZone)} and ${formatTime(window.end, timeZone)}: the entity does not exist, is excluded from the recorder, or the window is in the future.`,
      );
    }
    return jsonResult(
      {
        start: formatTime(window.start, timeZone),
        end: formatTime(window.end, timeZone),
        entities,
        ...(noHistory.length > 0 ? { no_history: noHistory } : {}),
      },
      'lower max_points or ask for fewer entities or a shorter window',
    );
  },
});

/** `GET /api/history/period/<start>`: one inner array per entity that has rows (`history/__init__.py`). */
async function readHistory(
  backend: HomeAssistantBackend,
  entityId: string,
  window: { start: Date; end: Date },
  signal: AbortSignal,
): Promise<HassHistoryRow[]> {
  const result = await backend.rest.get<HassHistoryRow[][]>(
    `/api/history/period/${encodeURIComponent(window.start.toISOString())}`,
    {
      query: { filter_entity_id: entityId, end_time: window.end.toISOString(), minimal_response: true },
      signal,
    },
  );
  return result.find((rows) => rows.length > 0 && (rows[0]?.entity_id ?? entityId) === entityId) ?? [];
}
