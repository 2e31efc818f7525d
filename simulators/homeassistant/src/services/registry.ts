import type { Context, EventBus } from '../core/event-bus.js';
import { ServiceNotFound, validationError } from '../core/errors.js';
import { dict, hasAtLeastOneKey, type Check, type Key } from '../core/vol.js';
import { TARGET_FIELDS, TARGET_KEYS } from './targets.js';

export type SupportsResponse = 'none' | 'optional' | 'only';
export type ServiceResponse = Record<string, unknown>;

export interface ServiceCall {
  domain: string;
  service: string;
  data: Record<string, unknown>;
  context: Context;
  returnResponse: boolean;
}

/** One field of a service description (`services.yaml` + translations), plus its validator. */
export interface Field {
  check: Check;
  name: string;
  description: string;
  required?: boolean;
  example?: unknown;
  default?: unknown;
  advanced?: boolean;
  selector: Record<string, unknown>;
  filter?: Record<string, unknown>;
}

export interface ServiceSpec {
  name: string;
  description: string;
  fields?: Record<string, Field>;
  /** Entity domains the action targets; makes it an entity service needing a target. */
  targetDomain?: string;
  supportsResponse?: SupportsResponse;
  /** Accept unknown keys (`extra=vol.ALLOW_EXTRA`), e.g. the generic `homeassistant.turn_on`. */
  allowExtra?: boolean;
  /** Target description for actions that take a target but are not tied to one domain. */
  target?: Record<string, unknown>;
  /** Extra validation after the field checks (e.g. `has_at_most_one_key`). */
  refine?: (check: Check) => Check;
  handler: (call: ServiceCall) => ServiceResponse | undefined;
}

interface Registered extends ServiceSpec {
  schema: Check;
}

function buildSchema(spec: ServiceSpec): Check {
  const keys: Record<string, Key> = {};
  for (const [name, f] of Object.entries(spec.fields ?? {})) {
    keys[name] = { check: f.check, required: f.required ?? false };
  }
  let check: Check;
  if (spec.targetDomain) {
    // `cv.make_entity_service_schema`: target keys plus fields, and a target is mandatory.
    check = hasAtLeastOneKey(
      dict({ ...TARGET_FIELDS, ...keys }, { allowExtra: spec.allowExtra }),
      TARGET_KEYS,
    );
  } else if (spec.target) {
    check = dict({ ...TARGET_FIELDS, ...keys }, { allowExtra: spec.allowExtra });
  } else {
    check = dict(keys, { allowExtra: spec.allowExtra });
  }
  return spec.refine ? spec.refine(check) : check;
}

function describeField(f: Field): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (f.required) out['required'] = true;
  if (f.advanced) out['advanced'] = true;
  if (f.example !== undefined) out['example'] = f.example;
  if (f.default !== undefined) out['default'] = f.default;
  if (f.filter) out['filter'] = f.filter;
  out['selector'] = f.selector;
  out['name'] = f.name;
  out['description'] = f.description;
  return out;
}

/**
 * `homeassistant.core.ServiceRegistry`: lookup, response-mode checks, schema validation, the
 * `call_service` event, then the handler, in that order (`ServiceRegistry.async_call`).
 */
export class ServiceRegistry {
  private readonly services = new Map<string, Map<string, Registered>>();

  constructor(private readonly bus: EventBus) {}

  register(domain: string, service: string, spec: ServiceSpec): void {
    let byName = this.services.get(domain);
    if (!byName) {
      byName = new Map();
      this.services.set(domain, byName);
    }
    byName.set(service, { ...spec, schema: buildSchema(spec) });
  }

  has(domain: string, service: string): boolean {
    return this.services.get(domain.toLowerCase())?.has(service.toLowerCase()) ?? false;
  }

  supportsResponse(domain: string, service: string): SupportsResponse {
    return this.services.get(domain.toLowerCase())?.get(service.toLowerCase())?.supportsResponse ?? 'none';
  }

  /** `async_get_all_descriptions`: `{domain: {service: {name, description, fields, target?, response?}}}`. */
  descriptions(): Record<string, Record<string, Record<string, unknown>>> {
    const out: Record<string, Record<string, Record<string, unknown>>> = {};
    for (const [domain, byName] of this.services) {
      const d: Record<string, Record<string, unknown>> = {};
      for (const [service, s] of byName) {
        const desc: Record<string, unknown> = {
          name: s.name,
          description: s.description,
          fields: Object.fromEntries(Object.entries(s.fields ?? {}).map(([k, f]) => [k, describeField(f)])),
        };
        if (s.targetDomain) desc['target'] = { entity: [{ domain: [s.targetDomain] }] };
        else if (s.target) desc['target'] = s.target;
        if (s.supportsResponse && s.supportsResponse !== 'none') {
          desc['response'] = { optional: s.supportsResponse === 'optional' };
        }
        d[service] = desc;
      }
      out[domain] = d;
    }
    return out;
  }

  call(
    domainIn: string,
    serviceIn: string,
    data: Record<string, unknown> | null | undefined,
    context: Context,
    opts: { target?: Record<string, unknown>; returnResponse?: boolean } = {},
  ): ServiceResponse | undefined {
    const domain = domainIn.toLowerCase();
    const service = serviceIn.toLowerCase();
    const spec = this.services.get(domain)?.get(service);
    if (!spec) throw new ServiceNotFound(domain, service);
    const returnResponse = opts.returnResponse ?? false;
    const placeholders = { return_response: 'return_response=True' };
    if (returnResponse && (spec.supportsResponse ?? 'none') === 'none') {
      throw validationError(
        'homeassistant',
        'service_does_not_support_response',
        "An action which does not return responses can't be called with {return_response}.",
        placeholders,
      );
    }
    if (!returnResponse && spec.supportsResponse === 'only') {
      throw validationError(
        'homeassistant',
        'service_lacks_response_request',
        'The action requires responses and must be called with {return_response}.',
        placeholders,
      );
    }
    const serviceData = { ...(data ?? {}), ...(opts.target ?? {}) };
    const processed = spec.schema(serviceData, []) as Record<string, unknown>;
    this.bus.fire('call_service', { domain, service, service_data: serviceData }, context);
    const response = spec.handler({ domain, service, data: processed, context, returnResponse });
    return returnResponse ? (response ?? {}) : undefined;
  }
}
