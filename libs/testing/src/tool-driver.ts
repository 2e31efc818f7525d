import { randomUUID } from 'node:crypto';
import { BusContext } from '@mcp-gateway/bus';
import type {
  ConnectorToolsCall,
  ProgressUpdate,
  ReplyEnvelope,
  RequestOf,
  ToolResult,
  WireError,
} from '@mcp-gateway/contracts';

/** What a connector runtime offers the bus: one tool call in, one reply envelope out. */
export interface ToolRuntime {
  call(request: RequestOf<typeof ConnectorToolsCall>, ctx: BusContext): Promise<ReplyEnvelope<ToolResult>>;
}

/** The text of a tool result, its text blocks joined. */
export function textOf(result: ToolResult): string {
  return result.content.map((c) => (c.type === 'text' ? c.text : '')).join('');
}

/**
 * Drives a connector runtime as the bus would, with the assertions every connector's unit tests make
 * about a call: it answered on the wire, and its result was JSON (`json`), a tool error the model reads
 * (`toolError`), or a wire error (`wireError`). Progress updates are collected when an array is passed.
 */
export function toolDriver(runtime: ToolRuntime) {
  const call = (
    tool: string,
    args: Record<string, unknown>,
    progress?: ProgressUpdate[],
  ): Promise<ReplyEnvelope<ToolResult>> =>
    runtime.call(
      { callId: randomUUID(), tool, arguments: args, ...(progress ? { progress: true } : {}) },
      new BusContext(
        'test',
        progress ? (update) => progress.push(update) : undefined,
        new AbortController().signal,
      ),
    );
  const result = async (
    tool: string,
    args: Record<string, unknown>,
    progress?: ProgressUpdate[],
  ): Promise<ToolResult> => {
    const reply = await call(tool, args, progress);
    if (!('ok' in reply) || !reply.ok)
      throw new Error(`${tool} failed on the wire: ${JSON.stringify(reply)}`);
    return reply.result;
  };
  return {
    call,
    result,
    async json<T>(tool: string, args: Record<string, unknown>, progress?: ProgressUpdate[]): Promise<T> {
      const r = await result(tool, args, progress);
      if (r.isError) throw new Error(`${tool} returned an error: ${textOf(r)}`);
      return JSON.parse(textOf(r)) as T;
    },
    async toolError(tool: string, args: Record<string, unknown>): Promise<string> {
      const r = await result(tool, args);
      if (!r.isError) throw new Error(`${tool} succeeded but should have failed: ${textOf(r).slice(0, 500)}`);
      return textOf(r);
    },
    async wireError(tool: string, args: Record<string, unknown>): Promise<WireError> {
      const reply = await call(tool, args);
      if ('ok' in reply && !reply.ok) return reply.error;
      throw new Error(`${tool} did not fail on the wire: ${JSON.stringify(reply).slice(0, 500)}`);
    },
  };
}
