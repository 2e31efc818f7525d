import type { ToolCatalog, ToolInvoker } from '@mcp-gateway/catalog';
import {
  classifyMessage,
  errorMessage,
  MessageError,
  resultMessage,
  type JsonRpcErrorBody,
  type JsonRpcRequest,
} from './jsonrpc.js';
import { modernHeaderProblem } from './modern-headers.js';
import {
  DEFAULT_LEGACY_VERSION,
  LATEST_LEGACY_VERSION,
  LEGACY_VERSIONS,
  LOG_LEVELS,
  META,
  MODERN_VERSION,
  RPC,
  SUPPORTED_VERSIONS,
  type Era,
  type ServerIdentity,
} from './protocol.js';
import type { Handled, HeaderReader, McpResponder, Principal, ToolRateLimit } from './responder.js';
import { ToolCall } from './tool-call.js';
import { ToolListing } from './tool-listing.js';

export interface McpHandlerOptions {
  readonly server: ServerIdentity;
  readonly catalog: ToolCatalog;
  readonly invoker: ToolInvoker;
  readonly pageSize: number;
  readonly keepAliveMs: number;
  readonly listTtlMs: number;
  /** Builds the 403 `insufficient_scope` challenge for a tool outside the caller's scopes. */
  readonly insufficientScope: (
    scope: string,
    tool: string,
    principal: Principal,
  ) => Readonly<Record<string, string>>;
  readonly observe?: (method: string, era: Era, outcome: string) => void;
  /** Per-tool rate limits (the front's `RATE_LIMIT_TOOLS`); absent, no tool is limited here. */
  readonly rateLimitTool?: ToolRateLimit;
}

/**
 * One POST to `/mcp`, answered statelessly in either protocol era. A request carrying 2026-07-28 `_meta`
 * (or `server/discover`) follows the modern rules; anything else follows the legacy rules, leniently,
 * as real clients need (see shared/reference/mcp-and-oauth.md §2 and §12).
 */
export class McpHandler {
  private readonly listing: ToolListing;
  private readonly toolCall: ToolCall;

  constructor(private readonly options: McpHandlerOptions) {
    this.listing = new ToolListing(options.catalog, options.pageSize);
    this.toolCall = new ToolCall(
      options.catalog,
      options.invoker,
      options.keepAliveMs,
      options.insufficientScope,
      options.rateLimitTool,
    );
  }

  async handle(body: unknown, header: HeaderReader, principal: Principal, out: McpResponder): Promise<void> {
    let era: Era = 'legacy';
    let method = 'invalid';
    try {
      const message = classifyMessage(body);
      if (message.kind !== 'request') {
        method = message.kind === 'notification' ? message.method : 'response';
        out.accepted();
        this.observe(method, era, 'accepted');
        return;
      }
      method = message.method;
      era = isModern(message) ? 'modern' : 'legacy';
      const handled =
        era === 'modern'
          ? await this.modern(message, header, principal, out)
          : await this.legacy(message, principal, out);
      if (handled !== 'streamed') out.json(handled.status, handled.body, handled.headers);
      this.observe(method, era, handled === 'streamed' ? 'streamed' : handled.outcome);
    } catch (error) {
      if (error instanceof MessageError) {
        out.json(400, errorMessage(error.id, { code: error.code, message: error.message }));
        this.observe(method, era, 'invalid');
        return;
      }
      throw error;
    }
  }

  private async legacy(req: JsonRpcRequest, principal: Principal, out: McpResponder): Promise<Handled> {
    switch (req.method) {
      case 'initialize':
        return this.ok(req, this.initializeResult(req.params['protocolVersion']));
      case 'ping':
        return this.ok(req, {});
      case 'logging/setLevel':
        return (LOG_LEVELS as readonly unknown[]).includes(req.params['level'])
          ? this.ok(req, {})
          : this.fail(req, 200, {
              code: RPC.invalidParams,
              message: `Invalid params: level must be one of ${LOG_LEVELS.join(', ')}`,
            });
      case 'tools/list':
        return this.listTools(req, principal, 'legacy');
      case 'tools/call':
        return this.toolCall.run(req, principal, out);
      case 'resources/list':
        return this.ok(req, { resources: [] });
      case 'resources/templates/list':
        return this.ok(req, { resourceTemplates: [] });
      case 'resources/read':
        return this.fail(req, 200, {
          code: RPC.resourceNotFound,
          message: 'Resource not found',
          data: { uri: req.params['uri'] },
        });
      case 'prompts/list':
        return this.ok(req, { prompts: [] });
      case 'prompts/get': {
        // Never String() a client's value: `{"toString":null}` makes that throw.
        const name = req.params['name'];
        return this.fail(req, 200, {
          code: RPC.invalidParams,
          message:
            typeof name === 'string' ? `Unknown prompt: ${name}` : 'Invalid params: "name" must be a string',
        });
      }
      case 'completion/complete':
        return this.ok(req, { completion: { values: [], total: 0, hasMore: false } });
      default:
        return this.fail(req, 200, { code: RPC.methodNotFound, message: `Method not found: ${req.method}` });
    }
  }

  private async modern(
    req: JsonRpcRequest,
    header: HeaderReader,
    principal: Principal,
    out: McpResponder,
  ): Promise<Handled> {
    const meta = req.params['_meta'] as Record<string, unknown> | undefined;
    const version = meta?.[META.protocolVersion];
    if (typeof version !== 'string' || meta?.[META.clientCapabilities] === undefined) {
      return this.fail(req, 400, {
        code: RPC.invalidParams,
        message: `Invalid params: _meta must carry ${META.protocolVersion} and ${META.clientCapabilities}`,
      });
    }
    if (version !== MODERN_VERSION) {
      return this.fail(req, 400, {
        code: RPC.unsupportedProtocolVersion,
        message: 'Unsupported protocol version',
        data: { supported: SUPPORTED_VERSIONS, requested: version },
      });
    }
    const named =
      req.method === 'tools/call' || req.method === 'prompts/get'
        ? req.params['name']
        : req.method === 'resources/read'
          ? req.params['uri']
          : undefined;
    const problem = modernHeaderProblem(
      header,
      req.method,
      version,
      typeof named === 'string' ? named : named === undefined ? undefined : JSON.stringify(named),
    );
    if (problem) return this.fail(req, 400, { code: RPC.headerMismatch, message: problem });
    switch (req.method) {
      case 'server/discover':
        return this.ok(
          req,
          this.modernResult({
            supportedVersions: SUPPORTED_VERSIONS,
            capabilities: { tools: { listChanged: false }, completions: {} },
            instructions: this.options.server.instructions,
            ttlMs: this.options.listTtlMs,
            cacheScope: 'public',
          }),
        );
      case 'tools/list':
        return this.listTools(req, principal, 'modern');
      case 'tools/call':
        return this.toolCall.run(req, principal, out, (r) => this.modernResult(r));
      case 'resources/list':
        return this.ok(
          req,
          this.modernResult({ resources: [], ttlMs: this.options.listTtlMs, cacheScope: 'public' }),
        );
      case 'resources/templates/list':
        return this.ok(
          req,
          this.modernResult({ resourceTemplates: [], ttlMs: this.options.listTtlMs, cacheScope: 'public' }),
        );
      case 'resources/read':
        return this.fail(req, 200, {
          code: RPC.invalidParams,
          message: 'Resource not found',
          data: { uri: req.params['uri'] },
        });
      case 'prompts/list':
        return this.ok(
          req,
          this.modernResult({ prompts: [], ttlMs: this.options.listTtlMs, cacheScope: 'public' }),
        );
      case 'completion/complete':
        return this.ok(req, this.modernResult({ completion: { values: [], total: 0, hasMore: false } }));
      default:
        // Includes initialize, ping and logging/setLevel, which 2026-07-28 removed.
        return this.fail(req, 404, { code: RPC.methodNotFound, message: `Method not found: ${req.method}` });
    }
  }

  private listTools(req: JsonRpcRequest, principal: Principal, era: Era): Handled {
    const page = this.listing.page(principal.scopes, req.params['cursor']);
    if (!page)
      return this.fail(req, 200, { code: RPC.invalidParams, message: 'Invalid params: unknown cursor' });
    const result = page.nextCursor
      ? { tools: page.tools, nextCursor: page.nextCursor }
      : { tools: page.tools };
    return this.ok(
      req,
      era === 'modern'
        ? this.modernResult({
            ...result,
            ttlMs: this.options.listTtlMs,
            cacheScope: principal.scopes.has('*') ? 'public' : 'private',
          })
        : result,
    );
  }

  /** Legacy negotiation: echo a supported version, otherwise counter-offer the newest legacy one. */
  private initializeResult(requested: unknown) {
    const protocolVersion =
      typeof requested === 'string' && (LEGACY_VERSIONS as readonly string[]).includes(requested)
        ? requested
        : requested === undefined
          ? DEFAULT_LEGACY_VERSION
          : LATEST_LEGACY_VERSION;
    const { name, title, version, instructions } = this.options.server;
    return {
      protocolVersion,
      capabilities: {
        tools: { listChanged: false },
        logging: {},
        completions: {},
        prompts: { listChanged: false },
        resources: { listChanged: false },
      },
      serverInfo: { name, title, version },
      instructions,
    };
  }

  private modernResult<T extends object>(
    result: T,
  ): T & { resultType: 'complete'; _meta: Record<string, unknown> } {
    const { name, version } = this.options.server;
    return { ...result, resultType: 'complete', _meta: { [META.serverInfo]: { name, version } } };
  }

  private ok(req: JsonRpcRequest, result: unknown): Handled {
    return { status: 200, body: resultMessage(req.id, result), outcome: 'ok' };
  }

  private fail(req: JsonRpcRequest, status: number, error: JsonRpcErrorBody): Handled {
    return { status, body: errorMessage(req.id, error), outcome: `error_${error.code}` };
  }

  private observe(method: string, era: Era, outcome: string): void {
    this.options.observe?.(KNOWN_METHODS.has(method) ? method : 'other', era, outcome);
  }
}

function isModern(req: JsonRpcRequest): boolean {
  if (req.method === 'server/discover') return true;
  const meta = req.params['_meta'];
  return meta !== null && typeof meta === 'object' && META.protocolVersion in meta;
}

const KNOWN_METHODS = new Set([
  'initialize',
  'ping',
  'logging/setLevel',
  'server/discover',
  'tools/list',
  'tools/call',
  'resources/list',
  'resources/templates/list',
  'resources/read',
  'prompts/list',
  'prompts/get',
  'completion/complete',
  'notifications/initialized',
  'notifications/cancelled',
  'response',
  'invalid',
]);
