import {
  BusError,
  callerFor,
  describeValidationErrors,
  type CallerIdentity,
  type ToolResult,
  type WireErrorCode,
} from '@mcp-gateway/contracts';
import { scopeAllows, type ToolCatalog, type ToolInvoker } from '@mcp-gateway/catalog';

export interface ToolCaller extends CallerIdentity {
  readonly scopes: ReadonlySet<string>;
}

/** An HTTP answer: a status and a JSON body (`{"detail": …}` for errors). */
export interface ToolAnswer {
  readonly status: number;
  readonly body: unknown;
  /** Set on 403: the scope the tool needs. */
  readonly scope?: string;
}

/**
 * `POST /tools/<name>`: the same checks as `/mcp` (the tool exists, the token's scopes allow it, the
 * arguments match its schema) before anything crosses the bus, then one call on the connector. A result is
 * returned as JSON: its structured content, the JSON its text holds, or `{ "text": … }`. Failures are
 * `{"detail": …}` with a status Open WebUI shows to the model (it passes `HTTP error <status>: <body>`).
 */
export class ToolEndpoint {
  constructor(
    private readonly catalog: Pick<ToolCatalog, 'tool'>,
    private readonly invoker: Pick<ToolInvoker, 'invoke'>,
    private readonly timeoutMs: number,
  ) {}

  async run(name: string, body: unknown, caller: ToolCaller, signal?: AbortSignal): Promise<ToolAnswer> {
    const tool = this.catalog.tool(name);
    if (!tool) return detail(404, `Unknown tool: ${name}`);
    if (!scopeAllows(caller.scopes, tool)) {
      return { ...detail(403, `${name} needs the ${tool.scope} scope`), scope: tool.scope };
    }
    const args = body ?? {};
    if (typeof args !== 'object' || Array.isArray(args)) {
      return detail(422, `Invalid arguments for ${name}: the body must be a JSON object`);
    }
    if (!tool.validate(args)) {
      return detail(422, `Invalid arguments for ${name}: ${describeValidationErrors(tool.validate.errors)}`);
    }
    let result: ToolResult;
    try {
      result = await this.invoker.invoke(tool, args as Record<string, unknown>, {
        caller: callerFor('openapi', caller),
        timeoutMs: this.timeoutMs,
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      if (error instanceof BusError) return detail(statusOf(error.code), error.message);
      throw error;
    }
    const text = result.content.map((c) => (c.type === 'text' ? c.text : '')).join('');
    if (result.isError) return detail(422, text || `${name} failed`);
    return { status: 200, body: result.structuredContent ?? parsed(text) };
  }
}

function detail(status: number, message: string): ToolAnswer {
  return { status, body: { detail: message } };
}

/** A text result that holds JSON (most tools answer compact JSON) is returned as that JSON. */
function parsed(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return { text };
  }
}

function statusOf(code: WireErrorCode): number {
  switch (code) {
    case 'TOOL_NOT_FOUND':
    case 'NOT_FOUND':
      return 404;
    case 'INVALID_ARGUMENTS':
    case 'INVALID_REQUEST':
      return 422;
    case 'UNAUTHORIZED':
      return 401;
    case 'FORBIDDEN':
      return 403;
    case 'CONFLICT':
      return 409;
    case 'RATE_LIMITED':
      return 429;
    case 'BACKEND_UNAVAILABLE':
    case 'BACKEND_ERROR':
    case 'BACKEND_AUTH_FAILED':
      return 502;
    case 'CONNECTOR_UNAVAILABLE':
    case 'BUS_UNAVAILABLE':
      return 503;
    case 'TIMEOUT':
      return 504;
    case 'CANCELLED':
      return 499;
    case 'INTERNAL':
      return 500;
  }
}
