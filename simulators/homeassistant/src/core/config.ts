/** The simulated release, reported in `auth_required`/`auth_ok` and `/api/config`. */
export const HA_VERSION = '2026.8.1';

export const TIME_ZONE = 'Europe/Amsterdam';

/** Integrations and `integration.platform` pairs, as `hass.config.components` lists them. */
export const COMPONENTS: readonly string[] = [
  'homeassistant',
  'http',
  'api',
  'websocket_api',
  'auth',
  'frontend',
  'config',
  'onboarding',
  'person',
  'zone',
  'recorder',
  'history',
  'logbook',
  'logger',
  'search',
  'system_log',
  'conversation',
  'assist_pipeline',
  'intent',
  'default_config',
  'backup',
  'sun',
  'sun.sensor',
  'met',
  'met.weather',
  'weather',
  'hue',
  'hue.light',
  'light',
  'shelly',
  'shelly.switch',
  'shelly.sensor',
  'switch',
  'sensor',
  'binary_sensor',
  'zha',
  'zha.sensor',
  'zha.binary_sensor',
  'zha.cover',
  'zha.light',
  'cover',
  'tado',
  'tado.climate',
  'climate',
  'nuki',
  'nuki.lock',
  'nuki.sensor',
  'lock',
  'sonos',
  'sonos.media_player',
  'media_player',
  'ratgdo',
  'ratgdo.cover',
  'ratgdo.light',
  'esphome',
  'esphome.sensor',
  'esphome.binary_sensor',
  'esphome.switch',
  'dsmr',
  'dsmr.sensor',
  'calendar',
  'local_calendar',
  'local_calendar.calendar',
  'holiday',
  'holiday.calendar',
  'todo',
  'shopping_list',
  'shopping_list.todo',
  'local_todo',
  'local_todo.todo',
  'input_boolean',
  'script',
  'scene',
  'homeassistant.scene',
  'notify',
  'mobile_app',
  'mobile_app.notify',
  'persistent_notification',
  'template',
];

export interface HassConfig {
  allowlist_external_dirs: string[];
  allowlist_external_urls: string[];
  components: readonly string[];
  config_dir: string;
  config_source: string;
  country: string;
  currency: string;
  debug: boolean;
  elevation: number;
  external_url: string | null;
  internal_url: string | null;
  language: string;
  latitude: number;
  location_name: string;
  longitude: number;
  radius: number;
  recovery_mode: boolean;
  safe_mode: boolean;
  state: 'NOT_RUNNING' | 'STARTING' | 'RUNNING' | 'STOPPING' | 'FINAL_WRITE';
  time_zone: string;
  unit_system: Record<string, string>;
  version: string;
  whitelist_external_dirs: string[];
}

/** `hass.config.as_dict()` for a metric home in Amsterdam. */
export function demoConfig(internalUrl: string | null): HassConfig {
  const dirs = ['/config/www', '/media'];
  return {
    allowlist_external_dirs: dirs,
    allowlist_external_urls: [],
    components: COMPONENTS,
    config_dir: '/config',
    config_source: 'storage',
    country: 'NL',
    currency: 'EUR',
    debug: false,
    elevation: 2,
    external_url: null,
    internal_url: internalUrl,
    language: 'en',
    latitude: 52.3731,
    location_name: 'Home',
    longitude: 4.8922,
    radius: 100,
    recovery_mode: false,
    safe_mode: false,
    state: 'RUNNING',
    time_zone: TIME_ZONE,
    unit_system: {
      length: 'km',
      accumulated_precipitation: 'mm',
      area: 'm²',
      mass: 'g',
      pressure: 'Pa',
      temperature: '°C',
      volume: 'L',
      wind_speed: 'm/s',
    },
    version: HA_VERSION,
    whitelist_external_dirs: dirs,
  };
}
