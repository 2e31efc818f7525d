import type { EnvReader } from '@mcp-gateway/config';

/** Wave's public GraphQL endpoint (backends.md §4.1). */
export const DEFAULT_WAVE_URL = 'https://gql.waveapps.com/graphql/public';

export interface WaveConfig {
  /** The GraphQL endpoint, e.g. `https://gql.waveapps.com/graphql/public`. */
  readonly url: URL;
  /** Full-access or OAuth access token. A secret: never log it. */
  readonly token: string;
  /** The business tools act on when the caller gives no `business_id`. */
  readonly businessId: string | undefined;
  /** Upper bound for one HTTP request to Wave. */
  readonly timeoutMs: number;
}

export function readConfig(env: EnvReader): WaveConfig {
  const url = env.url('WAVE_URL', DEFAULT_WAVE_URL, ['http:', 'https:']);
  const token = env.required(
    'WAVE_TOKEN',
    '(a Wave full-access token from the developer portal, or an OAuth access token)',
  );
  const businessId = env.string('WAVE_BUSINESS_ID');
  env.check(
    businessId === undefined || /^[A-Za-z0-9+/=_-]{8,256}$/.test(businessId),
    'WAVE_BUSINESS_ID must be a Wave business id (base64, e.g. QnVzaW5lc3M6…); see wave_list_businesses',
  );
  // oliverames/wave-mcp-server allows 20 s per request (backends.md §4.3).
  const timeoutMs = env.int('WAVE_TIMEOUT_MS', 20_000, { min: 100, max: 600_000 });
  return { url, token, businessId, timeoutMs };
}
