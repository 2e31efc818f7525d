import { DEFAULT_SUBJECT_PREFIX, isValidSubjectPrefix } from '@mcp-gateway/contracts';
import type { EnvReader } from './env-reader.js';

export interface BusConfig {
  /** NATS server URLs. */
  readonly servers: readonly string[];
  readonly prefix: string;
}

export function readBusConfig(env: EnvReader): BusConfig {
  const servers = env.list('NATS_URL');
  const prefix = env.string('GATEWAY_SUBJECT_PREFIX', DEFAULT_SUBJECT_PREFIX);
  env.check(
    isValidSubjectPrefix(prefix),
    `GATEWAY_SUBJECT_PREFIX must be dot-separated tokens of [A-Za-z0-9_-] (got "${prefix}")`,
  );
  for (const server of servers) {
    env.check(
      /^(nats|tls|ws|wss):\/\/|^[^:/]+(:\d+)?$/.test(server),
      `NATS_URL has an invalid server "${server}"`,
    );
  }
  return { servers: servers.length > 0 ? servers : ['nats://127.0.0.1:4222'], prefix };
}
