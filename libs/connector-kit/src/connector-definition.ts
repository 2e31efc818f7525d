import type { EnvReader } from '@mcp-gateway/config';
import type { BackendHealth } from '@mcp-gateway/contracts';
import type { Metrics } from '@mcp-gateway/observability';
import type { BackendPolicy, BackendPolicySettings } from './backend-policy.js';
import type { ToolDefinition } from './tool.js';

/** A backend client as the kit sees it: something it can probe and close. */
export interface ConnectorBackend {
  /** A cheap call that proves the backend is reachable with our credentials. */
  probe(signal: AbortSignal): Promise<Pick<BackendHealth, 'healthy' | 'detail'>>;
  close(): Promise<void>;
}

export interface BackendDeps {
  readonly metrics: Metrics;
  /** This replica's breaker, retries and concurrency cap: every client of the backend goes through it. */
  readonly policy: BackendPolicy;
}

/** Everything that makes one connector: its name, how it reads its config, its backend and its tools. */
export interface ConnectorDefinition<Config, Backend extends ConnectorBackend> {
  /** One lowercase token: the subject segment, the tool-name prefix and the scope prefix. */
  readonly name: string;
  readonly displayName: string;
  readonly version: string;
  /** Default `/health` and `/metrics` port when METRICS_PORT is unset. */
  readonly defaultMetricsPort: number;
  readonly readConfig: (env: EnvReader) => Config;
  /** Where the backend needs other policy defaults than the kit's (e.g. fewer calls at once). */
  readonly policyDefaults?: Partial<BackendPolicySettings>;
  readonly createBackend: (config: Config, deps: BackendDeps) => Backend;
  readonly tools: readonly ToolDefinition<Backend>[];
}
