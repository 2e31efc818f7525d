import { ConnectorRuntime } from '@mcp-gateway/connector-kit';
import type { ReplyEnvelope, ToolResult } from '@mcp-gateway/contracts';
import { Metrics } from '@mcp-gateway/observability';
import { toolDriver } from '@mcp-gateway/testing';
import { startWaveSimulator, type RunningWaveSimulator } from '@mcp-gateway/simulator-wave';
import { WaveBackend } from './backend.js';
import type { GraphQLClientOptions } from './graphql-client.js';
import { waveTools } from './tools.js';

export const TOKEN = 'spec-token';

/** A Wave simulator, a backend on it and the runtime that serves the tools, as the bus would drive them. */
export interface Harness {
  readonly sim: RunningWaveSimulator;
  readonly backend: WaveBackend;
  /** Delays the GraphQL client slept for before retries (the harness never really waits). */
  readonly sleeps: number[];
  call(tool: string, args: Record<string, unknown>): Promise<ReplyEnvelope<ToolResult>>;
  /** Runs a tool that must succeed and returns its parsed JSON text. */
  json<T = Record<string, unknown>>(tool: string, args: Record<string, unknown>): Promise<T>;
  /** Runs a tool that must end as an `isError` result and returns its text. */
  toolError(tool: string, args: Record<string, unknown>): Promise<string>;
  /** Runs a tool that must fail on the wire and returns the wire error. */
  wireError(
    tool: string,
    args: Record<string, unknown>,
  ): Promise<{ code: string; message: string; retryAfterMs?: number }>;
  close(): Promise<void>;
}

export async function startHarness(
  options: { businessId?: string; token?: string; client?: GraphQLClientOptions } = {},
): Promise<Harness> {
  const sim = await startWaveSimulator({ port: 0, token: TOKEN });
  const metrics = new Metrics('test');
  const sleeps: number[] = [];
  const backend = new WaveBackend(
    {
      url: new URL(sim.graphqlUrl),
      token: options.token ?? TOKEN,
      businessId: options.businessId,
      timeoutMs: 5_000,
    },
    metrics,
    {
      client: {
        sleep: (ms) => {
          sleeps.push(ms);
          return Promise.resolve();
        },
        ...options.client,
      },
    },
  );
  const runtime = new ConnectorRuntime<WaveBackend>({
    connector: 'wave',
    version: 'test',
    tools: waveTools,
    backend,
    metrics,
    defaultTimeoutMs: 10_000,
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
    sleeps,
    ...driver,
    async close() {
      await backend.close();
      await sim.close();
    },
  };
}

export { textOf } from '@mcp-gateway/testing';
