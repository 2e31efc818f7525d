import { DAY, HOUR, isoformat, localDate, localToMicros, type Micros } from '../core/time.js';
import type { Initial } from './entity-builders.js';
import { seededRandom } from './random.js';

const CONDITIONS = ['sunny', 'partlycloudy', 'cloudy', 'rainy', 'partlycloudy', 'pouring', 'sunny'] as const;

export const WeatherFeature = { FORECAST_DAILY: 1, FORECAST_HOURLY: 2, FORECAST_TWICE_DAILY: 4 } as const;

const round1 = (v: number): number => Math.round(v * 10) / 10;

/** Current conditions of `weather.forecast_home` (Met.no attribute set). */
export function currentWeather(now: Micros, timeZone: string): Initial {
  const { h } = localDate(now, timeZone);
  const rnd = seededRandom(Math.floor(now / HOUR));
  const temperature = round1(15 + 5 * Math.sin(((h - 9) / 24) * 2 * Math.PI) + rnd() * 1.5);
  return {
    state: h >= 22 || h < 6 ? 'clear-night' : 'partlycloudy',
    attributes: {
      temperature,
      dew_point: round1(temperature - 5.2),
      temperature_unit: '°C',
      humidity: 71,
      cloud_coverage: 45.3,
      uv_index: h >= 9 && h <= 17 ? 2.1 : 0,
      pressure: 1014.2,
      pressure_unit: 'hPa',
      wind_bearing: 242.1,
      wind_speed: 14.4,
      wind_speed_unit: 'km/h',
      visibility_unit: 'km',
      precipitation_unit: 'mm',
      attribution: 'Weather forecast from met.no, delivered by the Norwegian Meteorological Institute.',
      supported_features: WeatherFeature.FORECAST_DAILY + WeatherFeature.FORECAST_HOURLY,
    },
  };
}

export type ForecastType = 'daily' | 'hourly' | 'twice_daily';

/** `weather.get_forecasts` rows; stable within a day so repeated calls agree. */
export function forecast(type: 'daily' | 'hourly', now: Micros, timeZone: string): Record<string, unknown>[] {
  const { y, m, d } = localDate(now, timeZone);
  const rnd = seededRandom(y * 10000 + m * 100 + d);
  if (type === 'daily') {
    const firstNoon = localToMicros(timeZone, y, m, d, 12);
    return Array.from({ length: 5 }, (_, i) => {
      const high = round1(17 + rnd() * 8);
      const rain = rnd() < 0.35;
      return {
        condition: rain ? 'rainy' : (CONDITIONS[Math.floor(rnd() * CONDITIONS.length)] ?? 'cloudy'),
        datetime: isoformat(firstNoon + i * DAY - 2 * HOUR),
        wind_bearing: round1(180 + rnd() * 120),
        cloud_coverage: round1(rnd() * 100),
        uv_index: round1(rnd() * 5),
        temperature: high,
        templow: round1(high - 6 - rnd() * 3),
        wind_speed: round1(8 + rnd() * 20),
        precipitation: rain ? round1(0.5 + rnd() * 6) : 0,
        humidity: Math.round(55 + rnd() * 35),
      };
    });
  }
  const firstHour = Math.ceil(now / HOUR) * HOUR;
  return Array.from({ length: 24 }, (_, i) => {
    const at = firstHour + i * HOUR;
    const localHour = localDate(at, timeZone).h;
    return {
      condition: localHour >= 22 || localHour < 6 ? 'clear-night' : rnd() < 0.2 ? 'rainy' : 'partlycloudy',
      datetime: isoformat(at),
      wind_bearing: round1(200 + rnd() * 80),
      cloud_coverage: round1(rnd() * 100),
      uv_index: localHour >= 9 && localHour <= 17 ? round1(rnd() * 4) : 0,
      temperature: round1(14 + 6 * Math.sin(((localHour - 9) / 24) * 2 * Math.PI) + rnd()),
      wind_speed: round1(6 + rnd() * 15),
      precipitation: round1(rnd() < 0.2 ? rnd() * 2 : 0),
      humidity: Math.round(60 + rnd() * 30),
    };
  });
}
