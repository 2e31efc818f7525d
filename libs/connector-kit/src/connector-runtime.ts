import {
  BusError,
  compileSchema,
  describeValidationErrors,
  toolsDigest,
  type ReplyEnvelope,
  type RequestOf,
  type ResponseOf,
  type ConnectorToolsCall,
  type ConnectorToolsList,
  type ToolDescriptor,
} from '@mcp-gateway/contracts';
import type { BusContext } from '@mcp-gateway/bus';
import type { Metrics } from '@mcp-gateway/observability';
import type { ValidateFunction } from 'ajv';
import { withCallScope } from './call-scope.js';
import type { ConnectorBackend } from './connector-definition.js';
import { ToolError, errorResult } from './results.js';
import { describeTool, type ToolDefinition } from './tool.js';

type CallRequest = RequestOf<typeof ConnectorToolsCall>;
type CallResponse = ResponseOf<typeof ConnectorToolsCall>;
type ListResponse = ResponseOf<typeof ConnectorToolsList>;

interface RegisteredTool<Backend> {
  readonly definition: ToolDefinition<Backend>;
  readonly validate: ValidateFunction;
}

export interface RuntimeOptions<Backend> {
  readonly connector: string;
  readonly version: string;
  readonly tools: readonly ToolDefinition<Backend>[];
  readonly backend: Backend;
  readonly metrics: Metrics;
  /** Upper bound for one call when the caller does not say. */
  readonly defaultTimeoutMs: number;
  readonly onUnexpectedError: (tool: string, error: unknown) => void;
}

/**
 * Runs tool calls for one connector: finds the tool, validates its arguments, runs it with a deadline and
 * a cancellation signal, and turns every outcome into a reply envelope.
 */
export class ConnectorRuntime<Backend extends ConnectorBackend> {
  private readonly tools = new Map<string, RegisteredTool<Backend>>();
  private readonly running = new Map<string, AbortController>();
  readonly descriptors: readonly ToolDescriptor[];
  readonly digest: string;

  constructor(private readonly options: RuntimeOptions<Backend>) {
    for (const definition of options.tools) {
      if (!definition.name.startsWith(`${options.connector}_`)) {
        throw new Error(`Tool ${definition.name} must be named ${options.connector}_<action>`);
      }
      if (this.tools.has(definition.name)) throw new Error(`Tool ${definition.name} is defined twice`);
      this.tools.set(definition.name, { definition, validate: compileSchema(definition.input) });
    }
    this.descriptors = [...this.tools.values()]
      .map((t) => describeTool(t.definition as ToolDefinition<unknown>))
      .sort((a, b) => a.name.localeCompare(b.name));
    this.digest = toolsDigest(this.descriptors);
  }

  get inFlight(): number {
    return this.running.size;
  }

  list(): ReplyEnvelope<ListResponse> {
    return {
      ok: true,
      result: {
        connector: this.options.connector,
        version: this.options.version,
        toolsDigest: this.digest,
        tools: [...this.descriptors],
      },
    };
  }

  async call(request: CallRequest, bus: BusContext): Promise<ReplyEnvelope<CallResponse>> {
    const started = performance.now();
    let outcome = 'ok';
    try {
      const tool = this.tools.get(request.tool);
      if (!tool) {
        outcome = 'TOOL_NOT_FOUND';
        return fail(new BusError('TOOL_NOT_FOUND', `Unknown tool: ${request.tool}`));
      }
      if (!tool.validate(request.arguments)) {
        outcome = 'invalid_arguments';
        return fail(
          new BusError(
            'INVALID_ARGUMENTS',
            `Invalid arguments for ${request.tool}: ${describeValidationErrors(tool.validate.errors)}`,
          ),
        );
      }
      const result = await this.run(tool, request, bus);
      if (result.isError) outcome = 'tool_error';
      return { ok: true, result };
    } catch (error) {
      if (error instanceof ToolError) {
        outcome = 'tool_error';
        return { ok: true, result: errorResult(error.message) };
      }
      if (error instanceof BusError) {
        outcome = error.code;
        return fail(error);
      }
      outcome = 'INTERNAL';
      this.options.onUnexpectedError(request.tool, error);
      return fail(new BusError('INTERNAL', `${request.tool} failed unexpectedly.`));
    } finally {
      const labels = { connector: this.options.connector, tool: request.tool, outcome };
      this.options.metrics.toolCalls.inc(labels);
      this.options.metrics.toolDuration.observe(labels, (performance.now() - started) / 1000);
    }
  }

  /** Aborts a running call (the client went away). Unknown ids are ignored: another replica runs them. */
  cancel(callId: string): void {
    this.running.get(callId)?.abort(new BusError('CANCELLED', 'The client cancelled the call.'));
  }

  private async run(tool: RegisteredTool<Backend>, request: CallRequest, bus: BusContext) {
    const timeoutMs = Math.min(
      request.timeoutMs ?? this.options.defaultTimeoutMs,
      this.options.defaultTimeoutMs,
    );
    const deadline = Date.now() + timeoutMs;
    const controller = new AbortController();
    const signal = controller.signal;
    const timer = setTimeout(
      () =>
        controller.abort(new BusError('TIMEOUT', `${request.tool} did not finish within ${timeoutMs} ms.`)),
      timeoutMs,
    );
    const onShutdown = () => controller.abort(new BusError('CANCELLED', 'The connector is shutting down.'));
    bus.signal.addEventListener('abort', onShutdown, { once: true });
    this.running.set(request.callId, controller);
    const inFlight = { connector: this.options.connector };
    this.options.metrics.toolCallsInFlight.inc(inFlight);
    try {
      // The scope tells the backend policy when the answer is due, so retries and attempts fit before it.
      const work = withCallScope({ deadline }, () =>
        tool.definition.run(request.arguments, {
          backend: this.options.backend,
          signal,
          progress: (update) => bus.progress(update),
          caller: request.caller,
        }),
      );
      return await raceAbort(work, signal, request.tool);
    } finally {
      clearTimeout(timer);
      bus.signal.removeEventListener('abort', onShutdown);
      this.running.delete(request.callId);
      this.options.metrics.toolCallsInFlight.dec(inFlight);
    }
  }
}

function fail(error: BusError): ReplyEnvelope<never> {
  return { ok: false, error: error.toWire() };
}

/** Settles as soon as the signal fires, even if the tool ignores it. */
function raceAbort<T>(work: Promise<T>, signal: AbortSignal, tool: string): Promise<T> {
  if (signal.aborted) return Promise.reject(abortError(signal, tool));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortError(signal, tool));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function abortError(signal: AbortSignal, tool: string): BusError {
  const reason: unknown = signal.reason;
  return reason instanceof BusError ? reason : new BusError('CANCELLED', `${tool} was cancelled.`);
}
