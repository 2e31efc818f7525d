import { HomeAssistantError, ServiceNotFound, ServiceValidationError } from '../core/errors.js';
import { MATCH_ALL, type FiredEvent } from '../core/event-bus.js';
import { stateToJson } from '../core/state-machine.js';
import { Invalid, boolean, dict, range, strict, type Check } from '../core/vol.js';
import { TARGET_FIELDS } from '../services/targets.js';
import type { CommandTable, WsConnection } from './command.js';

const str = strict('str');
const positiveInt: Check = range(strict('int'), 0);
const dictOf = strict('dict');

/** `{str: int}` for `supported_features`. */
const featureMap: Check = (v, path) => {
  const d = dictOf(v, path) as Record<string, unknown>;
  for (const [k, x] of Object.entries(d)) strict('int')(x, [...path, k]);
  return d;
};

// HA serialises an event once and reuses the text for every subscriber (`cached_event_message`).
const eventJson = new WeakMap<FiredEvent, string>();

function forwardEvent(conn: WsConnection, id: number, fired: FiredEvent): void {
  let body = eventJson.get(fired);
  if (body === undefined) {
    body = JSON.stringify(fired.event);
    eventJson.set(fired, body);
  }
  conn.sendRaw(`{"id":${id},"type":"event","event":${body}}`);
}

/** `websocket_api/commands.py`: states, config, services, events. */
export const CORE_COMMANDS: CommandTable = {
  ping: {
    schema: {},
    handle: (conn, msg) => conn.sendRaw(JSON.stringify({ id: msg['id'], type: 'pong' }), true),
  },
  supported_features: {
    schema: { features: { check: featureMap, required: true } },
    handle: (conn, msg) => conn.sendResult(msg['id'] as number),
  },
  get_states: {
    schema: {},
    handle: (conn, msg) =>
      conn.sendRaw(
        `{"id":${String(msg['id'])},"type":"result","success":true,"result":[${conn.hass.states.all().map(stateToJson).join(',')}]}`,
        true,
      ),
  },
  get_config: {
    schema: {},
    handle: (conn, msg) => conn.sendResult(msg['id'] as number, conn.hass.config),
  },
  get_services: {
    schema: {},
    handle: (conn, msg) => conn.sendResult(msg['id'] as number, conn.hass.services.descriptions()),
  },
  subscribe_events: {
    schema: { event_type: { check: str, default: MATCH_ALL } },
    handle: (conn, msg) => {
      const id = msg['id'] as number;
      conn.subscribe(
        id,
        conn.hass.bus.listen(String(msg['event_type']), (fired) => forwardEvent(conn, id, fired)),
      );
      conn.sendResult(id);
    },
  },
  unsubscribe_events: {
    schema: { subscription: { check: positiveInt, required: true } },
    handle: (conn, msg) => {
      if (conn.unsubscribe(msg['subscription'] as number)) conn.sendResult(msg['id'] as number);
      else conn.sendError(msg['id'] as number, 'not_found', 'Subscription not found.');
    },
  },
  fire_event: {
    schema: { event_type: { check: str, required: true }, event_data: { check: dictOf } },
    handle: (conn, msg) => {
      const context = conn.context();
      conn.hass.bus.fire(
        String(msg['event_type']),
        (msg['event_data'] as Record<string, unknown> | undefined) ?? {},
        context,
      );
      conn.sendResult(msg['id'] as number, { context });
    },
  },
  call_service: {
    schema: {
      domain: { check: str, required: true },
      service: { check: str, required: true },
      target: { check: dict(TARGET_FIELDS) },
      service_data: { check: dictOf },
      return_response: { check: boolean, default: false },
    },
    handle: (conn, msg) => callService(conn, msg),
  },
};

/** `handle_call_service`, with its exception → error-code mapping. */
function callService(conn: WsConnection, msg: Record<string, unknown>): void {
  const id = msg['id'] as number;
  const domain = String(msg['domain']);
  const service = String(msg['service']);
  const context = conn.context();
  const returnResponse = msg['return_response'] === true;
  try {
    const response = conn.hass.services.call(
      domain,
      service,
      (msg['service_data'] as Record<string, unknown> | undefined) ?? {},
      context,
      {
        target: msg['target'] as Record<string, unknown> | undefined,
        returnResponse,
      },
    );
    conn.sendResult(id, returnResponse ? { context, response } : { context });
  } catch (e) {
    if (e instanceof ServiceNotFound) {
      conn.sendError(id, 'not_found', `Service ${e.domain}.${e.service} not found.`, e.translation);
    } else if (e instanceof Invalid) {
      conn.sendError(id, 'invalid_format', e.message);
    } else if (e instanceof ServiceValidationError) {
      conn.sendError(id, 'service_validation_error', `Validation error: ${e.message}`, e.translation);
    } else if (e instanceof HomeAssistantError) {
      conn.sendError(id, 'home_assistant_error', e.message, e.translation);
    } else {
      conn.sendError(id, 'unknown_error', e instanceof Error ? e.message : String(e));
    }
  }
}
