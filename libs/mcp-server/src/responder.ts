import type { CallerIdentity } from '@mcp-gateway/contracts';

/** How the dispatcher writes its answer; the HTTP layer implements it over its response object. */
export interface McpResponder {
  /** Aborted when the client disconnects before the answer is complete. */
  readonly signal: AbortSignal;
  json(status: number, body: string, headers?: Readonly<Record<string, string>>): void;
  /** 202 Accepted with no body (notifications and responses). */
  accepted(): void;
  /** Switches to a `text/event-stream` response for this request. */
  sse(): SseStream;
}

export interface SseStream {
  /** Writes one `message` event carrying a JSON-RPC message. */
  message(json: string): void;
  /** An SSE comment line: a keep-alive that clients ignore. */
  comment(text: string): void;
  end(): void;
}

/** The caller as authenticated by the HTTP layer (token kind, id and name go to the audit log). */
export interface Principal extends CallerIdentity {
  readonly scopes: ReadonlySet<string>;
}

export type HeaderReader = (name: string) => string | undefined;

/**
 * Asked for each permitted `tools/call` before its arguments are checked: a refusal is answered with
 * HTTP 429, `Retry-After` and a JSON-RPC error carrying `message`; `undefined` lets the call go ahead.
 */
export type ToolRateLimit = (
  tool: string,
  principal: Principal,
) => { readonly message: string; readonly retryAfterSeconds: number } | undefined;

/** How a method answered: a JSON body to send with its status, or `streamed` when it wrote SSE itself. */
export type Handled =
  | {
      readonly status: number;
      readonly body: string;
      /** The label recorded in `gateway_mcp_requests_total`. */
      readonly outcome: string;
      readonly headers?: Readonly<Record<string, string>>;
    }
  | 'streamed';
