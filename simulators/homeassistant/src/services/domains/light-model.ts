/**
 * The dynamic light attributes HA derives from a light's colour state (`light/__init__.py`
 * `state_attributes`, `util/color.py`): one colour mode is active and the other colour
 * representations are computed from it.
 */
export type Rgb = [number, number, number];

export interface LightLook {
  brightness: number;
  mode: 'color_temp' | 'hs' | 'xy' | 'rgb' | 'brightness' | 'onoff';
  kelvin: number;
  rgb: Rgb;
}

const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));
const round = (v: number, digits: number): number => Number(v.toFixed(digits));

/** `color_temperature_to_rgb` (Tanner Helland's approximation, as HA uses). */
export function kelvinToRgb(kelvin: number): Rgb {
  const t = clamp(kelvin, 1000, 40000) / 100;
  const red = t <= 66 ? 255 : 329.698727446 * Math.pow(t - 60, -0.1332047592);
  const green =
    t <= 66 ? 99.4708025861 * Math.log(t) - 161.1195681661 : 288.1221695283 * Math.pow(t - 60, -0.0755148492);
  const blue = t >= 66 ? 255 : t <= 19 ? 0 : 138.5177312231 * Math.log(t - 10) - 305.0447927307;
  return [Math.round(clamp(red, 0, 255)), Math.round(clamp(green, 0, 255)), Math.round(clamp(blue, 0, 255))];
}

/** `color_RGB_to_hs`: hue in degrees, saturation in percent, 3 decimals. */
export function rgbToHs([r, g, b]: Rgb): [number, number] {
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const delta = max - min;
  let h = 0;
  if (delta !== 0) {
    if (max === r) h = ((g - b) / delta) % 6;
    else if (max === g) h = (b - r) / delta + 2;
    else h = (r - g) / delta + 4;
    h *= 60;
    if (h < 0) h += 360;
  }
  const s = max === 0 ? 0 : (delta / max) * 100;
  return [round(h, 3), round(s, 3)];
}

/** `color_RGB_to_xy` with sRGB gamma expansion (Wide RGB D65), 3 decimals. */
export function rgbToXy(rgb: Rgb): [number, number] {
  const [r, g, b] = rgb.map((c) => {
    const v = c / 255;
    return v > 0.04045 ? Math.pow((v + 0.055) / 1.055, 2.4) : v / 12.92;
  }) as Rgb;
  const X = r * 0.664511 + g * 0.154324 + b * 0.162028;
  const Y = r * 0.283881 + g * 0.668433 + b * 0.047685;
  const Z = r * 0.000088 + g * 0.07231 + b * 0.986039;
  const sum = X + Y + Z;
  if (sum === 0) return [0, 0];
  return [round(X / sum, 3), round(Y / sum, 3)];
}

/** `color_hs_to_RGB` (value 100%). */
export function hsToRgb(h: number, s: number): Rgb {
  const c = s / 100;
  const x = c * (1 - Math.abs(((h / 60) % 2) - 1));
  const m = 1 - c;
  const sector = Math.floor(h / 60) % 6;
  const table: [number, number, number][] = [
    [c, x, 0],
    [x, c, 0],
    [0, c, x],
    [0, x, c],
    [x, 0, c],
    [c, 0, x],
  ];
  const [r, g, b] = table[sector] ?? [c, x, 0];
  return [Math.round((r + m) * 255), Math.round((g + m) * 255), Math.round((b + m) * 255)];
}

export const mireds = (kelvin: number): number => Math.round(1_000_000 / kelvin);

const COLOR_MODES = ['hs', 'xy', 'rgb', 'rgbw', 'rgbww'];

/** The dynamic part of a light's attributes, on or off, for its supported colour modes. */
export function lightDynamicAttributes(
  on: boolean,
  supportedModes: readonly string[],
  look: LightLook,
): Record<string, unknown> {
  const brightnessSupported = supportedModes.some((m) => m !== 'onoff');
  const tempSupported = supportedModes.includes('color_temp');
  const colorSupported = supportedModes.some((m) => COLOR_MODES.includes(m));
  const out: Record<string, unknown> = { color_mode: on ? look.mode : null };
  if (brightnessSupported) out['brightness'] = on ? look.brightness : null;
  if (tempSupported) {
    out['color_temp_kelvin'] = on && look.mode === 'color_temp' ? look.kelvin : null;
    out['color_temp'] = on && look.mode === 'color_temp' ? mireds(look.kelvin) : null;
  }
  if (colorSupported || tempSupported) {
    const showColor = on && (look.mode === 'color_temp' || COLOR_MODES.includes(look.mode));
    const rgb = look.mode === 'color_temp' ? kelvinToRgb(look.kelvin) : look.rgb;
    out['hs_color'] = showColor ? rgbToHs(rgb) : null;
    out['rgb_color'] = showColor ? rgb : null;
    out['xy_color'] = showColor ? rgbToXy(rgb) : null;
  }
  return out;
}

/** `color_xy_to_RGB` at full brightness. */
export function xyToRgb(x: number, y: number): Rgb {
  if (y === 0) return [0, 0, 0];
  const X = x / y;
  const Z = (1 - x - y) / y;
  const lin = [
    X * 1.656492 - 0.354851 - Z * 0.255038,
    -X * 0.707196 + 1.655397 + Z * 0.036152,
    X * 0.051713 - 0.121364 + Z * 1.01153,
  ].map((v) => (v <= 0.0031308 ? 12.92 * v : 1.055 * Math.pow(v, 1 / 2.4) - 0.055));
  const max = Math.max(...lin, 1e-9);
  return lin.map((v) => Math.round(clamp(v / max, 0, 1) * 255)) as Rgb;
}

/** A subset of the CSS3 colour names `light.turn_on` accepts as `color_name`. */
export const COLOR_NAMES: Readonly<Record<string, Rgb>> = {
  aliceblue: [240, 248, 255],
  beige: [245, 245, 220],
  black: [0, 0, 0],
  blue: [0, 0, 255],
  coral: [255, 127, 80],
  cyan: [0, 255, 255],
  gold: [255, 215, 0],
  green: [0, 128, 0],
  hotpink: [255, 105, 180],
  lavender: [230, 230, 250],
  lime: [0, 255, 0],
  magenta: [255, 0, 255],
  orange: [255, 165, 0],
  pink: [255, 192, 203],
  purple: [128, 0, 128],
  red: [255, 0, 0],
  teal: [0, 128, 128],
  turquoise: [64, 224, 208],
  violet: [238, 130, 238],
  white: [255, 255, 255],
  yellow: [255, 255, 0],
};
