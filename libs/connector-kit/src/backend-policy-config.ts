import type { EnvReader } from '@mcp-gateway/config';
import { DEFAULT_POLICY_SETTINGS, type BackendPolicySettings } from './backend-policy.js';

/** Queued requests allowed per slot: bursts wait, a backend that stopped answering does not gather a crowd. */
const QUEUE_PER_SLOT = 4;

/**
 * The backend policy's settings from `<NAME>_MAX_CONCURRENCY`, `<NAME>_BREAKER_THRESHOLD`,
 * `<NAME>_BREAKER_HALF_OPEN_MS` and `<NAME>_RETRIES` (NAME is the connector's name in capitals, as for
 * `<NAME>_TIMEOUT_MS`), so one environment can hold every connector's values. The queue is four requests
 * per slot.
 */
export function readBackendPolicySettings(
  reader: EnvReader,
  connector: string,
  defaults: Partial<BackendPolicySettings> = {},
): BackendPolicySettings {
  const base = { ...DEFAULT_POLICY_SETTINGS, ...defaults };
  const name = connector.toUpperCase();
  const maxConcurrency = reader.int(`${name}_MAX_CONCURRENCY`, base.maxConcurrency, { min: 1, max: 1_000 });
  return {
    maxConcurrency,
    maxQueued: QUEUE_PER_SLOT * maxConcurrency,
    breakerThreshold: reader.int(`${name}_BREAKER_THRESHOLD`, base.breakerThreshold, { min: 1, max: 1_000 }),
    halfOpenAfterMs: reader.int(`${name}_BREAKER_HALF_OPEN_MS`, base.halfOpenAfterMs, {
      min: 100,
      max: 3_600_000,
    }),
    retries: reader.int(`${name}_RETRIES`, base.retries, { min: 0, max: 10 }),
  };
}
