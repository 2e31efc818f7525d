import {
  InvalidEntityFormatError,
  InvalidStateError,
  stateToDict,
  stateToJson,
} from '../core/state-machine.js';
import { str } from '../template/values.js';
import {
  isObject,
  json,
  message,
  parseBody,
  rawJson,
  serverError,
  type ApiRequest,
  type ApiResponse,
} from './responses.js';

/** `GET /api/states`: every state, joined from the per-state JSON cache like HA's `as_dict_json`. */
export function listStates(req: ApiRequest): ApiResponse {
  return rawJson(`[${req.hass.states.all().map(stateToJson).join(',')}]`);
}

export function getState(req: ApiRequest): ApiResponse {
  const s = req.hass.states.get(req.params[0] ?? '');
  return s ? rawJson(stateToJson(s)) : message('Entity not found.', 404);
}

/**
 * `POST /api/states/<entity_id>`: set a representation (no device is touched). 201 + Location when
 * the entity is new, 200 otherwise.
 */
export function setState(req: ApiRequest): ApiResponse {
  const entityId = req.params[0] ?? '';
  const parsed = parseBody(req.body);
  // HA does not catch a JSON decode error here; aiohttp answers 500.
  if (!parsed.ok) return serverError();
  const data = parsed.value;
  if (!isObject(data)) return message('State data should be a JSON object', 400);
  if (data['state'] === undefined || data['state'] === null)
    return message('No state attribute specified.', 400);
  const attributes = isObject(data['attributes']) ? data['attributes'] : {};
  const isNew = req.hass.states.get(entityId) === undefined;
  try {
    req.hass.states.set(entityId, str(data['state']), attributes, {
      context: req.context(),
      forceUpdate: data['force_update'] === true,
    });
  } catch (e) {
    if (e instanceof InvalidEntityFormatError) return message('Invalid entity ID specified.', 400);
    if (e instanceof InvalidStateError) return message('Invalid state specified.', 400);
    throw e;
  }
  const state = req.hass.states.get(entityId);
  return json(state ? stateToDict(state) : null, isNew ? 201 : 200, { Location: `/api/states/${entityId}` });
}

export function deleteState(req: ApiRequest): ApiResponse {
  return req.hass.states.remove(req.params[0] ?? '', req.context())
    ? message('Entity removed.')
    : message('Entity not found.', 404);
}
