import type { CalendarEvent, CalendarInfo } from '../core/calendars.js';
import { stableHexId } from '../core/ids.js';
import { DAY, HOUR, dateText, localDate, localToMicros, type Micros } from '../core/time.js';

interface Clock {
  now: Micros;
  timeZone: string;
}

function timed(
  c: Clock,
  dayOffset: number,
  startHour: number,
  minutes: number,
  summary: string,
  extra: { description?: string; location?: string } = {},
): CalendarEvent {
  const { y, m, d } = localDate(c.now + dayOffset * DAY, c.timeZone);
  const start = localToMicros(c.timeZone, y, m, d, Math.floor(startHour), Math.round((startHour % 1) * 60));
  return {
    summary,
    start,
    end: start + minutes * 60_000_000,
    allDay: false,
    description: extra.description ?? null,
    location: extra.location ?? null,
    uid: stableHexId(`family:${summary}`),
  };
}

function allDay(
  timeZone: string,
  y: number,
  m: number,
  d: number,
  summary: string,
  uid: string | null,
): CalendarEvent {
  const start = localToMicros(timeZone, y, m, d);
  const next = new Date(Date.UTC(y, m - 1, d + 1));
  const [ny, nm, nd] = [next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate()];
  return {
    summary,
    start,
    end: localToMicros(timeZone, ny, nm, nd),
    allDay: true,
    startDate: dateText(y, m, d),
    endDate: dateText(ny, nm, nd),
    description: null,
    location: null,
    uid,
  };
}

/** A family calendar with something happening right now, earlier today and in the coming days. */
export function familyCalendar(c: Clock): CalendarInfo {
  const hourNow = Math.floor(c.now / HOUR) * HOUR;
  const ongoing: CalendarEvent = {
    summary: 'Home office',
    start: hourNow - HOUR,
    end: hourNow + 2 * HOUR,
    allDay: false,
    description: 'Focus time, door closed',
    location: 'Office',
    uid: stableHexId('family:home-office'),
  };
  const tomorrow = localDate(c.now + DAY, c.timeZone);
  return {
    entity_id: 'calendar.family',
    name: 'Family',
    writable: true,
    events: [
      timed(c, -1, 14, 90, 'Parent-teacher meeting', { location: 'De Regenboog primary school' }),
      timed(c, 0, 7.5, 45, 'School run'),
      ongoing,
      timed(c, 0, 18.5, 60, 'Football practice', { location: 'Sportpark De Eendracht' }),
      allDay(
        c.timeZone,
        tomorrow.y,
        tomorrow.m,
        tomorrow.d,
        "Grandma's birthday",
        stableHexId('family:grandma'),
      ),
      timed(c, 2, 10, 60, 'Dentist appointment', { location: 'Tandartspraktijk Centrum' }),
      timed(c, 5, 19, 180, 'Dinner with friends', {
        description: 'Table for 6',
        location: 'Restaurant De Kas',
      }),
    ],
  };
}

/** Gregorian Easter Sunday (anonymous algorithm). */
function easter(year: number): { m: number; d: number } {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  return { m: month, d: ((h + l - 7 * m + 114) % 31) + 1 };
}

/** Dutch public holidays for this year and next, as the `holiday` integration lists them. */
export function holidayCalendar(c: Clock): CalendarInfo {
  const { y: thisYear } = localDate(c.now, c.timeZone);
  const events: CalendarEvent[] = [];
  for (const y of [thisYear, thisYear + 1]) {
    const e = easter(y);
    const fromEaster = (days: number, summary: string): void => {
      const dt = new Date(Date.UTC(y, e.m - 1, e.d + days));
      events.push(allDay(c.timeZone, y, dt.getUTCMonth() + 1, dt.getUTCDate(), summary, null));
    };
    // King's Day moves to the 26th when the 27th is a Sunday.
    const kingsDay = new Date(Date.UTC(y, 3, 27)).getUTCDay() === 0 ? 26 : 27;
    events.push(allDay(c.timeZone, y, 1, 1, "New Year's Day", null));
    fromEaster(-2, 'Good Friday');
    fromEaster(0, 'Easter Sunday');
    fromEaster(1, 'Easter Monday');
    events.push(allDay(c.timeZone, y, 4, kingsDay, "King's Day", null));
    events.push(allDay(c.timeZone, y, 5, 5, 'Liberation Day', null));
    fromEaster(39, 'Ascension Day');
    fromEaster(49, 'Whit Sunday');
    fromEaster(50, 'Whit Monday');
    events.push(allDay(c.timeZone, y, 12, 25, 'Christmas Day', null));
    events.push(allDay(c.timeZone, y, 12, 26, 'Second Day of Christmas', null));
  }
  return { entity_id: 'calendar.holidays', name: 'Holidays', writable: false, events };
}
