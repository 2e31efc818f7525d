import { Type } from '@sinclair/typebox';
import { READ_ONLY, defineTool, jsonResult } from '@mcp-gateway/connector-kit';
import type { HomeAssistantBackend } from '../backend.js';
import { entityIds, paginate, pagingProperties, windowProperties } from '../schema.js';
import { formatTime, resolveWindow, windowPageResult } from '../time.js';
import type { HassLogbookEntry } from '../types.js';

const DEFAULT_HOURS = 24;

const Input = Type.Object(
  {
    entity_ids: Type.Optional(entityIds('Only entries about these entities, e.g. ["lock.front_door"].', 50)),
    ...windowProperties('back', DEFAULT_HOURS),
    ...pagingProperties('entries'),
  },
  { additionalProperties: false },
);

interface LogbookRow {
  when: string;
  name?: string;
  entity_id?: string;
  message?: string;
  by?: string;
  user_id?: string;
}

export const getLogbook = defineTool<HomeAssistantBackend, typeof Input>({
  name: 'homeassistant_get_logbook',
  title: 'Home Assistant: read the logbook',
  description: [
    'Reads Home Assistant\'s logbook, newest first: state changes ("turned on", "detected motion", "changed to armed_away"), automations and scripts that ran, and what triggered each entry (by: an automation, script or service; user_id when a person did it).',
    'Use it for "what happened at home this afternoon", "who unlocked the door", "which automation turned the heating off". Default window: the last 24 hours.',
    "Paged: total, next_offset. Times are in Home Assistant's time zone.",
    'Example: {"entity_ids": ["lock.front_door"], "hours": 72} or {"start": "2025-03-01T12:00:00", "end": "2025-03-01T18:00:00"}.',
  ].join(' '),
  input: Input,
  annotations: READ_ONLY,
  async run(args, { backend, signal }) {
    const timeZone = await backend.timeZone(signal);
    const window = resolveWindow(args, timeZone, 'back', DEFAULT_HOURS);
    const entries = await backend.rest.get<HassLogbookEntry[]>(
      `/api/logbook/${encodeURIComponent(window.start.toISOString())}`,
      {
        query: { end_time: window.end.toISOString(), entity: args.entity_ids?.join(',') },
        signal,
      },
    );
    const rows = entries
      .map((e) => ({ e, at: new Date(e.when).getTime() }))
      .sort((a, b) => b.at - a.at)
      .map(({ e }) => toRow(e, timeZone));
    const page = paginate(rows, args.limit, args.offset);
    return jsonResult(windowPageResult(window, timeZone, page, 'entries'));
  },
});

function toRow(e: HassLogbookEntry, timeZone: string): LogbookRow {
  const row: LogbookRow = { when: formatTime(e.when, timeZone) };
  if (e.name) row.name = e.name;
  if (e.entity_id) row.entity_id = e.entity_id;
  const message = e.message ?? (e.state !== undefined ? `changed to ${e.state}` : undefined);
  if (message) row.message = message;
  const by =
    e.context_entity_id ??
    (e.context_domain && e.context_service
      ? `${e.context_domain}.${e.context_service}`
      : e.context_event_type);
  if (by && by !== e.entity_id)
    row.by = e.context_name && e.context_entity_id ? `${e.context_name} (${by})` : by;
  if (e.context_user_id) row.user_id = e.context_user_id;
  return row;
}
