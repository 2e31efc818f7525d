import { validationError } from '../../core/errors.js';
import type { HomeAssistantState } from '../../core/hass.js';
import { pyFloatRepr } from '../../core/python-repr.js';
import type { State } from '../../core/state-machine.js';
import { coerce, enumOf, hasAtLeastOneKey } from '../../core/vol.js';
import { climateAction } from '../../demo/entity-builders.js';
import { registerEntityService } from '../entity-service.js';
import { field } from '../fields.js';
import type { ServiceCall } from '../registry.js';

/** `HVACMode` in declaration order (its values appear in this order in the error message). */
const HVAC_MODES = ['off', 'heat', 'cool', 'heat_cool', 'auto', 'dry', 'fan_only'] as const;

const hvacModeField = field(enumOf('HVACMode', HVAC_MODES), 'HVAC mode', 'HVAC operation mode.', {
  state: { hide_states: ['unavailable', 'unknown'], attribute: 'hvac_mode' },
});

const num = (v: unknown): number => Number(v);

function setMode(
  hass: HomeAssistantState,
  state: State,
  mode: string,
  call: ServiceCall,
  target?: number,
): void {
  const modes = (state.attributes['hvac_modes'] as string[] | undefined) ?? [];
  if (!modes.includes(mode)) {
    throw validationError(
      'climate',
      'not_valid_hvac_mode',
      'HVAC mode {mode} is not valid. Valid HVAC modes are: {modes}.',
      {
        mode,
        modes: modes.join(', '),
      },
    );
  }
  const temperature = target ?? num(state.attributes['temperature']);
  hass.update(
    state.entity_id,
    mode,
    {
      temperature,
      hvac_action: climateAction(mode, num(state.attributes['current_temperature']), temperature),
    },
    call.context,
  );
}

/** `climate.*`: target temperature and HVAC mode, validated against the entity like HA does. */
export function registerClimateServices(hass: HomeAssistantState): void {
  const lastOnMode = new Map<string, string>();
  registerEntityService(hass, 'climate', 'set_temperature', {
    name: 'Set target temperature',
    description: 'Sets the temperature setpoint.',
    requiredFeatures: 1,
    fields: {
      temperature: field(coerce('float'), 'Target temperature', 'The temperature setpoint.', {
        number: { min: 0, max: 250, step: 0.1, mode: 'box' },
      }),
      target_temp_high: field(
        coerce('float'),
        'Upper target temperature',
        'The max temperature setpoint.',
        { number: { min: 0, max: 250, step: 0.1, mode: 'box' } },
        { advanced: true },
      ),
      target_temp_low: field(
        coerce('float'),
        'Lower target temperature',
        'The min temperature setpoint.',
        { number: { min: 0, max: 250, step: 0.1, mode: 'box' } },
        { advanced: true },
      ),
      hvac_mode: hvacModeField,
    },
    refine: (check) => hasAtLeastOneKey(check, ['temperature', 'target_temp_high', 'target_temp_low']),
    apply: (state, data, call) => {
      const target =
        data['temperature'] === undefined ? num(state.attributes['temperature']) : num(data['temperature']);
      const min = num(state.attributes['min_temp']);
      const max = num(state.attributes['max_temp']);
      if (target < min || target > max) {
        throw validationError(
          'climate',
          'temp_out_of_range',
          'Provided temperature {check_temp} is not valid. Accepted range is {min_temp} to {max_temp}.',
          { check_temp: pyFloatRepr(target), min_temp: pyFloatRepr(min), max_temp: pyFloatRepr(max) },
        );
      }
      const mode = typeof data['hvac_mode'] === 'string' ? data['hvac_mode'] : state.state;
      setMode(hass, state, mode, call, target);
    },
  });
  registerEntityService(hass, 'climate', 'set_hvac_mode', {
    name: 'Set HVAC mode',
    description: 'Sets HVAC operation mode.',
    fields: { hvac_mode: { ...hvacModeField, required: true } },
    apply: (state, data, call) => {
      if (state.state !== 'off') lastOnMode.set(state.entity_id, state.state);
      setMode(hass, state, String(data['hvac_mode']), call);
    },
  });
  const turnOn = (state: State, call: ServiceCall): void => {
    if (state.state !== 'off') return;
    setMode(hass, state, lastOnMode.get(state.entity_id) ?? 'heat', call);
  };
  const turnOff = (state: State, call: ServiceCall): void => {
    if (state.state === 'off') return;
    lastOnMode.set(state.entity_id, state.state);
    setMode(hass, state, 'off', call);
  };
  registerEntityService(hass, 'climate', 'turn_on', {
    name: 'Turn on',
    description: 'Turns climate device on.',
    requiredFeatures: 256,
    apply: (state, _d, call) => turnOn(state, call),
  });
  registerEntityService(hass, 'climate', 'turn_off', {
    name: 'Turn off',
    description: 'Turns climate device off.',
    requiredFeatures: 128,
    apply: (state, _d, call) => turnOff(state, call),
  });
  registerEntityService(hass, 'climate', 'toggle', {
    name: 'Toggle',
    description: 'Toggles climate device, from on to off, or off to on.',
    requiredFeatures: 384,
    apply: (state, _d, call) => (state.state === 'off' ? turnOn(state, call) : turnOff(state, call)),
  });
}
