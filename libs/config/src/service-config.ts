import type { EnvReader } from './env-reader.js';

export interface ServiceConfig {
  /** Port of the service's own `/health` and `/metrics` (0 = any free port). */
  readonly metricsPort: number;
  readonly bindHost: string;
  readonly logLevel: 'error' | 'warn' | 'log' | 'debug' | 'verbose';
}

export function readServiceConfig(env: EnvReader, defaultMetricsPort: number): ServiceConfig {
  return {
    metricsPort: env.port('METRICS_PORT', defaultMetricsPort),
    bindHost: env.string('BIND_HOST', '127.0.0.1'),
    logLevel: env.oneOf('LOG_LEVEL', ['error', 'warn', 'log', 'debug', 'verbose'], 'log'),
  };
}

/** Loopback addresses: where `MCP_AUTH=none` and Host-header validation apply. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}
