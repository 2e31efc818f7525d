import { ConnectorRuntime } from '@mcp-gateway/connector-kit';
import type { ProgressUpdate, ReplyEnvelope, ToolResult } from '@mcp-gateway/contracts';
import { Metrics } from '@mcp-gateway/observability';
import { toolDriver } from '@mcp-gateway/testing';
import { startHomeAssistantSimulator } from '@mcp-gateway/sim-homeassistant';
import { HomeAssistantBackend } from './backend.js';
import { homeAssistantTools } from './tools.js';

export const TOKEN = 'spec-token';

type Simulator = Awaited<ReturnType<typeof startHomeAssistantSimulator>>;

/** A simulator, a backend on it and the runtime that serves the tools, as the bus would drive them. */
export interface Harness {
  readonly sim: Simulator;
  readonly backend: HomeAssistantBackend;
  readonly runtime: ConnectorRuntime<HomeAssistantBackend>;
  /** Runs a tool and returns the reply envelope; progress updates are collected in `progress`. */
  call(
    tool: string,
    args: Record<string, unknown>,
    progress?: ProgressUpdate[],
  ): Promise<ReplyEnvelope<ToolResult>>;
  /** Runs a tool that must succeed and returns its parsed JSON text. */
  json<T = Record<string, unknown>>(tool: string, args: Record<string, unknown>): Promise<T>;
  /** Runs a tool that must end as an `isError` result and returns its text. */
  toolError(tool: string, args: Record<string, unknown>): Promise<string>;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const sim = await startHomeAssistantSimulator({ port: 0, token: TOKEN });
  const metrics = new Metrics('test');
  const backend = new HomeAssistantBackend(
    { baseUrl: new URL(sim.url), token: TOKEN, timeoutMs: 5_000 },
    metrics,
    { registryTtlMs: 0 },
  );
  const runtime = new ConnectorRuntime<HomeAssistantBackend>({
    connector: 'homeassistant',
    version: 'test',
    tools: homeAssistantTools,
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
    runtime,
    ...driver,
    async close() {
      await backend.close();
      await sim.close();
    },
  };
}

export { textOf } from '@mcp-gateway/testing';
