import type { EnvReader } from '@mcp-gateway/config';

export interface HomeAssistantConfig {
  /** Base URL of the instance, e.g. `http://homeassistant.local:8123`. */
  readonly baseUrl: URL;
  /** Long-lived access token. A secret: never log it. */
  readonly token: string;
  /** Upper bound for one REST or WebSocket request. */
  readonly timeoutMs: number;
}

export function readConfig(env: EnvReader): HomeAssistantConfig {
  const present = env.required(
    'HOMEASSISTANT_URL',
    '(the Home Assistant base URL, e.g. http://homeassistant.local:8123)',
  );
  const baseUrl = present ? env.url('HOMEASSISTANT_URL', undefined, ['http:', 'https:']) : undefined;
  const token = env.required(
    'HOMEASSISTANT_TOKEN',
    '(a long-lived access token, created on the Home Assistant profile page)',
  );
  const timeoutMs = env.int('HOMEASSISTANT_TIMEOUT_MS', 30_000, { min: 100, max: 600_000 });
  // When the URL is missing or invalid the reader has recorded the problem and `done()` will throw.
  return { baseUrl: baseUrl ?? new URL('http://invalid.invalid'), token, timeoutMs };
}
