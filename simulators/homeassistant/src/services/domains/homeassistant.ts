import type { HomeAssistantState } from '../../core/hass.js';
import { selectTargets } from '../targets.js';
import type { ServiceCall } from '../registry.js';

/**
 * `homeassistant.turn_on/turn_off/toggle`: group the targeted entities by domain and call that
 * domain's action of the same name (`components/homeassistant/__init__.py`). Domains without it
 * (locks, sensors, covers) are skipped with a warning in HA's log, not an error.
 */
function fanOut(hass: HomeAssistantState, call: ServiceCall): undefined {
  const sel = selectTargets(hass.registries, call.data, () => hass.states.entityIds());
  const byDomain = new Map<string, string[]>();
  for (const id of [...sel.referenced, ...sel.indirect].sort()) {
    const domain = id.slice(0, id.indexOf('.'));
    if (domain === 'homeassistant' || !hass.services.has(domain, call.service)) continue;
    byDomain.set(domain, [...(byDomain.get(domain) ?? []), id]);
  }
  const { entity_id: _e, device_id: _d, area_id: _a, floor_id: _f, label_id: _l, ...rest } = call.data;
  for (const [domain, ids] of byDomain) {
    hass.services.call(domain, call.service, { ...rest, entity_id: ids }, call.context);
  }
  return undefined;
}

const noop = (): undefined => undefined;

export function registerHomeAssistantServices(hass: HomeAssistantState): void {
  const generic = [
    ['turn_on', 'Generic turn on', 'Generic action to turn devices on under any domain.'],
    ['turn_off', 'Generic turn off', 'Generic action to turn devices off under any domain.'],
    ['toggle', 'Generic toggle', 'Generic action to toggle devices on/off under any domain.'],
  ] as const;
  for (const [service, name, description] of generic) {
    hass.services.register('homeassistant', service, {
      name,
      description,
      target: { entity: [{}] },
      allowExtra: true,
      handler: (call) => fanOut(hass, call),
    });
  }
  hass.services.register('homeassistant', 'update_entity', {
    name: 'Update entity',
    description: 'Forces one or more entities to update their data.',
    target: { entity: [{}] },
    handler: noop,
  });
  hass.services.register('homeassistant', 'check_config', {
    name: 'Check configuration',
    description:
      'Checks the Home Assistant YAML-configuration files for errors. Errors will be shown in the Home Assistant logs.',
    handler: noop,
  });
  hass.services.register('homeassistant', 'reload_core_config', {
    name: 'Reload Core configuration',
    description: 'Reloads the Core configuration from the YAML-configuration.',
    handler: noop,
  });
  hass.services.register('homeassistant', 'reload_all', {
    name: 'Reload all',
    description: 'Reloads all YAML configuration that can be reloaded without restarting Home Assistant.',
    handler: noop,
  });
}
