import {
  BusError,
  describeValidationErrors,
  type ProgressUpdate,
  type ToolResult,
  MAX_JSON_DEPTH,
  nestedDeeperThan,
} from '@mcp-gateway/contracts';
import { scopeAllows, type CatalogTool, type ToolCatalog, type ToolInvoker } from '@mcp-gateway/catalog';
import { ChatError } from './errors.js';
import { isJsonObject, type ToolCall } from './openai-types.js';
import { callerOf, type ChatPrincipal } from './principal.js';
import type { ProgressSink } from './reply.js';
import { excerpt } from './text.js';

export interface ToolRunnerOptions {
  readonly catalog: Pick<ToolCatalog, 'tool'>;
  readonly invoker: Pick<ToolInvoker, 'invoke'>;
  /** Each call's own deadline; the calls of one turn run in parallel. */
  readonly timeoutMs: number;
  readonly log: (message: string) => void;
  /** Per-tool rate limits: a refusal becomes result text naming the wait; `undefined` lets the call run. */
  readonly rateLimit?: (tool: string, principal: ChatPrincipal) => { readonly message: string } | undefined;
}

/**
 * How a call ended. Only `ok` means the tool ran and succeeded; every other outcome is still text the
 * model (or the person using the `gateway` model) can read and act on.
 */
export type ToolOutcomeKind =
  'ok' | 'tool_error' | 'unknown_tool' | 'forbidden' | 'rate_limited' | 'invalid_arguments' | 'failed';

export interface ToolOutcome {
  readonly kind: ToolOutcomeKind;
  /** The `role: "tool"` message content for the model. */
  readonly text: string;
}

/** A tool result longer than this is cut before it reaches the model (it would not fit its context). */
export const MAX_RESULT_CHARS = 100_000;

/**
 * Runs the gateway's tools for the model with the checks `/mcp` makes (`libs/mcp-server` tool-call.ts):
 * the tool exists, the caller's scopes allow it, its arguments parse and match its schema — all before
 * anything crosses the bus. As on `/mcp`, everything the model can act on (bad arguments, an unknown
 * tool, a backend that failed or said no, a timeout) becomes result text, never a failed request; only a
 * bus outage fails the request (503), since no tool can run. Each call names itself and its outcome on
 * the reasoning channel, and in Open WebUI's status line (reference §2.10).
 */
export class ToolRunner {
  constructor(private readonly options: ToolRunnerOptions) {}

  /** Runs calls in parallel; outcomes in the calls' order. */
  async runAll(
    calls: readonly ToolCall[],
    principal: ChatPrincipal,
    sink: ProgressSink,
    signal: AbortSignal,
  ): Promise<ToolOutcome[]> {
    const settled = await Promise.allSettled(
      calls.map((call) => this.run(call.function.name, call.function.arguments, principal, sink, signal)),
    );
    const outcomes: ToolOutcome[] = [];
    for (const result of settled) {
      if (result.status === 'rejected') throw result.reason;
      outcomes.push(result.value);
    }
    return outcomes;
  }

  /** Runs one call; `rawArguments` is the JSON text the model wrote (`""` means no arguments). */
  async run(
    name: string,
    rawArguments: string,
    principal: ChatPrincipal,
    sink: ProgressSink,
    signal: AbortSignal,
  ): Promise<ToolOutcome> {
    const tool = this.options.catalog.tool(name);
    if (!tool) return refused(sink, name, 'unknown_tool', `there is no tool named "${name}".`);
    if (!scopeAllows(principal.scopes, tool)) {
      return refused(
        sink,
        name,
        'forbidden',
        `${name} needs the ${tool.scope} scope, which this token lacks.`,
      );
    }
    const limited = this.options.rateLimit?.(name, principal);
    if (limited) return refused(sink, name, 'rate_limited', `${limited.message}.`);
    const args = parseArguments(rawArguments);
    if (typeof args === 'string') {
      return refused(sink, name, 'invalid_arguments', `the arguments for ${name} are ${args}.`);
    }
    if (!tool.validate(args)) {
      const problem = describeValidationErrors(tool.validate.errors);
      return refused(sink, name, 'invalid_arguments', `invalid arguments for ${name}: ${problem}.`);
    }
    sink.delta({ reasoning_content: `Calling ${name} ${excerpt(JSON.stringify(args), 200)}\n` });
    sink.status(`Running ${tool.descriptor.title}…`, false);
    const started = performance.now();
    const outcome = await this.invoke(tool, args, principal, sink, signal);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const verb = outcome.kind === 'ok' ? 'answered' : 'failed';
    sink.delta({ reasoning_content: `${name} ${verb} after ${seconds} s: ${excerpt(outcome.text, 300)}\n` });
    sink.status(`${tool.descriptor.title}: ${outcome.kind === 'ok' ? 'done' : 'failed'}`, true);
    return outcome;
  }

  private async invoke(
    tool: CatalogTool,
    args: Record<string, unknown>,
    principal: ChatPrincipal,
    sink: ProgressSink,
    signal: AbortSignal,
  ): Promise<ToolOutcome> {
    const name = tool.descriptor.name;
    let last = -Infinity;
    const onProgress = (update: ProgressUpdate): void => {
      // Progress only moves forward (as on /mcp); stale or repeated updates are dropped.
      if (update.progress <= last || signal.aborted) return;
      last = update.progress;
      sink.delta({ reasoning_content: `${name}: ${describeProgress(update)}\n` });
    };
    try {
      const result = await this.options.invoker.invoke(tool, args, {
        caller: callerOf(principal),
        signal,
        timeoutMs: this.options.timeoutMs,
        onProgress,
      });
      return { kind: result.isError ? 'tool_error' : 'ok', text: resultText(result) };
    } catch (error) {
      if (signal.aborted) throw error;
      if (error instanceof BusError) {
        if (error.code === 'BUS_UNAVAILABLE') {
          throw new ChatError(
            503,
            'The gateway cannot reach its tools right now (its message bus is down); try again shortly.',
            'service_unavailable_error',
            'bus_unavailable',
          );
        }
        return { kind: 'failed', text: `Error: ${error.message}` };
      }
      this.options.log(
        `tool ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      return { kind: 'failed', text: `Error: ${name} failed inside the gateway.` };
    }
  }
}

/** A tool result as the text of a `role: "tool"` message. */
export function resultText(result: ToolResult): string {
  const parts = result.content.map((block) => {
    switch (block.type) {
      case 'text':
        return block.text;
      case 'image':
        return `[image: ${block.mimeType}]`;
      case 'resource_link':
        return `${block.name}: ${block.uri}`;
    }
  });
  let text = parts.join('\n');
  if (text === '' && result.structuredContent) text = JSON.stringify(result.structuredContent);
  if (result.isError) text = `Error: ${text || 'the tool failed without saying why.'}`;
  if (text.length <= MAX_RESULT_CHARS) return text;
  return `${text.slice(0, MAX_RESULT_CHARS)}\n[… ${text.length - MAX_RESULT_CHARS} more characters cut]`;
}

function refused(sink: ProgressSink, name: string, kind: ToolOutcomeKind, problem: string): ToolOutcome {
  sink.delta({ reasoning_content: `${name} was not run: ${excerpt(problem, 300)}\n` });
  return { kind, text: `Error: ${problem}` };
}

/** The arguments object, or why there is none. Models send `""` for a tool without parameters. */
function parseArguments(raw: string): Record<string, unknown> | string {
  if (raw.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    return `not valid JSON (${error instanceof Error ? excerpt(error.message, 120) : 'parse error'}); send a JSON object`;
  }
  if (!isJsonObject(parsed)) return 'not a JSON object; send a JSON object';
  if (nestedDeeperThan(parsed, MAX_JSON_DEPTH)) {
    return `nested more than ${MAX_JSON_DEPTH} levels deep; send a flatter JSON object`;
  }
  return parsed;
}

function describeProgress(update: ProgressUpdate): string {
  const amount = update.total ? `${update.progress}/${update.total}` : String(update.progress);
  return update.message ? `${amount} ${excerpt(update.message, 200)}` : amount;
}
