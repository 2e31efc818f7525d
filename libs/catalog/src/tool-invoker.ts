import { randomUUID } from 'node:crypto';
import {
  BusError,
  ConnectorToolsCall,
  ConnectorToolsCancel,
  type Caller,
  type ProgressUpdate,
  type ToolResult,
} from '@mcp-gateway/contracts';
import type { BusClient } from '@mcp-gateway/bus';
import type { CatalogTool } from './catalog-types.js';

export interface InvokeOptions {
  readonly caller: Caller;
  /** Aborted when the client goes away; the connector is told to stop. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (update: ProgressUpdate) => void;
  readonly timeoutMs?: number;
}

/** Sends validated tool calls to the owning connector's queue group and relays cancellation. */
export class ToolInvoker {
  constructor(
    private readonly bus: BusClient,
    private readonly defaultTimeoutMs: number,
  ) {}

  async invoke(
    tool: CatalogTool,
    args: Record<string, unknown>,
    options: InvokeOptions,
  ): Promise<ToolResult> {
    const callId = randomUUID();
    const timeoutMs = options.timeoutMs ?? this.defaultTimeoutMs;
    const params = { connector: tool.connector };
    try {
      return await this.bus.request(
        ConnectorToolsCall,
        params,
        {
          callId,
          tool: tool.descriptor.name,
          arguments: args,
          // The connector gives up on its backend a little before we stop waiting, so its answer wins.
          timeoutMs: Math.max(1, timeoutMs - 250),
          caller: options.caller,
          ...(options.onProgress ? { progress: true } : {}),
        },
        {
          timeoutMs,
          ...(options.signal ? { signal: options.signal } : {}),
          ...(options.onProgress ? { onProgress: options.onProgress } : {}),
        },
      );
    } catch (error) {
      if (
        error instanceof BusError &&
        (error.code === 'CANCELLED' || error.code === 'TIMEOUT') &&
        this.bus.connected
      ) {
        this.bus.publish(ConnectorToolsCancel, params, {
          callId,
          reason: error.code === 'CANCELLED' ? 'client went away' : 'timed out',
        });
      }
      throw error;
    }
  }
}
