import type { EnvReader } from '@mcp-gateway/config';

export interface ErpnextConfig {
  /** The site URL, e.g. `https://erp.example.com` (the API lives under `/api`). */
  readonly baseUrl: URL;
  /** API key of the user the connector acts as (User → Settings → API Access). */
  readonly apiKey: string;
  /** Its API secret. A secret: never log it. */
  readonly apiSecret: string;
  /** Upper bound for one request to the site. */
  readonly timeoutMs: number;
}

export function readConfig(env: EnvReader): ErpnextConfig {
  const present = env.required('ERPNEXT_URL', '(the ERPNext site URL, e.g. https://erp.example.com)');
  const baseUrl = present ? env.url('ERPNEXT_URL', undefined, ['http:', 'https:']) : undefined;
  const apiKey = env.required('ERPNEXT_API_KEY', '(User → Settings → API Access → Generate Keys in ERPNext)');
  const apiSecret = env.required('ERPNEXT_API_SECRET', '(shown once when the API key is generated)');
  const timeoutMs = env.int('ERPNEXT_TIMEOUT_MS', 30_000, { min: 100, max: 600_000 });
  // When the URL is missing or invalid the reader has recorded the problem and `done()` will throw.
  return { baseUrl: baseUrl ?? new URL('http://invalid.invalid'), apiKey, apiSecret, timeoutMs };
}
