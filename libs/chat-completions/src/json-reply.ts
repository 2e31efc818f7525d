import type { ServerResponse } from 'node:http';
import type { ChatError } from './errors.js';
import type { ToolCall, Usage } from './openai-types.js';
import type { Reply, ReplyIdentity } from './reply.js';

/**
 * An answer as one `chat.completion` JSON body (reference §1.3), written when it is complete. Deltas are
 * added up field by field (strings concatenated, arrays joined), so `content` and `reasoning_content`
 * hold the same text a stream would have carried.
 */
export class JsonReply implements Reply {
  private readonly message = new Map<string, unknown>();
  private toolCalls: readonly ToolCall[] = [];
  private ended = false;

  constructor(
    private readonly res: ServerResponse,
    private readonly headers: Readonly<Record<string, string>>,
    private readonly identity: ReplyIdentity,
  ) {}

  begin(): void {
    // Nothing to send before the end: a JSON answer has one status, decided when it is complete.
  }

  delta(delta: Readonly<Record<string, unknown>>): void {
    for (const [key, value] of Object.entries(delta)) {
      if (key === 'role') continue;
      const before = this.message.get(key);
      if (typeof value === 'string' && typeof before === 'string') this.message.set(key, before + value);
      else if (Array.isArray(value) && Array.isArray(before))
        this.message.set(key, [...(before as unknown[]), ...(value as unknown[])]);
      else this.message.set(key, value);
    }
  }

  clientToolCalls(calls: readonly ToolCall[]): void {
    this.toolCalls = calls;
  }

  status(): void {
    // Status lines exist only in streams.
  }

  finish(reason: string, usage: Usage): void {
    if (this.ended) return;
    this.ended = true;
    const { content, refusal, ...rest } = Object.fromEntries(this.message);
    const text = typeof content === 'string' && content !== '' ? content : undefined;
    const message = {
      role: 'assistant',
      content: text ?? (this.toolCalls.length > 0 ? null : ''),
      refusal: typeof refusal === 'string' ? refusal : null,
      ...rest,
      ...(this.toolCalls.length > 0 ? { tool_calls: this.toolCalls } : {}),
    };
    sendJson(
      this.res,
      200,
      {
        id: this.identity.id,
        object: 'chat.completion',
        created: this.identity.created,
        model: this.identity.model,
        choices: [{ index: 0, message, logprobs: null, finish_reason: reason }],
        usage,
      },
      this.headers,
    );
  }

  fail(error: ChatError): void {
    if (this.ended) return;
    this.ended = true;
    const answer = error.toAnswer();
    sendJson(this.res, answer.status, answer.body, this.headers);
  }

  abandon(): void {
    this.ended = true;
    if (!this.res.writableEnded) this.res.destroy();
  }
}

/** One JSON answer with the extra headers (CORS) the app asked for on every response. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>>,
): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
  });
  res.end(text);
}
