import { apiEvent, eventsBetween } from '../core/calendars.js';
import { parseDatetime } from '../core/time.js';
import { processConversation } from '../conversation/agent.js';
import { renderTemplate } from '../template/render.js';
import { TemplateError, str } from '../template/values.js';
import {
  isObject,
  json,
  message,
  parseBody,
  serverError,
  text,
  type ApiRequest,
  type ApiResponse,
} from './responses.js';

/** `POST /api/template`: the rendered text as text/plain. */
export function renderTemplateRoute(req: ApiRequest): ApiResponse {
  const parsed = parseBody(req.body);
  if (!parsed.ok) return message('Error rendering template: JSONDecodeError: unexpected character', 400);
  const data = parsed.value;
  if (!isObject(data)) return message('Template data should be a JSON object', 400);
  // `data["template"]` raises KeyError, which HA does not catch.
  if (!('template' in data)) return serverError();
  try {
    const variables = isObject(data['variables']) ? data['variables'] : {};
    const { result } = renderTemplate(req.hass, str(data['template']), variables);
    return text(String(result));
  } catch (e) {
    if (e instanceof TemplateError) return message(`Error rendering template: ${e.message}`, 400);
    throw e;
  }
}

/** `GET /api/calendars`: `[{entity_id, name}]` sorted by name. */
export function listCalendars(req: ApiRequest): ApiResponse {
  const list = [...req.hass.calendars.values()]
    .map((c) => ({ entity_id: c.entity_id, name: req.hass.states.get(c.entity_id)?.name ?? c.name }))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  return json(list);
}

const bareBadRequest = (): ApiResponse => ({
  status: 400,
  contentType: 'application/octet-stream',
  body: '',
});

/** `GET /api/calendars/<id>?start=&end=`; HA answers a body-less 400 for every input problem. */
export function calendarEvents(req: ApiRequest): ApiResponse {
  const cal = req.hass.calendars.get(req.params[0] ?? '');
  const startText = req.query.get('start');
  const endText = req.query.get('end');
  if (!cal || startText === null || endText === null) return bareBadRequest();
  const start = parseDatetime(startText, req.hass.timeZone);
  const end = parseDatetime(endText, req.hass.timeZone);
  if (start === null || end === null) return bareBadRequest();
  return json(eventsBetween(cal, start, end).map((e) => apiEvent(e, req.hass.timeZone)));
}

/** `POST /api/conversation/process` (`RequestDataValidator` errors are `Message format incorrect`). */
export function conversationProcess(req: ApiRequest): ApiResponse {
  const parsed = parseBody(req.body);
  if (!parsed.ok) return message('Invalid JSON.', 400);
  const data = parsed.value;
  if (!isObject(data)) return message('Message format incorrect: expected a dictionary', 400);
  if (typeof data['text'] !== 'string') {
    return message(
      data['text'] === undefined
        ? "Message format incorrect: required key not provided @ data['text']"
        : "Message format incorrect: expected str for dictionary value @ data['text']",
      400,
    );
  }
  return json(
    processConversation(
      req.hass,
      {
        text: data['text'],
        language: typeof data['language'] === 'string' ? data['language'] : undefined,
        conversation_id: typeof data['conversation_id'] === 'string' ? data['conversation_id'] : null,
      },
      req.context(),
    ),
  );
}
