import type { HomeAssistantState } from '../../core/hass.js';
import type { State } from '../../core/state-machine.js';
import { CoverFeature } from '../../demo/entity-builders.js';
import { registerEntityService } from '../entity-service.js';
import { numberField, textField } from '../fields.js';
import type { ServiceCall } from '../registry.js';

/** Covers jump straight to their end position (real ones pass through opening/closing). */
function moveCover(hass: HomeAssistantState, state: State, position: number, call: ServiceCall): void {
  const positional = 'current_position' in state.attributes;
  const changes = positional ? { current_position: position } : {};
  hass.update(state.entity_id, position > 0 ? 'open' : 'closed', changes, call.context);
}

export function registerCoverServices(hass: HomeAssistantState): void {
  registerEntityService(hass, 'cover', 'open_cover', {
    name: 'Open',
    description: 'Opens a cover.',
    requiredFeatures: CoverFeature.OPEN,
    apply: (state, _d, call) => moveCover(hass, state, 100, call),
  });
  registerEntityService(hass, 'cover', 'close_cover', {
    name: 'Close',
    description: 'Closes a cover.',
    requiredFeatures: CoverFeature.CLOSE,
    apply: (state, _d, call) => moveCover(hass, state, 0, call),
  });
  registerEntityService(hass, 'cover', 'set_cover_position', {
    name: 'Set position',
    description: 'Moves a cover to a specific position.',
    requiredFeatures: CoverFeature.SET_POSITION,
    fields: {
      position: numberField(
        'Position',
        'Target position.',
        { min: 0, max: 100, unit: '%', int: true },
        { required: true },
      ),
    },
    apply: (state, data, call) => moveCover(hass, state, Number(data['position']), call),
  });
  registerEntityService(hass, 'cover', 'stop_cover', {
    name: 'Stop',
    description: 'Stops the cover movement.',
    requiredFeatures: CoverFeature.STOP,
    apply: () => undefined,
  });
  registerEntityService(hass, 'cover', 'toggle', {
    name: 'Toggle',
    description: 'Toggles a cover open/closed.',
    requiredFeatures: CoverFeature.OPEN | CoverFeature.CLOSE,
    apply: (state, _d, call) => moveCover(hass, state, state.state === 'closed' ? 100 : 0, call),
  });
}

export function registerLockServices(hass: HomeAssistantState): void {
  const code = { code: textField('Code', 'Code used to lock the lock.', { example: '1234' }) };
  registerEntityService(hass, 'lock', 'lock', {
    name: 'Lock',
    description: 'Locks a lock.',
    fields: code,
    apply: (state, _d, call) => hass.update(state.entity_id, 'locked', {}, call.context),
  });
  registerEntityService(hass, 'lock', 'unlock', {
    name: 'Unlock',
    description: 'Unlocks a lock.',
    fields: code,
    apply: (state, _d, call) => hass.update(state.entity_id, 'unlocked', {}, call.context),
  });
  registerEntityService(hass, 'lock', 'open', {
    name: 'Open',
    description: 'Opens a lock.',
    fields: code,
    requiredFeatures: 1,
    apply: (state, _d, call) => hass.update(state.entity_id, 'open', {}, call.context),
  });
}
