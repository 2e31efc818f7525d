import { HomeAssistantError, ServiceNotFound, ServiceValidationError } from '../core/errors.js';
import { State } from '../core/state-machine.js';
import { Invalid } from '../core/vol.js';
import { httpError, json, message, parseBody, type ApiRequest, type ApiResponse } from './responses.js';

/**
 * `POST /api/services/<domain>/<service>[?return_response]` (`APIDomainServicesView.post`):
 * unknown service and schema errors are aiohttp's plain `400: Bad Request`; validation errors are
 * `{"message"}` 400s and other HA errors `{"message"}` 500s (core PR #181590). The result lists the
 * states this call changed (same context), or `{changed_states, service_response}`.
 */
export function callService(req: ApiRequest): ApiResponse {
  const [domain = '', service = ''] = req.params;
  const { hass } = req;
  const parsed = parseBody(req.body);
  if (!parsed.ok) return message('Data should be valid JSON.', 400);
  if (!hass.services.has(domain, service)) return httpError(400);
  const wantsResponse = req.query.has('return_response');
  const supports = hass.services.supportsResponse(domain, service);
  if (wantsResponse && supports === 'none') {
    return message('Service does not support responses. Remove return_response from request.', 400);
  }
  if (!wantsResponse && supports === 'only') {
    return message(
      'Service call requires responses but caller did not ask for responses. Add ?return_response to query parameters.',
      400,
    );
  }
  const context = req.context();
  const changed: State[] = [];
  const stop = hass.bus.listen('state_changed', ({ event }) => {
    const next = event.data['new_state'];
    if (event.context === context && next instanceof State) changed.push(next);
  });
  let response: Record<string, unknown> | undefined;
  try {
    response = hass.services.call(domain, service, parsed.value as Record<string, unknown> | null, context, {
      returnResponse: wantsResponse,
    });
  } catch (e) {
    if (e instanceof Invalid || e instanceof ServiceNotFound) return httpError(400);
    if (e instanceof ServiceValidationError) return message(e.message, 400);
    if (e instanceof HomeAssistantError) return message(e.message, 500);
    throw e;
  } finally {
    stop();
  }
  return wantsResponse
    ? json({ changed_states: changed, service_response: response ?? null })
    : json(changed);
}
