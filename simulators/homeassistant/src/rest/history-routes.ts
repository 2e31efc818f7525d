import { historyRest } from '../core/history-query.js';
import { logbookEvents } from '../core/logbook-query.js';
import { isValidEntityId } from '../core/state-machine.js';
import { DAY, localDate, localToMicros, nowMicros, parseDatetime } from '../core/time.js';
import { json, message, type ApiRequest, type ApiResponse } from './responses.js';

/**
 * `GET /api/history/period[/<start>]` (`history/__init__.py HistoryPeriodView`), checks in HA's
 * order: start, filter_entity_id, entity ids, future start, end_time.
 */
export function historyPeriod(req: ApiRequest): ApiResponse {
  const { hass, query } = req;
  const tz = hass.timeZone;
  let start: number | null = null;
  if (req.params[0]) {
    start = parseDatetime(req.params[0], tz);
    if (start === null) return message('Invalid datetime', 400);
  }
  const filter = query.get('filter_entity_id');
  const entityIds = filter ? filter.trim().toLowerCase().split(',') : [];
  if (!filter || !entityIds.length) return message('filter_entity_id is missing', 400);
  if (entityIds.some((id) => !hass.states.get(id) && !isValidEntityId(id)))
    return message('Invalid filter_entity_id', 400);
  const now = nowMicros();
  const from = start ?? now - DAY;
  if (from > now) return json([]);
  let end = from + DAY;
  const endText = query.get('end_time');
  if (endText) {
    const parsed = parseDatetime(endText, tz);
    if (parsed === null) return message('Invalid end_time', 400);
    end = parsed;
  }
  return json(
    historyRest(hass.recorder, {
      start: from,
      end,
      entityIds,
      includeStartTimeState: !query.has('skip_initial_state'),
      significantChangesOnly: query.get('significant_changes_only') !== '0',
      minimalResponse: query.has('minimal_response'),
      noAttributes: query.has('no_attributes'),
    }),
  );
}

/**
 * `GET /api/logbook[/<start>]?entity=&end_time=&period=&context_id=` (`logbook/rest_api.py`): by
 * default the local day that `start` (or now) falls in.
 */
export function logbook(req: ApiRequest): ApiResponse {
  const { hass, query } = req;
  const tz = hass.timeZone;
  let start: number;
  if (req.params[0]) {
    const parsed = parseDatetime(req.params[0], tz);
    if (parsed === null) return message('Invalid datetime', 400);
    start = parsed;
  } else {
    const d = localDate(nowMicros(), tz);
    start = localToMicros(tz, d.y, d.m, d.d);
  }
  const period = Number(query.get('period') ?? '1') || 1;
  let end: number;
  const endText = query.get('end_time');
  if (endText === null) {
    start -= (period - 1) * DAY;
    end = start + period * DAY;
  } else {
    const parsed = parseDatetime(endText, tz);
    if (parsed === null) return message('Invalid end_time', 400);
    end = parsed;
  }
  const entityText = query.get('entity');
  const contextId = query.get('context_id');
  if (entityText && contextId) return message("Can't combine entity with context_id", 400);
  return json(
    logbookEvents(hass.recorder, {
      start,
      end,
      entityIds: entityText
        ? entityText
            .toLowerCase()
            .split(',')
            .map((s) => s.trim())
        : null,
      contextId,
      form: 'rest',
    }),
  );
}
