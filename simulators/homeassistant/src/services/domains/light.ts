import type { HomeAssistantState } from '../../core/hass.js';
import type { State } from '../../core/state-machine.js';
import { Invalid, coerce, hasAtMostOneKey, range, str, tupleOf, type Check } from '../../core/vol.js';
import { registerEntityService } from '../entity-service.js';
import { field, numberField, transitionField } from '../fields.js';
import type { ServiceCall } from '../registry.js';
import {
  COLOR_NAMES,
  hsToRgb,
  lightDynamicAttributes,
  xyToRgb,
  type LightLook,
  type Rgb,
} from './light-model.js';

const byte = range(coerce('int'), 0, 255);

/** `cv.color_name`-ish: a known colour name, lower-cased. */
const colorName: Check = (v, path) => {
  const name = String(str(v, path)).replace(/\s+/g, '').toLowerCase();
  if (!(name in COLOR_NAMES)) throw new Invalid('Unknown color', path);
  return name;
};

/** The colour state a light shows now (or would restore when turned on). */
function lookOf(state: State, memory: Map<string, LightLook>): LightLook {
  const a = state.attributes;
  const remembered = memory.get(state.entity_id);
  if (state.state !== 'on' && remembered) return remembered;
  const modes = (a['supported_color_modes'] as string[] | undefined) ?? ['onoff'];
  const mode =
    (a['color_mode'] as LightLook['mode'] | null) ??
    (modes.includes('color_temp') ? 'color_temp' : (modes[0] as LightLook['mode']));
  return {
    brightness: typeof a['brightness'] === 'number' ? a['brightness'] : 255,
    mode,
    kelvin: typeof a['color_temp_kelvin'] === 'number' ? a['color_temp_kelvin'] : 2700,
    rgb: Array.isArray(a['rgb_color']) ? (a['rgb_color'] as Rgb) : [255, 255, 255],
  };
}

const colorMode = (modes: string[]): LightLook['mode'] =>
  modes.includes('hs') ? 'hs' : modes.includes('xy') ? 'xy' : modes.includes('rgb') ? 'rgb' : 'brightness';

/** Apply `light.turn_on` data to a look (`light/__init__.py` `async_handle_light_on_service`). */
function applyTurnOn(
  look: LightLook,
  modes: string[],
  a: Record<string, unknown>,
  data: Record<string, unknown>,
): LightLook {
  const next = { ...look };
  if (typeof data['brightness'] === 'number') next.brightness = data['brightness'];
  if (typeof data['brightness_pct'] === 'number')
    next.brightness = Math.round((data['brightness_pct'] * 255) / 100);
  if (typeof data['brightness_step'] === 'number')
    next.brightness = Math.max(0, Math.min(255, look.brightness + data['brightness_step']));
  if (typeof data['brightness_step_pct'] === 'number') {
    next.brightness = Math.max(
      0,
      Math.min(255, look.brightness + Math.round((data['brightness_step_pct'] * 255) / 100)),
    );
  }
  if (typeof data['color_temp_kelvin'] === 'number' && modes.includes('color_temp')) {
    const min = Number(a['min_color_temp_kelvin'] ?? 2000);
    const max = Number(a['max_color_temp_kelvin'] ?? 6500);
    next.kelvin = Math.max(min, Math.min(max, data['color_temp_kelvin']));
    next.mode = 'color_temp';
  }
  const rgb = Array.isArray(data['rgb_color'])
    ? (data['rgb_color'] as Rgb)
    : Array.isArray(data['hs_color'])
      ? hsToRgb(Number(data['hs_color'][0]), Number(data['hs_color'][1]))
      : Array.isArray(data['xy_color'])
        ? xyToRgb(Number(data['xy_color'][0]), Number(data['xy_color'][1]))
        : typeof data['color_name'] === 'string'
          ? COLOR_NAMES[data['color_name']]
          : undefined;
  if (rgb && modes.some((m) => ['hs', 'xy', 'rgb'].includes(m))) {
    next.rgb = rgb;
    next.mode = colorMode(modes);
  }
  return next;
}

/** `light.turn_on` / `turn_off` / `toggle`, with the brightness and colour fields HA accepts. */
export function registerLightServices(hass: HomeAssistantState): void {
  const memory = new Map<string, LightLook>();
  const write = (state: State, on: boolean, look: LightLook, call: ServiceCall): void => {
    const modes = (state.attributes['supported_color_modes'] as string[] | undefined) ?? ['onoff'];
    if (on) memory.set(state.entity_id, look);
    hass.update(state.entity_id, on ? 'on' : 'off', lightDynamicAttributes(on, modes, look), call.context);
  };
  const turnOn = (state: State, data: Record<string, unknown>, call: ServiceCall): void => {
    const modes = (state.attributes['supported_color_modes'] as string[] | undefined) ?? ['onoff'];
    const look = applyTurnOn(lookOf(state, memory), modes, state.attributes, data);
    // HA turns the light off when the requested brightness is 0.
    if (look.brightness === 0) write(state, false, lookOf(state, memory), call);
    else write(state, true, look, call);
  };
  const turnOff = (state: State, _data: Record<string, unknown>, call: ServiceCall): void => {
    write(state, false, lookOf(state, memory), call);
  };
  const brightnessFilter = {
    attribute: { supported_color_modes: ['brightness', 'color_temp', 'hs', 'xy', 'rgb'] },
  };
  const onFields = {
    transition: transitionField(),
    rgb_color: field(
      tupleOf(3, byte),
      'Color',
      'The color in RGB format. A list of three integers between 0 and 255 representing the values of red, green, and blue.',
      { color_rgb: null },
      { example: '[255, 100, 100]', filter: brightnessFilter },
    ),
    hs_color: field(
      tupleOf(2, coerce('float')),
      'Hue/Sat color',
      'Color in hue/sat format. A list of two integers. Hue is 0-360 and Sat is 0-100.',
      { object: null },
      { advanced: true, example: '[300, 70]' },
    ),
    xy_color: field(
      tupleOf(2, coerce('float')),
      'XY-color',
      'Color in XY-format. A list of two decimal numbers between 0 and 1.',
      { object: null },
      { advanced: true, example: '[0.52, 0.43]' },
    ),
    color_name: field(
      colorName,
      'Color name',
      'A human-readable color name.',
      { color_name: null },
      { advanced: true, example: 'red' },
    ),
    color_temp_kelvin: numberField(
      'Color temperature',
      'Color temperature in Kelvin.',
      { min: 2000, max: 6500, step: 100, unit: 'K', int: true },
      { filter: { attribute: { supported_color_modes: ['color_temp'] } } },
    ),
    brightness: numberField(
      'Brightness value',
      'Number indicating brightness, where 0 turns the light off, 1 is the minimum brightness, and 255 is the maximum brightness.',
      { min: 0, max: 255, step: 1, int: true },
      { advanced: true, filter: brightnessFilter },
    ),
    brightness_pct: numberField(
      'Brightness',
      'Number indicating the percentage of full brightness, where 0 turns the light off, 1 is the minimum brightness, and 100 is the maximum brightness.',
      { min: 0, max: 100, unit: '%' },
      { filter: brightnessFilter },
    ),
    brightness_step: numberField(
      'Brightness step value',
      'Change brightness by an amount.',
      { min: -225, max: 255, int: true },
      { advanced: true, filter: brightnessFilter },
    ),
    brightness_step_pct: numberField(
      'Brightness step',
      'Change brightness by a percentage.',
      { min: -100, max: 100, unit: '%' },
      { filter: brightnessFilter },
    ),
    flash: field(
      str,
      'Flash',
      'Tell light to flash, can be either value short or long.',
      {
        select: {
          options: [
            { label: 'Long', value: 'long' },
            { label: 'Short', value: 'short' },
          ],
        },
      },
      { advanced: true, filter: { supported_features: [8] } },
    ),
  };
  const exclusive: (readonly string[])[] = [
    ['brightness', 'brightness_pct', 'brightness_step', 'brightness_step_pct'],
    ['rgb_color', 'hs_color', 'xy_color', 'color_name', 'color_temp_kelvin'],
  ];
  const refine = (check: Check): Check => exclusive.reduce((c, keys) => hasAtMostOneKey(c, keys), check);

  registerEntityService(hass, 'light', 'turn_on', {
    name: 'Turn on',
    description:
      'Turns on one or more lights and adjusts their properties, even when they are turned on already.',
    fields: onFields,
    refine,
    apply: turnOn,
  });
  registerEntityService(hass, 'light', 'turn_off', {
    name: 'Turn off',
    description: 'Turns off one or more lights.',
    fields: { transition: transitionField() },
    apply: turnOff,
  });
  registerEntityService(hass, 'light', 'toggle', {
    name: 'Toggle',
    description: 'Toggles one or more lights, from on to off, or off to on, based on their current state.',
    fields: onFields,
    refine,
    apply: (state, data, call) =>
      state.state === 'on' ? turnOff(state, data, call) : turnOn(state, data, call),
  });
}
