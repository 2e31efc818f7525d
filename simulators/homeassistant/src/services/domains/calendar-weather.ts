import {
  calendarEntityState,
  eventsBetween,
  serviceEvent,
  type CalendarEvent,
} from '../../core/calendars.js';
import { HomeAssistantError, ServiceValidationError } from '../../core/errors.js';
import type { HomeAssistantState } from '../../core/hass.js';
import { stableHexId } from '../../core/ids.js';
import { DAY, SECOND, nowMicros, parseDatetime } from '../../core/time.js';
import { Invalid, hasAtMostOneKey, oneOf, str, type Check } from '../../core/vol.js';
import { WeatherFeature, forecast } from '../../demo/weather.js';
import { registerEntityService } from '../entity-service.js';
import { field, textField } from '../fields.js';

/** `cv.datetime`, read in the configured zone when naive. */
function datetimeIn(timeZone: string): Check {
  return (v, path) => {
    const us = typeof v === 'string' ? parseDatetime(v, timeZone) : null;
    if (us === null) throw new Invalid('Invalid datetime specified', path);
    return us;
  };
}

/** `cv.time_period`: "HH:MM[:SS]" or `{hours, minutes, seconds}` → microseconds. */
const timePeriod: Check = (v, path) => {
  if (typeof v === 'string') {
    const m = /^(-)?(\d+):(\d{1,2})(?::(\d{1,2}))?$/.exec(v.trim());
    if (m) return (Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4] ?? 0)) * SECOND * (m[1] ? -1 : 1);
  }
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    const secs =
      Number(o['days'] ?? 0) * 86400 +
      Number(o['hours'] ?? 0) * 3600 +
      Number(o['minutes'] ?? 0) * 60 +
      Number(o['seconds'] ?? 0);
    if (!Number.isNaN(secs)) return secs * SECOND;
  }
  throw new Invalid("offset should be format 'HH:MM', 'HH:MM:SS' or 'HH:MM:SS.F'", path);
};

const dateOnly: Check = (v, path) => {
  const s = str(v, path) as string;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) throw new Invalid('Invalid date specified', path);
  return s;
};

export function registerCalendarServices(hass: HomeAssistantState): void {
  const dt = datetimeIn(hass.timeZone);
  registerEntityService(hass, 'calendar', 'get_events', {
    name: 'Get events',
    description: 'Get events on a calendar within a time range.',
    supportsResponse: 'only',
    fields: {
      start_date_time: field(
        dt,
        'Start time',
        'Returns active events after this time (exclusive). When not set, defaults to now.',
        { datetime: null },
        { example: '2022-03-22 20:00:00' },
      ),
      end_date_time: field(
        dt,
        'End time',
        'Returns active events before this time (exclusive). Cannot be used with Duration.',
        { datetime: null },
        { example: '2022-03-22 22:00:00' },
      ),
      duration: field(
        timePeriod,
        'Duration',
        'Returns active events from Start time for the specified duration.',
        { duration: null },
      ),
    },
    refine: (check) => hasAtMostOneKey(check, ['end_date_time', 'duration']),
    apply: (state, data) => {
      const cal = hass.calendars.get(state.entity_id);
      const start = typeof data['start_date_time'] === 'number' ? data['start_date_time'] : nowMicros();
      const end =
        typeof data['end_date_time'] === 'number'
          ? data['end_date_time']
          : start + (typeof data['duration'] === 'number' ? data['duration'] : DAY);
      if (end <= start) throw new ServiceValidationError('Expected end time to be after start time');
      return { events: cal ? eventsBetween(cal, start, end).map((e) => serviceEvent(e, hass.timeZone)) : [] };
    },
  });
  registerEntityService(hass, 'calendar', 'create_event', {
    name: 'Create event',
    description: 'Adds a new calendar event.',
    // CalendarEntityFeature.CREATE_EVENT
    requiredFeatures: 1,
    fields: {
      summary: textField('Summary', 'Defines the short summary or subject for the event.', {
        required: true,
        example: 'Department Party',
      }),
      description: textField(
        'Description',
        'A more complete description of the event than the one provided by the summary.',
        { example: "Meeting to provide technical review for 'Phoenix' design." },
      ),
      start_date_time: field(
        dt,
        'Start time',
        'The date and time the event should start.',
        { datetime: null },
        { example: '2022-03-22 20:00:00' },
      ),
      end_date_time: field(
        dt,
        'End time',
        'The date and time the event should end.',
        { datetime: null },
        { example: '2022-03-22 22:00:00' },
      ),
      start_date: field(
        dateOnly,
        'Start date',
        'The date the all-day event should start.',
        { date: null },
        { example: '2022-03-22' },
      ),
      end_date: field(
        dateOnly,
        'End date',
        'The date the all-day event should end (exclusive).',
        { date: null },
        { example: '2022-03-23' },
      ),
      location: textField('Location', 'The location of the event.', {
        example: 'Conference Room - F123, Bldg. 002',
      }),
    },
    apply: (state, data, call) => {
      const cal = hass.calendars.get(state.entity_id);
      if (!cal) return undefined;
      cal.events.push(newEvent(hass.timeZone, data));
      const view = calendarEntityState(cal, nowMicros(), hass.timeZone);
      hass.write(state.entity_id, view.state, view.attributes, call.context);
      return undefined;
    },
  });
}

function newEvent(timeZone: string, data: Record<string, unknown>): CalendarEvent {
  const base = {
    summary: String(data['summary']),
    description: typeof data['description'] === 'string' ? data['description'] : null,
    location: typeof data['location'] === 'string' ? data['location'] : null,
    uid: stableHexId(`created:${String(data['summary'])}:${Date.now()}`),
  };
  if (typeof data['start_date'] === 'string' && typeof data['end_date'] === 'string') {
    const start = parseDatetime(data['start_date'], timeZone) ?? 0;
    const end = parseDatetime(data['end_date'], timeZone) ?? start + DAY;
    if (end <= start) throw new ServiceValidationError('Expected end time to be after start time');
    return { ...base, start, end, allDay: true, startDate: data['start_date'], endDate: data['end_date'] };
  }
  if (typeof data['start_date_time'] === 'number' && typeof data['end_date_time'] === 'number') {
    if (data['end_date_time'] <= data['start_date_time']) {
      throw new ServiceValidationError('Expected end time to be after start time');
    }
    return { ...base, start: data['start_date_time'], end: data['end_date_time'], allDay: false };
  }
  throw new ServiceValidationError(
    'Expected start and end dates (start_date/end_date or start_date_time/end_date_time)',
  );
}

export function registerWeatherServices(hass: HomeAssistantState): void {
  registerEntityService(hass, 'weather', 'get_forecasts', {
    name: 'Get forecasts',
    description: 'Get weather forecasts.',
    supportsResponse: 'only',
    fields: {
      type: field(
        oneOf(['daily', 'hourly', 'twice_daily']),
        'Forecast type',
        'The scope of the weather forecast.',
        { select: { options: ['daily', 'hourly', 'twice_daily'], translation_key: 'forecast_type' } },
        { required: true, example: 'daily' },
      ),
    },
    apply: (state, data) => {
      const type = String(data['type']);
      const bit =
        type === 'daily'
          ? WeatherFeature.FORECAST_DAILY
          : type === 'hourly'
            ? WeatherFeature.FORECAST_HOURLY
            : WeatherFeature.FORECAST_TWICE_DAILY;
      if ((Number(state.attributes['supported_features'] ?? 0) & bit) === 0) {
        throw new HomeAssistantError(
          `Weather entity '${state.entity_id}' does not support '${type}' forecast`,
        );
      }
      return { forecast: forecast(type === 'daily' ? 'daily' : 'hourly', nowMicros(), hass.timeZone) };
    },
  });
}
