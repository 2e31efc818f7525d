import { ServiceNotSupported } from '../core/errors.js';
import type { HomeAssistantState } from '../core/hass.js';
import type { State } from '../core/state-machine.js';
import type { Check } from '../core/vol.js';
import type { Field, ServiceCall, ServiceResponse, SupportsResponse } from './registry.js';
import { selectTargets } from './targets.js';

export interface EntityServiceSpec {
  name: string;
  description: string;
  fields?: Record<string, Field>;
  supportsResponse?: SupportsResponse;
  refine?: (check: Check) => Check;
  /** Feature bits the entity must have (`supported_features`), as `entity_service_call` checks. */
  requiredFeatures?: number;
  /** Change one entity; a return value becomes that entity's entry in the response. */
  apply: (state: State, data: Record<string, unknown>, call: ServiceCall) => unknown;
}

/** Entities of `domain` the call targets, explicit ones first (`entity_service_call`). */
export function targetedStates(
  hass: HomeAssistantState,
  domain: string,
  data: Record<string, unknown>,
): { state: State; explicit: boolean }[] {
  const sel = selectTargets(hass.registries, data, () => hass.states.entityIds(domain));
  const out: { state: State; explicit: boolean }[] = [];
  for (const [ids, explicit] of [
    [sel.referenced, true],
    [sel.indirect, false],
  ] as const) {
    for (const id of ids) {
      if (!id.startsWith(`${domain}.`)) continue;
      // Missing entities are only logged by HA ("Referenced entities ... are missing").
      const state = hass.states.get(id);
      if (state) out.push({ state, explicit });
    }
  }
  return out;
}

/** Register `domain.service` as an entity service (needs a target; acts per entity). */
export function registerEntityService(
  hass: HomeAssistantState,
  domain: string,
  service: string,
  spec: EntityServiceSpec,
): void {
  hass.services.register(domain, service, {
    name: spec.name,
    description: spec.description,
    fields: spec.fields,
    targetDomain: domain,
    supportsResponse: spec.supportsResponse ?? 'none',
    refine: spec.refine,
    handler: (call) => {
      const response: ServiceResponse = {};
      for (const { state, explicit } of targetedStates(hass, domain, call.data)) {
        const features = Number(state.attributes['supported_features'] ?? 0);
        if (spec.requiredFeatures && (features & spec.requiredFeatures) === 0) {
          if (explicit) throw new ServiceNotSupported(domain, service, state.entity_id);
          continue;
        }
        const result = spec.apply(state, call.data, call);
        if (call.returnResponse) response[state.entity_id] = result ?? null;
      }
      return call.returnResponse ? response : undefined;
    },
  });
}
