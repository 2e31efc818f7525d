import type { ServerResponse } from 'node:http';
import type { ChatError } from './errors.js';
import { sendJson } from './json-reply.js';
import type { ToolCall, Usage } from './openai-types.js';
import type { Reply, ReplyIdentity } from './reply.js';
import { SseWriter } from './sse-writer.js';
import { splitText } from './text.js';

/**
 * Longest string (in UTF-16 units) one chunk carries. JSON escaping makes at most 6 bytes of a unit, so
 * an event stays under 32 KiB, well below the 64 KiB we promise and the 128 KiB line limit that aborts
 * Open WebUI's reader (reference §2.4, OWUI#17626).
 */
export const MAX_DELTA_CHARS = 4096;

export interface StreamReplyOptions {
  readonly includeUsage: boolean;
  /** Send Open WebUI status events (only when the caller is Open WebUI, §2.10). */
  readonly statusEvents: boolean;
  readonly keepAliveMs: number;
}

/** An answer streamed as `chat.completion.chunk` events (reference §1.4). */
export class StreamReply implements Reply {
  private readonly sse: SseWriter;
  private roleSent = false;
  private ended = false;

  constructor(
    private readonly res: ServerResponse,
    private readonly headers: Readonly<Record<string, string>>,
    private readonly identity: ReplyIdentity,
    private readonly options: StreamReplyOptions,
  ) {
    this.sse = new SseWriter(res, headers, options.keepAliveMs);
  }

  begin(): void {
    if (!this.ended) this.sse.open();
  }

  delta(delta: Readonly<Record<string, unknown>>): void {
    for (const piece of pieces(delta)) this.choice(piece, null);
  }

  clientToolCalls(calls: readonly ToolCall[]): void {
    calls.forEach((call, index) => {
      // The first fragment names the call; `arguments` follow as string pieces, all keyed by `index`.
      this.choice(
        {
          content: null,
          tool_calls: [
            { index, id: call.id, type: 'function', function: { name: call.function.name, arguments: '' } },
          ],
        },
        null,
      );
      for (const part of splitText(call.function.arguments, MAX_DELTA_CHARS)) {
        this.choice({ tool_calls: [{ index, function: { arguments: part } }] }, null);
      }
    });
  }

  status(description: string, done: boolean): void {
    if (!this.options.statusEvents || this.ended) return;
    this.begin();
    this.sse.event({ ...this.base(), choices: [], event: { type: 'status', data: { description, done } } });
  }

  finish(reason: string, usage: Usage): void {
    if (this.ended) return;
    this.choice({}, reason);
    if (this.options.includeUsage) this.sse.event({ ...this.base(), choices: [], usage });
    this.ended = true;
    this.sse.end();
  }

  fail(error: ChatError): void {
    if (this.ended) return;
    this.ended = true;
    if (!this.sse.opened) {
      const answer = error.toAnswer();
      sendJson(this.res, answer.status, answer.body, this.headers);
      return;
    }
    // Mid-stream: an `error` chunk (openai-node throws on it, Open WebUI shows it), then the end (§1.5).
    this.sse.event(error.toAnswer().body);
    this.sse.end();
  }

  abandon(): void {
    this.ended = true;
    this.sse.destroy();
  }

  private choice(delta: Record<string, unknown>, finishReason: string | null): void {
    if (this.ended) return;
    this.begin();
    const withRole = this.roleSent ? delta : { role: 'assistant', ...delta };
    this.roleSent = true;
    this.sse.event({
      ...this.base(),
      choices: [{ index: 0, delta: withRole, logprobs: null, finish_reason: finishReason }],
    });
  }

  private base() {
    return {
      id: this.identity.id,
      object: 'chat.completion.chunk',
      created: this.identity.created,
      model: this.identity.model,
    };
  }
}

/** A delta cut into chunk-sized pieces: long strings are sent a piece at a time, in order. */
function pieces(delta: Readonly<Record<string, unknown>>): Record<string, unknown>[] {
  const small: Record<string, unknown> = {};
  const out: Record<string, unknown>[] = [small];
  for (const [key, value] of Object.entries(delta)) {
    if (typeof value === 'string' && value.length > MAX_DELTA_CHARS) {
      for (const part of splitText(value, MAX_DELTA_CHARS)) out.push({ [key]: part });
    } else {
      small[key] = value;
    }
  }
  return Object.keys(small).length > 0 ? out : out.slice(1);
}
