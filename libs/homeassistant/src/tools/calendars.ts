import { Type } from '@sinclair/typebox';
import { READ_ONLY, ToolError, defineTool, jsonResult } from '@mcp-gateway/connector-kit';
import type { HomeAssistantBackend } from '../backend.js';
import { mapLimit } from '../concurrency.js';
import { paginate, pagingProperties, windowProperties } from '../schema.js';
import { resolveWindow, windowPageResult } from '../time.js';
import type { HassCalendar, HassCalendarEvent } from '../types.js';

const DEFAULT_HOURS = 7 * 24;
const CALENDAR_ID = '^calendar\\.[a-z0-9_]+$';

const ListInput = Type.Object({}, { additionalProperties: false });

export const listCalendars = defineTool<HomeAssistantBackend, typeof ListInput>({
  name: 'homeassistant_list_calendars',
  title: 'Home Assistant: list calendars',
  description: [
    'Lists the calendars Home Assistant knows (local calendars, Google, CalDAV, holidays, waste collection…) with their entity ids and names.',
    'Use it before homeassistant_get_calendar_events. Example: {} (it takes no arguments).',
  ].join(' '),
  input: ListInput,
  annotations: READ_ONLY,
  async run(_args, { backend, signal }) {
    const calendars = await backend.rest.get<HassCalendar[]>('/api/calendars', { signal });
    return jsonResult({
      calendars: [...calendars]
        .sort((a, b) => a.entity_id.localeCompare(b.entity_id))
        .map((c) => ({ entity_id: c.entity_id, name: c.name })),
    });
  },
});

const EventsInput = Type.Object(
  {
    entity_ids: Type.Optional(
      Type.Array(Type.String({ pattern: CALENDAR_ID, maxLength: 255 }), {
        minItems: 1,
        maxItems: 20,
        uniqueItems: true,
        description: 'Calendars to read, e.g. ["calendar.family"]. Default: every calendar.',
      }),
    ),
    ...windowProperties('ahead', DEFAULT_HOURS),
    ...pagingProperties('events'),
  },
  { additionalProperties: false },
);

interface EventRow {
  calendar: string;
  summary: string;
  start: string;
  end: string;
  all_day?: true;
  location?: string;
  description?: string;
}

export const getCalendarEvents = defineTool<HomeAssistantBackend, typeof EventsInput>({
  name: 'homeassistant_get_calendar_events',
  title: 'Home Assistant: get calendar events',
  description: [
    'Reads the events of one, several or all Home Assistant calendars in a time window, merged and sorted by start time.',
    'Default window: from now to 7 days ahead. All-day events have dates (end exclusive); others have times with their offset.',
    'Use it for "what is on this week", "when is the next bin collection", "am I free on Saturday". Paged: total, next_offset.',
    'Example: {"entity_ids": ["calendar.family"], "start": "2025-03-01", "end": "2025-03-08"} or {"hours": 24}.',
  ].join(' '),
  input: EventsInput,
  annotations: READ_ONLY,
  async run(args, { backend, signal, progress }) {
    const timeZone = await backend.timeZone(signal);
    const window = resolveWindow(args, timeZone, 'ahead', DEFAULT_HOURS);
    const ids =
      args.entity_ids ??
      (await backend.rest.get<HassCalendar[]>('/api/calendars', { signal })).map((c) => c.entity_id);
    if (ids.length === 0) throw new ToolError('Home Assistant has no calendars.');
    let done = 0;
    const perCalendar = await mapLimit(ids, 4, async (id) => {
      const events = await backend.rest.get<HassCalendarEvent[]>(`/api/calendars/${id}`, {
        query: { start: window.start.toISOString(), end: window.end.toISOString() },
        signal,
      });
      progress({ progress: ++done, total: ids.length, message: `Read ${id}` });
      return events.map((e) => toRow(id, e));
    });
    const rows = perCalendar
      .flat()
      .sort(
        (a, b) => sortKey(a.start).localeCompare(sortKey(b.start)) || a.calendar.localeCompare(b.calendar),
      );
    const page = paginate(rows, args.limit, args.offset);
    return jsonResult(windowPageResult(window, timeZone, page, 'events'));
  },
});

function toRow(calendar: string, e: HassCalendarEvent): EventRow {
  const row: EventRow = {
    calendar,
    summary: e.summary,
    start: e.start.dateTime ?? e.start.date ?? '',
    end: e.end.dateTime ?? e.end.date ?? '',
  };
  if (e.start.date && !e.start.dateTime) row.all_day = true;
  if (e.location) row.location = e.location;
  if (e.description)
    row.description = e.description.length > 500 ? `${e.description.slice(0, 500)}…` : e.description;
  return row;
}

/** Dates sort before times of the same day; times compare as instants. */
function sortKey(value: string): string {
  const ms = Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value);
  return Number.isNaN(ms) ? value : new Date(ms).toISOString();
}
