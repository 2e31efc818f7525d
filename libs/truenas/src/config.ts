import type { EnvReader } from '@mcp-gateway/config';
import { INSECURE_REFUSAL, apiUrl, isPlainText } from './endpoint.js';

export interface TrueNasConfig {
  /** The JSON-RPC endpoint, e.g. `wss://nas.local/api/current`. */
  readonly apiUrl: URL;
  /** `<id>-<secret>`. A secret: never log it. */
  readonly apiKey: string;
  /** The user the key belongs to (`auth.login_ex` API_KEY_PLAIN checks it). */
  readonly username: string;
  /** Verify the server certificate; off for the self-signed certificate TrueNAS ships with. */
  readonly verifyTls: boolean;
  /** Let the key travel over plain `ws://` (a local simulator only). */
  readonly allowInsecure: boolean;
  /** Upper bound for the handshake and for one call. */
  readonly timeoutMs: number;
  /** How long a tool waits for a job (app start, service control) before answering "still running". */
  readonly jobWaitMs: number;
}

export function readConfig(env: EnvReader): TrueNasConfig {
  const present = env.required(
    'TRUENAS_URL',
    '(the TrueNAS address, e.g. https://truenas.local or wss://truenas.local)',
  );
  const base = present ? env.url('TRUENAS_URL', undefined, ['https:', 'wss:', 'http:', 'ws:']) : undefined;
  const apiKey = env.required(
    'TRUENAS_API_KEY',
    '(an API key, created under your user → API Keys in the TrueNAS UI)',
  );
  const username = env.string('TRUENAS_USERNAME', 'truenas_admin');
  const verifyTls = env.flag('TRUENAS_VERIFY_TLS') ?? true;
  const allowInsecure = env.flag('TRUENAS_ALLOW_INSECURE') ?? false;
  const timeoutMs = env.int('TRUENAS_TIMEOUT_MS', 30_000, { min: 100, max: 600_000 });
  const jobWaitMs = env.int('TRUENAS_JOB_WAIT_MS', 45_000, { min: 0, max: 600_000 });
  if (base)
    env.check(allowInsecure || !isPlainText(base), `TRUENAS_URL is ${base.protocol}//: ${INSECURE_REFUSAL}`);
  env.check(
    apiKey === '' || /^\d+-\S+$/.test(apiKey),
    'TRUENAS_API_KEY must look like <id>-<key> (e.g. 1-AbC…), as TrueNAS shows it once when the key is created',
  );
  // When the URL is missing or invalid the reader has recorded the problem and `done()` will throw.
  return {
    apiUrl: apiUrl(base ?? new URL('wss://invalid.invalid')),
    apiKey,
    username,
    verifyTls,
    allowInsecure,
    timeoutMs,
    jobWaitMs,
  };
}
