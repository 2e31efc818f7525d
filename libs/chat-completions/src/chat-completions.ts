import type { ServerResponse } from 'node:http';
import type { ToolCatalog, ToolInvoker } from '@mcp-gateway/catalog';
import { ChatError, asChatError } from './errors.js';
import { GATEWAY_MODEL_ID, GatewayModel } from './gateway-model.js';
import { JsonReply, sendJson } from './json-reply.js';
import { fromOpenWebUi, isBackgroundTask, type HeaderReader } from './open-webui.js';
import type { ChatPrincipal } from './principal.js';
import { replyIdentity, type Reply } from './reply.js';
import { parseChatRequest, type ChatRequest } from './request.js';
import { StreamReply } from './stream-reply.js';
import { ToolLoop } from './tool-loop.js';
import { ToolRunner, type ToolRunnerOptions } from './tool-runner.js';
import { ToolSet } from './tool-set.js';
import type { UpstreamLlm } from './upstream-llm.js';

export interface ChatCompletionsOptions {
  readonly catalog: Pick<ToolCatalog, 'tools' | 'tool'>;
  readonly invoker: Pick<ToolInvoker, 'invoke'>;
  /** The LLM behind every model but `gateway`; without it only `gateway` exists. */
  readonly upstream?: UpstreamLlm;
  /** Prepended to every tool-loop conversation as a `system` message. */
  readonly systemPrompt?: string;
  /** Rounds of gateway tool calls per request before the model must answer (8 is a good default). */
  readonly maxIterations: number;
  /** Deadline of each tool call. */
  readonly toolTimeoutMs: number;
  /** Interval of `: ping` comments on a stream. */
  readonly keepAliveMs: number;
  /**
   * Upstream model ids clients may use (the same list `ModelList` filters by); others are 404. Empty or
   * absent lets any id through to the upstream, which answers 404 itself for ids it does not serve.
   */
  readonly allowedModels?: readonly string[];
  readonly log: (message: string) => void;
  /** Per-tool rate limits for the tool calls the gateway runs (the front's `RATE_LIMIT_TOOLS`). */
  readonly rateLimitTool?: ToolRunnerOptions['rateLimit'];
}

/**
 * `POST /v1/chat/completions` (reference §1, §2, §7). The built-in `gateway` model answers without an
 * LLM; every other model goes to the upstream with the gateway's tools, which run server-side in a loop
 * (`ToolLoop`), streamed or as one JSON answer. Open WebUI's background tasks go to the upstream as they
 * came: no gateway tools, no system prompt.
 *
 * Errors are OpenAI error objects: before the answer starts, with their HTTP status (400 invalid request,
 * 404 unknown model, 429 upstream rate limit, 502 upstream failure or nonsense, 503 bus down, 504
 * upstream timeout); once a stream has started, as an `error` chunk followed by `[DONE]`. A client that
 * goes away (the `signal`) aborts the upstream call and every tool call in flight.
 */
export class ChatCompletions {
  private readonly gateway: GatewayModel;
  private readonly loop: ToolLoop | undefined;
  private readonly allowed: ReadonlySet<string>;

  constructor(private readonly options: ChatCompletionsOptions) {
    const runner = new ToolRunner({
      catalog: options.catalog,
      invoker: options.invoker,
      timeoutMs: options.toolTimeoutMs,
      log: options.log,
      rateLimit: options.rateLimitTool,
    });
    this.gateway = new GatewayModel(options.catalog, runner);
    this.loop = options.upstream
      ? new ToolLoop({ upstream: options.upstream, runner, maxIterations: options.maxIterations })
      : undefined;
    this.allowed = new Set(options.allowedModels ?? []);
  }

  /**
   * Answers one request on `res`. `body` is the decoded JSON body; `principal` is the authenticated
   * caller (authentication and 401/403 are the app's job); `headers` go on every answer — success,
   * error and stream alike (CORS). Resolves when the answer is complete; never rejects.
   */
  async handle(
    body: unknown,
    principal: ChatPrincipal,
    requestHeaders: HeaderReader,
    res: ServerResponse,
    headers: Record<string, string>,
    signal: AbortSignal,
  ): Promise<void> {
    let request: ChatRequest;
    try {
      request = parseChatRequest(body);
    } catch (error) {
      const answer = asChatError(error, this.options.log).toAnswer();
      sendJson(res, answer.status, answer.body, headers);
      return;
    }
    const identity = replyIdentity(request.model);
    const reply: Reply = request.stream
      ? new StreamReply(res, headers, identity, {
          includeUsage: request.includeUsage,
          statusEvents: fromOpenWebUi(requestHeaders),
          keepAliveMs: this.options.keepAliveMs,
        })
      : new JsonReply(res, headers, identity);
    try {
      await this.answer(request, principal, requestHeaders, reply, signal);
    } catch (error) {
      if (signal.aborted) {
        reply.abandon();
        return;
      }
      if (error instanceof ChatError && error.status >= 500) {
        this.options.log(`chat completion (${request.model}) failed: ${error.message}`);
      }
      reply.fail(asChatError(error, this.options.log));
    }
  }

  private async answer(
    request: ChatRequest,
    principal: ChatPrincipal,
    header: HeaderReader,
    reply: Reply,
    signal: AbortSignal,
  ): Promise<void> {
    if (request.model === GATEWAY_MODEL_ID) {
      await this.gateway.answer(request, principal, reply, signal);
      return;
    }
    if (!this.loop || (this.allowed.size > 0 && !this.allowed.has(request.model))) {
      throw new ChatError(
        404,
        `The model \`${request.model}\` does not exist or you do not have access to it.`,
        'invalid_request_error',
        'model_not_found',
      );
    }
    const task = isBackgroundTask(request, header);
    await this.loop.run({
      request,
      tools: ToolSet.build(this.options.catalog, principal.scopes, request.tools, !task),
      systemPrompt: task ? undefined : this.options.systemPrompt,
      principal,
      reply,
      signal,
    });
  }
}
