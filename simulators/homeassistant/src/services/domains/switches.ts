import type { HomeAssistantState } from '../../core/hass.js';
import { registerEntityService } from '../entity-service.js';

const VERBS = {
  turn_on: { name: 'Turn on', verb: 'Turns on' },
  turn_off: { name: 'Turn off', verb: 'Turns off' },
  toggle: { name: 'Toggle', verb: 'Toggles' },
} as const;

/** `switch.*` and `input_boolean.*`: plain on/off entities. */
export function registerSwitchServices(hass: HomeAssistantState): void {
  for (const [domain, noun] of [
    ['switch', 'a switch'],
    ['input_boolean', 'the input boolean'],
  ] as const) {
    for (const [service, text] of Object.entries(VERBS)) {
      registerEntityService(hass, domain, service, {
        name: text.name,
        description: `${text.verb} ${noun}.`,
        apply: (state, _data, call) => {
          const on = service === 'turn_on' || (service === 'toggle' && state.state !== 'on');
          hass.update(state.entity_id, on ? 'on' : 'off', {}, call.context);
        },
      });
    }
  }
}
