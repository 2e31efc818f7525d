import { isoformat, nowMicros } from '../core/time.js';
import {
  httpError,
  isObject,
  json,
  message,
  parseBody,
  text,
  type ApiRequest,
  type ApiResponse,
} from './responses.js';

/** `GET /api/` — liveness. */
export const apiStatus = (): ApiResponse => message('API running.');

export const getConfig = (req: ApiRequest): ApiResponse => json(req.hass.config);

export const getCoreState = (): ApiResponse =>
  json({ state: 'RUNNING', recorder_state: { migration_in_progress: false, migration_is_live: false } });

export const getComponents = (req: ApiRequest): ApiResponse => json(req.hass.config.components);

/** `GET /api/events`: listener count per event type. */
export const getEvents = (req: ApiRequest): ApiResponse =>
  json(
    Object.entries(req.hass.bus.listenerCounts()).map(([event, listener_count]) => ({
      event,
      listener_count,
    })),
  );

/** `POST /api/events/<type>`: fire with origin REMOTE. */
export function fireEvent(req: ApiRequest): ApiResponse {
  const eventType = req.params[0] ?? '';
  const parsed = parseBody(req.body);
  if (!parsed.ok) return message('Event data should be valid JSON.', 400);
  if (parsed.value !== null && !isObject(parsed.value))
    return message('Event data should be a JSON object', 400);
  req.hass.bus.fire(eventType, parsed.value ?? {}, req.context(), 'REMOTE');
  return message(`Event ${eventType} fired.`);
}

/** `GET /api/services`: `[{domain, services: {name: description}}]`. */
export const getServices = (req: ApiRequest): ApiResponse =>
  json(Object.entries(req.hass.services.descriptions()).map(([domain, services]) => ({ domain, services })));

/** `GET /api/error_log`: the log file as text. */
export function getErrorLog(): ApiResponse {
  const started = isoformat(nowMicros()).slice(0, 19).replace('T', ' ');
  return text(
    [
      `${started}.114 WARNING (SyncWorker_0) [homeassistant.loader] We found a custom integration hacs which has not been tested by Home Assistant. This component might cause stability problems, be sure to disable it if you experience issues with Home Assistant`,
      `${started}.902 WARNING (MainThread) [homeassistant.components.zha.core.cluster_handlers] [0x3C2A:1:0x0006]: async_initialize: all attempts have failed: [DeliveryError('Failed to deliver packet: <TXStatus.MAC_CHANNEL_ACCESS_FAILURE: 225>')]`,
      `${started}.317 ERROR (MainThread) [homeassistant.components.sonos.speaker] Subscription renewals for Living Room Speaker failed, marking unavailable`,
      `${started}.318 INFO (MainThread) [homeassistant.components.sonos.speaker] Living Room Speaker is back online`,
      '',
    ].join('\n'),
  );
}

/** `POST /api/config/core/check_config`. */
export const checkConfig = (): ApiResponse => json({ result: 'valid', errors: null, warnings: null });

/** Any path under `/api` that matches no view. */
export const notFound = (): ApiResponse => httpError(404);
