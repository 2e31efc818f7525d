import { ConnectorRuntime } from '@mcp-gateway/connector-kit';
import type { ProgressUpdate, ReplyEnvelope, ToolResult } from '@mcp-gateway/contracts';
import { Metrics } from '@mcp-gateway/observability';
import { toolDriver } from '@mcp-gateway/testing';
import { startTruenasSimulator, type RunningTruenasSimulator } from '@mcp-gateway/simulator-truenas';
import { TrueNasBackend } from './backend.js';
import type { TrueNasConfig } from './config.js';
import { apiUrl } from './endpoint.js';
import { trueNasTools } from './tools.js';

export const API_KEY = '1-spec0000000000000000000000000000000000000000000000000000000000000';

/** A simulator, a backend on it and the runtime that serves the tools, as the bus would drive them. */
export interface Harness {
  readonly sim: RunningTruenasSimulator;
  readonly backend: TrueNasBackend;
  readonly runtime: ConnectorRuntime<TrueNasBackend>;
  call(
    tool: string,
    args: Record<string, unknown>,
    progress?: ProgressUpdate[],
  ): Promise<ReplyEnvelope<ToolResult>>;
  /** Runs a tool that must succeed and returns its parsed JSON text. */
  json<T = Record<string, unknown>>(
    tool: string,
    args: Record<string, unknown>,
    progress?: ProgressUpdate[],
  ): Promise<T>;
  /** Runs a tool that must end as an `isError` result and returns its text. */
  toolError(tool: string, args: Record<string, unknown>): Promise<string>;
  close(): Promise<void>;
}

export function specConfig(url: string, overrides: Partial<TrueNasConfig> = {}): TrueNasConfig {
  return {
    apiUrl: apiUrl(new URL(url)),
    apiKey: API_KEY,
    username: 'truenas_admin',
    verifyTls: true,
    allowInsecure: true,
    timeoutMs: 5_000,
    jobWaitMs: 10_000,
    ...overrides,
  };
}

export async function startHarness(
  options: { version?: string; jobStepMs?: number; config?: Partial<TrueNasConfig> } = {},
): Promise<Harness> {
  const sim = await startTruenasSimulator({
    apiKey: API_KEY,
    version: options.version ?? '25.10',
    jobStepMs: options.jobStepMs ?? 20,
  });
  const metrics = new Metrics('test');
  const backend = new TrueNasBackend(specConfig(sim.url, options.config), metrics, { jobPollMs: 200 });
  const runtime = new ConnectorRuntime<TrueNasBackend>({
    connector: 'truenas',
    version: 'test',
    tools: trueNasTools,
    backend,
    metrics,
    defaultTimeoutMs: 15_000,
    onUnexpectedError: (tool, error) => {
      process.stderr.write(
        `${tool} threw unexpectedly: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
    },
  });
  const driver = toolDriver(runtime);
  return {
    sim,
    backend,
    runtime,
    ...driver,
    async close() {
      await backend.close();
      await sim.close();
    },
  };
}

export { textOf } from '@mcp-gateway/testing';
