import { callerFor, describeValidationErrors, type Caller, type ToolResult } from '@mcp-gateway/contracts';
import { scopeAllows, type ToolCatalog, type ToolInvoker } from '@mcp-gateway/catalog';
import { errorMessage, notificationMessage, resultMessage, type JsonRpcRequest } from './jsonrpc.js';
import { mapCallError, type CallOutcome } from './error-mapping.js';
import { RPC } from './protocol.js';
import type { Handled, McpResponder, Principal, ToolRateLimit } from './responder.js';

/**
 * `tools/call`: resolve the tool, check scope, validate arguments before anything crosses the bus, then
 * call the connector — answering JSON, or an SSE stream relaying progress when the request carries a
 * progress token. A client that goes away cancels the call on the connector.
 */
export class ToolCall {
  constructor(
    private readonly catalog: ToolCatalog,
    private readonly invoker: ToolInvoker,
    private readonly keepAliveMs: number,
    private readonly insufficientScope: (
      scope: string,
      tool: string,
      principal: Principal,
    ) => Readonly<Record<string, string>>,
    private readonly rateLimit?: ToolRateLimit,
  ) {}

  async run(
    req: JsonRpcRequest,
    principal: Principal,
    out: McpResponder,
    wrap: (result: ToolResult) => object = (r) => r,
  ): Promise<Handled> {
    const name = req.params['name'];
    if (typeof name !== 'string') {
      return this.error(
        req,
        { code: RPC.invalidParams, message: 'Invalid params: "name" must be a string' },
        'invalid',
      );
    }
    const tool = this.catalog.tool(name);
    if (!tool)
      return this.error(req, { code: RPC.invalidParams, message: `Unknown tool: ${name}` }, 'unknown_tool');
    if (!scopeAllows(principal.scopes, tool)) {
      const body = errorMessage(req.id, {
        code: RPC.invalidRequest,
        message: `${name} needs the ${tool.scope} scope`,
      });
      return {
        status: 403,
        body,
        outcome: 'forbidden',
        headers: this.insufficientScope(tool.scope, name, principal),
      };
    }
    const limited = this.rateLimit?.(name, principal);
    if (limited) {
      return {
        status: 429,
        body: errorMessage(req.id, { code: RPC.rateLimited, message: limited.message }),
        outcome: 'rate_limited',
        headers: { 'retry-after': String(limited.retryAfterSeconds) },
      };
    }
    const args = req.params['arguments'] ?? {};
    if (args === null || typeof args !== 'object' || Array.isArray(args)) {
      return this.result(
        req,
        wrap(invalid(`Invalid arguments for ${name}: arguments must be an object`)),
        'invalid_arguments',
      );
    }
    if (!tool.validate(args)) {
      return this.result(
        req,
        wrap(invalid(`Invalid arguments for ${name}: ${describeValidationErrors(tool.validate.errors)}`)),
        'invalid_arguments',
      );
    }
    const meta = req.params['_meta'] as Record<string, unknown> | undefined;
    const progressToken = meta?.['progressToken'];
    const caller = callerFor('mcp', principal);
    if (typeof progressToken !== 'string' && typeof progressToken !== 'number') {
      // A plain JSON answer: a client that disconnects has not cancelled (2025-11-25 transports); the call
      // is bounded by its timeout. Closing an SSE stream, below, does cancel (2026-07-28).
      const outcome = await this.invoke(tool, args as Record<string, unknown>, { caller });
      return this.fromOutcome(req, outcome, wrap);
    }
    await this.stream(req, tool, args as Record<string, unknown>, progressToken, caller, out, wrap);
    return 'streamed';
  }

  private async stream(
    req: JsonRpcRequest,
    tool: NonNullable<ReturnType<ToolCatalog['tool']>>,
    args: Record<string, unknown>,
    progressToken: string | number,
    caller: Caller,
    out: McpResponder,
    wrap: (result: ToolResult) => object,
  ): Promise<void> {
    const sse = out.sse();
    const keepAlive = setInterval(() => sse.comment('keep-alive'), this.keepAliveMs);
    let last = -Infinity;
    try {
      const outcome = await this.invoke(tool, args, {
        caller,
        signal: out.signal,
        onProgress: (p) => {
          // Progress must increase (MCP basic/utilities/progress); drop stale or repeated updates.
          if (p.progress <= last || out.signal.aborted) return;
          last = p.progress;
          sse.message(notificationMessage('notifications/progress', { progressToken, ...p }));
        },
      });
      if (out.signal.aborted) return;
      const handled = this.fromOutcome(req, outcome, wrap);
      if (handled !== 'streamed') sse.message(handled.body);
    } finally {
      clearInterval(keepAlive);
      sse.end();
    }
  }

  private async invoke(
    tool: NonNullable<ReturnType<ToolCatalog['tool']>>,
    args: Record<string, unknown>,
    options: Parameters<ToolInvoker['invoke']>[2],
  ): Promise<CallOutcome> {
    try {
      const result = await this.invoker.invoke(tool, args, options);
      return { kind: 'result', result, label: result.isError ? 'tool_error' : 'ok' };
    } catch (error) {
      return mapCallError(error);
    }
  }

  private fromOutcome(
    req: JsonRpcRequest,
    outcome: CallOutcome,
    wrap: (result: ToolResult) => object,
  ): Handled {
    return outcome.kind === 'result'
      ? this.result(req, wrap(outcome.result), outcome.label)
      : this.error(req, outcome.error, outcome.label);
  }

  private result(req: JsonRpcRequest, result: object, outcome: string): Handled {
    return { status: 200, body: resultMessage(req.id, result), outcome };
  }

  private error(req: JsonRpcRequest, error: { code: number; message: string }, outcome: string): Handled {
    return { status: 200, body: errorMessage(req.id, error), outcome };
  }
}

function invalid(message: string): ToolResult {
  return { content: [{ type: 'text', text: message }], isError: true };
}
