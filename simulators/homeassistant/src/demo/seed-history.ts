import { DAY, HOUR, MINUTE, localDate, localToMicros, type Micros } from '../core/time.js';
import { lightDynamicAttributes, type LightLook } from '../services/domains/light-model.js';
import { seedOf, seededRandom } from './random.js';

export interface SeedPoint {
  at: Micros;
  state: string;
  attributes: Record<string, unknown>;
}

interface Window {
  now: Micros;
  timeZone: string;
}

/** Start of the seeded day; a little over 24 h so `/api/history/period` has a start-time state. */
export const seedStart = (now: Micros): Micros => now - DAY - 2 * HOUR;

interface NumericShape {
  step: Micros;
  amplitude: number;
  noise: number;
  decimals: number;
  /** Hour of the daily peak, local time. */
  peakHour: number;
  min?: number;
}

const SHAPES: Record<string, NumericShape> = {
  temperature: { step: 10 * MINUTE, amplitude: 1.2, noise: 0.15, decimals: 1, peakHour: 16 },
  humidity: { step: 10 * MINUTE, amplitude: 4, noise: 0.6, decimals: 1, peakHour: 5 },
  power: { step: 5 * MINUTE, amplitude: 0, noise: 0, decimals: 1, peakHour: 19, min: 0 },
};

/** A daily cycle plus noise that ends exactly on `final`; only changed values become rows. */
function numericSeries(
  entityId: string,
  final: number,
  kind: string,
  attrs: Record<string, unknown>,
  w: Window,
): SeedPoint[] {
  const shape = SHAPES[kind];
  if (!shape) return [];
  const rnd = seededRandom(seedOf(entityId));
  const cycle = (t: Micros): number => {
    const h = localDate(t, w.timeZone).h + (t % HOUR) / HOUR;
    return Math.cos(((h - shape.peakHour) / 24) * 2 * Math.PI);
  };
  const points: SeedPoint[] = [];
  let previous = '';
  const start = seedStart(w.now);
  for (let t = start; t < w.now; t += shape.step) {
    let v = final + shape.amplitude * (cycle(t) - cycle(w.now)) + (rnd() - 0.5) * 2 * shape.noise;
    if (kind === 'power') v = powerAt(entityId, final, t, w, rnd);
    if (shape.min !== undefined) v = Math.max(shape.min, v);
    const text = v.toFixed(shape.decimals);
    if (text !== previous) points.push({ at: t, state: text, attributes: attrs });
    previous = text;
  }
  const finalText = kind === 'power' ? String(final) : final.toFixed(shape.decimals);
  if (finalText !== previous) points.push({ at: w.now - MINUTE, state: finalText, attributes: attrs });
  return points;
}

/** Plausible consumption per device: a base load with a few busy periods. */
function powerAt(entityId: string, final: number, t: Micros, w: Window, rnd: () => number): number {
  const h = localDate(t, w.timeZone).h;
  if (entityId.includes('smart_meter'))
    return 220 + rnd() * 180 + (h >= 17 && h <= 21 ? 900 + rnd() * 1200 : 0);
  if (entityId.includes('office_monitor')) return h >= 8 && h < 18 ? 36 + rnd() * 5 : 0.4;
  if (entityId.includes('coffee_maker')) return h === 7 && rnd() < 0.5 ? 1150 + rnd() * 60 : 0;
  return final;
}

/** Monotonic meter readings (`total_increasing`) ending on `final`. */
function meterSeries(final: number, perHour: number, attrs: Record<string, unknown>, w: Window): SeedPoint[] {
  const points: SeedPoint[] = [];
  for (let t = seedStart(w.now); t < w.now; t += 15 * MINUTE) {
    points.push({ at: t, state: (final - (perHour * (w.now - t)) / HOUR).toFixed(3), attributes: attrs });
  }
  points.push({ at: w.now - MINUTE, state: final.toFixed(3), attributes: attrs });
  return points;
}

/** The instant in the last 24 h when the local clock read `hour` (fractional). */
function lastOccurrence(hour: number, w: Window): Micros {
  const { y, m, d } = localDate(w.now, w.timeZone);
  const hh = Math.floor(hour);
  const today = localToMicros(w.timeZone, y, m, d, hh, Math.round((hour - hh) * 60));
  return today > w.now ? today - DAY : today;
}

/** On/off pulses at local times; pulses still running "now" are dropped so the final state rules. */
function pulseSeries(
  pulses: [number, number][],
  finalOn: boolean,
  onAttrs: Record<string, unknown>,
  offAttrs: Record<string, unknown>,
  w: Window,
): SeedPoint[] {
  const points: SeedPoint[] = [{ at: seedStart(w.now), state: 'off', attributes: offAttrs }];
  const windows = pulses
    .map(([hour, minutes]) => {
      const on = lastOccurrence(hour, w);
      return [on, on + minutes * MINUTE] as const;
    })
    .filter(([, off]) => off < w.now - 20 * MINUTE)
    .sort((a, b) => a[0] - b[0]);
  for (const [on, off] of windows) {
    points.push(
      { at: on, state: 'on', attributes: onAttrs },
      { at: off, state: 'off', attributes: offAttrs },
    );
  }
  if (finalOn) points.push({ at: w.now - 15 * MINUTE, state: 'on', attributes: onAttrs });
  return points;
}

/** Local-time activity per entity: [start hour, minutes on]. */
const PULSES: Record<string, [number, number][]> = {
  'light.kitchen_ceiling': [
    [6.8, 100],
    [17.5, 240],
  ],
  'light.kitchen_counter': [
    [7, 30],
    [18, 90],
  ],
  'light.living_room_lamp': [[19, 270]],
  'light.bedroom_ceiling': [
    [6.5, 20],
    [22.5, 30],
  ],
  'light.bedside_lamp': [[22.75, 45]],
  'light.office_desk_lamp': [[8.5, 210]],
  'light.garden_path_lights': [[20.5, 180]],
  'light.garage_door_light': [
    [8.2, 5],
    [17.7, 5],
  ],
  'switch.coffee_maker': [[7, 15]],
  'switch.office_monitor_plug': [[8.5, 570]],
  'switch.garden_sprinkler': [[6, 20]],
  'switch.ev_charger': [[1, 150]],
  'binary_sensor.kitchen_motion': [
    [7.15, 4],
    [12.5, 3],
    [18.3, 30],
  ],
  'binary_sensor.office_motion': [
    [9, 180],
    [13, 60],
  ],
  'binary_sensor.garden_motion': [
    [22.23, 1],
    [6.1, 2],
  ],
  'binary_sensor.front_door_contact': [
    [8.25, 1],
    [17.75, 1],
  ],
};

/** The "on" look of a light that is currently off, for seeded history rows. */
function lightOnAttributes(attrs: Record<string, unknown>): Record<string, unknown> {
  const modes = (attrs['supported_color_modes'] as string[] | undefined) ?? ['onoff'];
  const look: LightLook = {
    brightness: 200,
    mode: modes.includes('color_temp') ? 'color_temp' : ((modes[0] ?? 'onoff') as LightLook['mode']),
    kelvin: 2700,
    rgb: [255, 255, 255],
  };
  return { ...attrs, ...lightDynamicAttributes(true, modes, look) };
}

/** A day of plausible history for one entity, ending in its demo state; empty when not seeded. */
export function seedSeries(
  entityId: string,
  state: string,
  attrs: Record<string, unknown>,
  w: Window,
): SeedPoint[] {
  const domain = entityId.slice(0, entityId.indexOf('.'));
  const deviceClass = attrs['device_class'];
  if (domain === 'sensor' && typeof deviceClass === 'string') {
    if (deviceClass === 'energy')
      return meterSeries(Number(state), entityId.includes('smart_meter') ? 0.6 : 0.01, attrs, w);
    return numericSeries(entityId, Number(state), deviceClass, attrs, w);
  }
  const pulses = PULSES[entityId];
  if (!pulses) return [];
  const on = state === 'on';
  if (domain === 'light') {
    const onAttrs = on ? attrs : lightOnAttributes(attrs);
    const offAttrs = on
      ? {
          ...attrs,
          ...lightDynamicAttributes(false, (attrs['supported_color_modes'] as string[]) ?? [], {
            brightness: 0,
            mode: 'onoff',
            kelvin: 2700,
            rgb: [0, 0, 0],
          }),
        }
      : attrs;
    return pulseSeries(pulses, on, onAttrs, offAttrs, w);
  }
  return pulseSeries(pulses, on, attrs, attrs, w);
}
