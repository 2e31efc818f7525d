import { DAY, MINUTE, SECOND, isoformat, type Micros } from '../core/time.js';
import type { Initial } from './entity-builders.js';

const rad = Math.PI / 180;

/** Solar elevation and azimuth in degrees (low-precision almanac formulas, ±0.1°). */
export function solarPosition(us: Micros, lat: number, lon: number): { elevation: number; azimuth: number } {
  const n = us / SECOND / 86400 + 2440587.5 - 2451545.0;
  const L = (280.46 + 0.9856474 * n) % 360;
  const g = ((357.528 + 0.9856003 * n) % 360) * rad;
  const lambda = (L + 1.915 * Math.sin(g) + 0.02 * Math.sin(2 * g)) * rad;
  const eps = (23.439 - 0.0000004 * n) * rad;
  const ra = Math.atan2(Math.cos(eps) * Math.sin(lambda), Math.cos(lambda));
  const dec = Math.asin(Math.sin(eps) * Math.sin(lambda));
  const gmstHours = (18.697374558 + 24.06570982441908 * n) % 24;
  const hourAngle = (gmstHours * 15 + lon) * rad - ra;
  const phi = lat * rad;
  const elevation = Math.asin(
    Math.sin(phi) * Math.sin(dec) + Math.cos(phi) * Math.cos(dec) * Math.cos(hourAngle),
  );
  const azimuth = Math.atan2(
    -Math.sin(hourAngle),
    Math.tan(dec) * Math.cos(phi) - Math.sin(phi) * Math.cos(hourAngle),
  );
  return { elevation: elevation / rad, azimuth: (azimuth / rad + 360) % 360 };
}

/** First minute after `from` where `test(previousElevation, elevation)` holds. */
function nextMinute(
  from: Micros,
  lat: number,
  lon: number,
  test: (prev: number, cur: number) => boolean,
): Micros {
  let prev = solarPosition(from, lat, lon).elevation;
  for (let t = from + MINUTE; t < from + 2 * DAY; t += MINUTE) {
    const cur = solarPosition(t, lat, lon).elevation;
    if (test(prev, cur)) return t;
    prev = cur;
  }
  return from + DAY;
}

const HORIZON = -0.833;
const CIVIL_TWILIGHT = -6;

/** `sun.sun` as the `sun` integration reports it. */
export function sunState(now: Micros, lat: number, lon: number): Initial {
  const { elevation, azimuth } = solarPosition(now, lat, lon);
  const later = solarPosition(now + MINUTE, lat, lon).elevation;
  const up = (limit: number) => (p: number, c: number) => p < limit && c >= limit;
  const down = (limit: number) => (p: number, c: number) => p >= limit && c < limit;
  const at = (t: Micros): string => isoformat(t - (t % SECOND));
  let rising = later > elevation;
  const noon = nextMinute(now, lat, lon, (p, c) => {
    const peak = rising && c < p;
    rising = c >= p;
    return peak;
  });
  let falling = later < elevation;
  const midnight = nextMinute(now, lat, lon, (p, c) => {
    const trough = falling && c > p;
    falling = c <= p;
    return trough;
  });
  return {
    state: elevation > HORIZON ? 'above_horizon' : 'below_horizon',
    attributes: {
      next_dawn: at(nextMinute(now, lat, lon, up(CIVIL_TWILIGHT))),
      next_dusk: at(nextMinute(now, lat, lon, down(CIVIL_TWILIGHT))),
      next_midnight: at(midnight - MINUTE),
      next_noon: at(noon - MINUTE),
      next_rising: at(nextMinute(now, lat, lon, up(HORIZON))),
      next_setting: at(nextMinute(now, lat, lon, down(HORIZON))),
      elevation: Math.round(elevation * 100) / 100,
      azimuth: Math.round(azimuth * 100) / 100,
      rising: later > elevation,
    },
  };
}
