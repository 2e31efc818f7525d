import { Type } from '@sinclair/typebox';
import { DESTRUCTIVE, ToolError, defineTool, jsonResult } from '@mcp-gateway/connector-kit';
import type { HomeAssistantBackend } from '../backend.js';
import { compactState } from '../compact.js';
import { HomeAssistantRequestError } from '../rest-client.js';
import { ENTITY_ID_PATTERN, freeObject, slug } from '../schema.js';
import type { HassDomainServices, HassState } from '../types.js';
import { fieldNames } from './service-fields.js';

const MAX_CHANGED = 25;
const MAX_CHECKED = 10;

function oneOrMany(item: ReturnType<typeof Type.String>, description: string) {
  return Type.Union([item, Type.Array(item, { minItems: 1, maxItems: 100 })], { description });
}

const Target = Type.Object(
  {
    entity_id: Type.Optional(
      oneOrMany(
        Type.String({ pattern: ENTITY_ID_PATTERN, maxLength: 255 }),
        'Entity id or ids, e.g. "light.kitchen" or ["light.a", "light.b"].',
      ),
    ),
    area_id: Type.Optional(
      oneOrMany(
        Type.String({ minLength: 1, maxLength: 100 }),
        'Area id or ids (see homeassistant_list_areas).',
      ),
    ),
    device_id: Type.Optional(
      oneOrMany(
        Type.String({ minLength: 1, maxLength: 100 }),
        'Device id or ids (see homeassistant_list_devices).',
      ),
    ),
    floor_id: Type.Optional(oneOrMany(Type.String({ minLength: 1, maxLength: 100 }), 'Floor id or ids.')),
    label_id: Type.Optional(oneOrMany(Type.String({ minLength: 1, maxLength: 100 }), 'Label id or ids.')),
  },
  {
    additionalProperties: false,
    description: 'What to act on. Omit for services without a target (e.g. notify.*, script.*).',
  },
);

const Input = Type.Object(
  {
    domain: slug('Service domain, e.g. "light", "climate", "script".'),
    service: slug('Service name, e.g. "turn_on", "set_temperature".'),
    target: Type.Optional(Target),
    service_data: Type.Optional(
      freeObject(
        'Service fields, e.g. {"brightness_pct": 40} or {"temperature": 21}. See homeassistant_list_services for the fields of a service.',
      ),
    ),
    return_response: Type.Optional(
      Type.Boolean({
        default: false,
        description:
          'Ask for the data the service returns (e.g. weather.get_forecasts, calendar.get_events, todo.get_items). Default false.',
      }),
    ),
  },
  { additionalProperties: false },
);

export const callService = defineTool<HomeAssistantBackend, typeof Input>({
  name: 'homeassistant_call_service',
  title: 'Home Assistant: call a service',
  description: [
    'Calls a Home Assistant service (action) to control devices or run automations, scripts and scenes: light.turn_on, switch.toggle, climate.set_temperature, cover.open_cover, lock.lock, media_player.play_media, script.turn_on, notify.*, and any other.',
    'This acts on the physical world: make sure the target is what the user meant (look ids up with homeassistant_list_entities) and confirm before unlocking, opening or disarming anything.',
    'Returns the states that changed during the call; targeted entities that did not change are listed in unchanged with their current state, unknown ones in not_found.',
    'Services that return data (weather.get_forecasts, calendar.get_events, todo.get_items) need return_response: true; the data comes back in response.',
    'Service fields: homeassistant_list_services.',
    'Example: {"domain": "light", "service": "turn_on", "target": {"area_id": "kitchen"}, "service_data": {"brightness_pct": 60}}.',
  ].join(' '),
  input: Input,
  annotations: DESTRUCTIVE,
  async run(args, { backend, signal }) {
    const serviceName = `${args.domain}.${args.service}`;
    const body = { ...(args.service_data ?? {}), ...(args.target ?? {}) };
    let raw: HassState[] | { changed_states: HassState[]; service_response: unknown };
    try {
      raw = await backend.rest.post(`/api/services/${args.domain}/${args.service}`, body, {
        query: { return_response: args.return_response === true },
        signal,
      });
    } catch (error) {
      if (error instanceof HomeAssistantRequestError && error.status === 400)
        throw await explain(error, backend, args.domain, args.service, signal);
      throw error;
    }
    const changed = Array.isArray(raw) ? raw : (raw.changed_states ?? []);
    const targeted = targetedEntities(body);
    const changedIds = new Set(changed.map((s) => s.entity_id));
    // Targeted entities first: the call window can also catch unrelated changes (a sensor ticking).
    changed.sort((a, b) => Number(targeted.includes(b.entity_id)) - Number(targeted.includes(a.entity_id)));
    const result: Record<string, unknown> = {
      service: serviceName,
      changed: changed.slice(0, MAX_CHANGED).map((s) => compactState(s, 'brief')),
    };
    if (changed.length > MAX_CHANGED) result['changed_total'] = changed.length;
    const unchecked = targeted.filter((id) => !changedIds.has(id)).slice(0, MAX_CHECKED);
    if (unchecked.length > 0) {
      const current = await Promise.all(unchecked.map((id) => backend.state(id, signal)));
      const unchanged = current
        .filter((s): s is HassState => s !== undefined)
        .map((s) => ({ entity_id: s.entity_id, state: s.state }));
      const notFound = unchecked.filter((id) => !current.some((s) => s?.entity_id === id));
      if (unchanged.length > 0) result['unchanged'] = unchanged;
      if (notFound.length > 0) result['not_found'] = notFound;
    }
    if (changed.length === 0 && targeted.length === 0) {
      result['note'] =
        'The call succeeded; no state changed while it ran. Some devices report a moment later: check with homeassistant_get_state.';
    }
    if (!Array.isArray(raw)) result['response'] = raw.service_response ?? null;
    return jsonResult(
      result,
      'ask for less data (e.g. a shorter forecast) or read single entities with homeassistant_get_state',
    );
  },
});

function targetedEntities(body: Record<string, unknown>): string[] {
  const value = body['entity_id'];
  const list = typeof value === 'string' ? value.split(',') : Array.isArray(value) ? value : [];
  return list.filter((v): v is string => typeof v === 'string' && v.includes('.')).map((v) => v.trim());
}

/** Turns Home Assistant's 400s into something a model can act on. */
async function explain(
  error: HomeAssistantRequestError,
  backend: HomeAssistantBackend,
  domain: string,
  service: string,
  signal: AbortSignal,
): Promise<Error> {
  const name = `${domain}.${service}`;
  const message = error.haMessage;
  if (message?.includes('requires responses')) {
    return new ToolError(
      `${name} returns data and only runs with return_response: true. Call it again with "return_response": true.`,
    );
  }
  if (message?.includes('does not support responses')) {
    return new ToolError(`${name} does not return data. Call it again without return_response.`);
  }
  if (message !== undefined) return new ToolError(`Home Assistant rejected ${name}: ${message}`);
  // A bare "400: Bad Request" means an unknown service or data that failed validation; find out which.
  let services: HassDomainServices[];
  try {
    services = await backend.rest.get<HassDomainServices[]>('/api/services', { signal });
  } catch {
    return new ToolError(
      `Home Assistant rejected ${name} (400 Bad Request): the service does not exist or its data is invalid.`,
    );
  }
  const entry = services.find((d) => d.domain === domain);
  if (!entry) {
    return new ToolError(
      `Home Assistant has no service domain "${domain}". Use homeassistant_list_services to see the domains.`,
    );
  }
  const definition = entry.services[service];
  if (!definition) {
    return new ToolError(
      `Home Assistant has no service ${name}. Services in ${domain}: ${Object.keys(entry.services).sort().join(', ')}.`,
    );
  }
  const fields = fieldNames(definition);
  return new ToolError(
    `Home Assistant rejected the data for ${name} (400 Bad Request). ` +
      `${fields.length > 0 ? `Its fields are: ${fields.join(', ')}. ` : 'It takes no fields. '}` +
      `Check names, types and ranges with homeassistant_list_services {"domain": "${domain}"}.`,
  );
}
