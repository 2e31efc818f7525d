import { ConnectorRuntime } from '@mcp-gateway/connector-kit';
import type { ReplyEnvelope, ToolResult } from '@mcp-gateway/contracts';
import { Metrics } from '@mcp-gateway/observability';
import { toolDriver } from '@mcp-gateway/testing';
import { startErpnextSimulator, type RunningErpnextSimulator } from '@mcp-gateway/simulator-erpnext';
import { ErpnextBackend } from './backend.js';
import { erpnextTools } from './tools.js';

export const API_KEY = 'spec-key';
export const API_SECRET = 'spec-secret';

/** A simulator, a backend on it and the runtime that serves the tools, as the bus would drive them. */
export interface Harness {
  readonly sim: RunningErpnextSimulator;
  readonly backend: ErpnextBackend;
  readonly runtime: ConnectorRuntime<ErpnextBackend>;
  /** Runs a tool and returns the reply envelope. */
  call(tool: string, args: Record<string, unknown>): Promise<ReplyEnvelope<ToolResult>>;
  /** Runs a tool that must succeed and returns its parsed JSON text. */
  json<T = Record<string, unknown>>(tool: string, args: Record<string, unknown>): Promise<T>;
  /** Runs a tool that must end as an `isError` result and returns its text. */
  toolError(tool: string, args: Record<string, unknown>): Promise<string>;
  close(): Promise<void>;
}

export async function startHarness(
  options: { defaultTimeoutMs?: number; timeoutMs?: number } = {},
): Promise<Harness> {
  const sim = await startErpnextSimulator({ port: 0, apiKey: API_KEY, apiSecret: API_SECRET });
  const metrics = new Metrics('test');
  const backend = new ErpnextBackend(
    {
      baseUrl: new URL(sim.url),
      apiKey: API_KEY,
      apiSecret: API_SECRET,
      timeoutMs: options.timeoutMs ?? 5_000,
    },
    metrics,
  );
  const runtime = new ConnectorRuntime<ErpnextBackend>({
    connector: 'erpnext',
    version: 'test',
    tools: erpnextTools,
    backend,
    metrics,
    defaultTimeoutMs: options.defaultTimeoutMs ?? 10_000,
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
