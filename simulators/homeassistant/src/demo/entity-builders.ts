import { lightDynamicAttributes, mireds, type LightLook } from '../services/domains/light-model.js';

/** Initial state + attributes of one demo entity (friendly_name is added by the registry builder). */
export interface Initial {
  state: string;
  attributes: Record<string, unknown>;
}

/** Feature bits used by the demo entities (each domain's `const.py`). */
export const LightFeature = { EFFECT: 4, FLASH: 8, TRANSITION: 32 } as const;
export const CoverFeature = { OPEN: 1, CLOSE: 2, SET_POSITION: 4, STOP: 8 } as const;
export const ClimateFeature = { TARGET_TEMPERATURE: 1, TURN_OFF: 128, TURN_ON: 256 } as const;
export const MediaFeature = {
  PAUSE: 1,
  SEEK: 2,
  VOLUME_SET: 4,
  VOLUME_MUTE: 8,
  PREVIOUS_TRACK: 16,
  NEXT_TRACK: 32,
  TURN_ON: 128,
  TURN_OFF: 256,
  PLAY_MEDIA: 512,
  VOLUME_STEP: 1024,
  SELECT_SOURCE: 2048,
  STOP: 4096,
  PLAY: 16384,
  SHUFFLE_SET: 32768,
  REPEAT_SET: 262144,
} as const;

const sum = (o: Record<string, number>): number => Object.values(o).reduce((a, b) => a + b, 0);

export interface LightOptions {
  on: boolean;
  modes: ('onoff' | 'brightness' | 'color_temp' | 'xy' | 'hs')[];
  brightness?: number;
  kelvin?: number;
  rgb?: [number, number, number];
  minKelvin?: number;
  maxKelvin?: number;
}

export function light(o: LightOptions): Initial {
  const attributes: Record<string, unknown> = {};
  if (o.modes.includes('color_temp')) {
    const min = o.minKelvin ?? 2202;
    const max = o.maxKelvin ?? 6535;
    Object.assign(attributes, {
      min_color_temp_kelvin: min,
      max_color_temp_kelvin: max,
      min_mireds: mireds(max),
      max_mireds: mireds(min),
    });
  }
  attributes['supported_color_modes'] = o.modes;
  const look: LightLook = {
    brightness: o.brightness ?? 255,
    mode: o.rgb
      ? o.modes.includes('hs')
        ? 'hs'
        : 'xy'
      : o.modes.includes('color_temp')
        ? 'color_temp'
        : (o.modes[0] ?? 'onoff'),
    kelvin: o.kelvin ?? 2700,
    rgb: o.rgb ?? [255, 255, 255],
  };
  Object.assign(attributes, lightDynamicAttributes(o.on, o.modes, look));
  attributes['supported_features'] =
    o.modes.length === 1 && o.modes[0] !== 'color_temp'
      ? LightFeature.TRANSITION
      : LightFeature.FLASH + LightFeature.TRANSITION;
  return { state: o.on ? 'on' : 'off', attributes };
}

export function onOff(on: boolean, attributes: Record<string, unknown> = {}): Initial {
  return { state: on ? 'on' : 'off', attributes };
}

type SensorKind = 'temperature' | 'humidity' | 'power' | 'energy' | 'battery';

const SENSOR_UNITS: Record<SensorKind, { unit: string; stateClass: string }> = {
  temperature: { unit: '°C', stateClass: 'measurement' },
  humidity: { unit: '%', stateClass: 'measurement' },
  power: { unit: 'W', stateClass: 'measurement' },
  energy: { unit: 'kWh', stateClass: 'total_increasing' },
  battery: { unit: '%', stateClass: 'measurement' },
};

export function sensor(kind: SensorKind, value: string): Initial {
  const u = SENSOR_UNITS[kind];
  return {
    state: value,
    attributes: { state_class: u.stateClass, unit_of_measurement: u.unit, device_class: kind },
  };
}

export function binarySensor(deviceClass: 'motion' | 'door' | 'garage_door', on: boolean): Initial {
  return { state: on ? 'on' : 'off', attributes: { device_class: deviceClass } };
}

export interface ClimateOptions {
  mode: 'off' | 'heat' | 'cool' | 'auto';
  modes: string[];
  target: number;
  current: number;
  min: number;
  max: number;
}

export function climate(o: ClimateOptions): Initial {
  return {
    state: o.mode,
    attributes: {
      hvac_modes: o.modes,
      min_temp: o.min,
      max_temp: o.max,
      target_temp_step: 0.5,
      current_temperature: o.current,
      temperature: o.target,
      hvac_action: climateAction(o.mode, o.current, o.target),
      supported_features: sum(ClimateFeature),
    },
  };
}

/** What the device reports it is doing, given mode and temperatures. */
export function climateAction(mode: string, current: number, target: number): string {
  if (mode === 'off') return 'off';
  if (mode === 'cool') return current > target ? 'cooling' : 'idle';
  return current < target ? 'heating' : 'idle';
}

export function cover(deviceClass: 'shade' | 'blind' | 'garage', position: number | null): Initial {
  const positional = position !== null;
  const attributes: Record<string, unknown> = {};
  if (positional) attributes['current_position'] = position;
  attributes['device_class'] = deviceClass;
  attributes['supported_features'] = positional
    ? sum(CoverFeature)
    : CoverFeature.OPEN + CoverFeature.CLOSE + CoverFeature.STOP;
  return { state: positional && position === 0 ? 'closed' : positional ? 'open' : 'closed', attributes };
}

export function lock(locked: boolean): Initial {
  return { state: locked ? 'locked' : 'unlocked', attributes: { supported_features: 1 } };
}

export function mediaPlayer(): Initial {
  return {
    state: 'paused',
    attributes: {
      source_list: ['Line-in', 'TV'],
      group_members: ['media_player.living_room_speaker'],
      volume_level: 0.25,
      is_volume_muted: false,
      media_content_id: 'x-sonos-spotify:spotify:track:4vLYewWIvqHfKtJDk8c8tq',
      media_content_type: 'music',
      media_duration: 562,
      media_position: 95,
      media_title: 'So What',
      media_artist: 'Miles Davis',
      media_album_name: 'Kind of Blue',
      shuffle: false,
      repeat: 'off',
      device_class: 'speaker',
      supported_features: sum(MediaFeature),
    },
  };
}
