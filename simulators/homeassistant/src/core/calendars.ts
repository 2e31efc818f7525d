import { dateText, isoformat, localDate, zoneOffsetMinutes, type Micros } from './time.js';

/**
 * A calendar event (`homeassistant.components.calendar.CalendarEvent`). All-day events keep their
 * local dates; `start`/`end` are the local-midnight instants so overlap tests are uniform.
 */
export interface CalendarEvent {
  summary: string;
  start: Micros;
  end: Micros;
  allDay: boolean;
  startDate?: string;
  endDate?: string;
  description: string | null;
  location: string | null;
  uid: string | null;
}

export interface CalendarInfo {
  entity_id: string;
  name: string;
  /** Local calendars accept `calendar.create_event`; the holiday calendar is read-only. */
  writable: boolean;
  events: CalendarEvent[];
}

/** Events overlapping [start, end) (HA: the event's end is exclusive), sorted by start. */
export function eventsBetween(cal: CalendarInfo, start: Micros, end: Micros): CalendarEvent[] {
  return cal.events.filter((e) => e.start < end && e.end > start).sort((a, b) => a.start - b.start);
}

function apiDate(e: CalendarEvent, which: 'start' | 'end', timeZone: string): Record<string, string> {
  if (e.allDay) return { date: (which === 'start' ? e.startDate : e.endDate) ?? '' };
  const t = e[which];
  return { dateTime: isoformat(t, zoneOffsetMinutes(t, timeZone)) };
}

/** `GET /api/calendars/<id>` row (`dataclasses.asdict` keeps the null fields). */
export function apiEvent(e: CalendarEvent, timeZone: string): Record<string, unknown> {
  return {
    summary: e.summary,
    start: apiDate(e, 'start', timeZone),
    end: apiDate(e, 'end', timeZone),
    description: e.description,
    location: e.location,
    uid: e.uid,
    recurrence_id: null,
    rrule: null,
  };
}

/** `calendar.get_events` row: only start/end/summary/description/location, nulls dropped. */
export function serviceEvent(e: CalendarEvent, timeZone: string): Record<string, unknown> {
  const out: Record<string, unknown> = {
    start: e.allDay ? e.startDate : isoformat(e.start, zoneOffsetMinutes(e.start, timeZone)),
    end: e.allDay ? e.endDate : isoformat(e.end, zoneOffsetMinutes(e.end, timeZone)),
    summary: e.summary,
  };
  if (e.description !== null) out['description'] = e.description;
  if (e.location !== null) out['location'] = e.location;
  return out;
}

/** "2026-08-10 18:30:00", the naive local format of the entity's start_time/end_time. */
function localNaive(us: Micros, timeZone: string): string {
  const iso = isoformat(us - (us % 1_000_000), zoneOffsetMinutes(us, timeZone));
  return iso.slice(0, 19).replace('T', ' ');
}

/** Local calendars support create/delete/update event (`CalendarEntityFeature` 1|2|4). */
const WRITABLE_FEATURES = 7;

/** The calendar entity's state: "on" during an event, else "off" describing the next one. */
export function calendarEntityState(
  cal: CalendarInfo,
  now: Micros,
  timeZone: string,
): { state: string; attributes: Record<string, unknown> } {
  const view = upcomingEventView(cal, now, timeZone);
  const attributes: Record<string, unknown> = { ...view.attributes, friendly_name: cal.name };
  if (cal.writable) attributes['supported_features'] = WRITABLE_FEATURES;
  return { state: view.state, attributes };
}

function upcomingEventView(
  cal: CalendarInfo,
  now: Micros,
  timeZone: string,
): { state: string; attributes: Record<string, unknown> } {
  const upcoming = cal.events.filter((e) => e.end > now).sort((a, b) => a.start - b.start)[0];
  if (!upcoming) return { state: 'off', attributes: {} };
  return {
    state: upcoming.start <= now ? 'on' : 'off',
    attributes: {
      message: upcoming.summary,
      all_day: upcoming.allDay,
      start_time: localNaive(upcoming.start, timeZone),
      end_time: localNaive(upcoming.end, timeZone),
      location: upcoming.location ?? '',
      description: upcoming.description ?? '',
    },
  };
}

/** Local date of an instant as `YYYY-MM-DD`. */
export function localDateText(us: Micros, timeZone: string): string {
  const { y, m, d } = localDate(us, timeZone);
  return dateText(y, m, d);
}
