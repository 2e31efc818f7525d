import type { ResolvedToolCall } from './steps.js';

/** Shared by every chunk of one response (reference §1.4: same `id`/`created` on every chunk). */
export interface CompletionMeta {
  id: string;
  created: number;
  model: string;
  promptTokens: number;
}

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

export const SYSTEM_FINGERPRINT = 'fp_llmsim0001';
/** Content is streamed this many characters per delta, tool arguments this many per fragment. */
const TEXT_PIECE = 4;
const ARGUMENT_PIECE = 6;

/** Splits on code points, so a surrogate pair never straddles two deltas. */
function pieces(text: string, size: number): string[] {
  const chars = Array.from(text);
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += size) out.push(chars.slice(i, i + size).join(''));
  return out;
}

/** Deterministic: 10 per request message; one per 4 characters of output (at least 1). */
export function usageFor(meta: CompletionMeta, text: string, toolCalls: readonly ResolvedToolCall[]): Usage {
  const chars = text.length + toolCalls.reduce((n, c) => n + c.name.length + c.arguments.length, 0);
  const completion = Math.max(1, Math.ceil(chars / 4));
  return {
    prompt_tokens: meta.promptTokens,
    completion_tokens: completion,
    total_tokens: meta.promptTokens + completion,
  };
}

/** `POST /v1/chat/completions` without `stream` (reference §1.3). */
export function completionBody(
  meta: CompletionMeta,
  text: string,
  toolCalls: readonly ResolvedToolCall[],
): unknown {
  const calls = toolCalls.map((c) => ({
    id: c.id,
    type: 'function',
    function: { name: c.name, arguments: c.arguments },
  }));
  return {
    id: meta.id,
    object: 'chat.completion',
    created: meta.created,
    model: meta.model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: calls.length > 0 && text === '' ? null : text,
          refusal: null,
          annotations: [],
          ...(calls.length > 0 ? { tool_calls: calls } : {}),
        },
        logprobs: null,
        finish_reason: calls.length > 0 ? 'tool_calls' : 'stop',
      },
    ],
    usage: usageFor(meta, text, toolCalls),
    service_tier: 'default',
    system_fingerprint: SYSTEM_FINGERPRINT,
  };
}

export function sseEvent(data: unknown): string {
  return `data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`;
}

export const DONE_EVENT = 'data: [DONE]\n\n';

/** Builds the chunk objects of one streamed response; `usage: null` on each when usage was asked for. */
class ChunkWriter {
  readonly events: string[] = [];
  constructor(
    private readonly meta: CompletionMeta,
    private readonly includeUsage: boolean,
  ) {}

  choice(delta: Record<string, unknown>, finishReason: string | null = null): this {
    this.events.push(
      sseEvent({
        id: this.meta.id,
        object: 'chat.completion.chunk',
        created: this.meta.created,
        model: this.meta.model,
        service_tier: 'default',
        system_fingerprint: SYSTEM_FINGERPRINT,
        choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
        ...(this.includeUsage ? { usage: null } : {}),
      }),
    );
    return this;
  }

  usage(usage: Usage): this {
    this.events.push(
      sseEvent({
        id: this.meta.id,
        object: 'chat.completion.chunk',
        created: this.meta.created,
        model: this.meta.model,
        service_tier: 'default',
        system_fingerprint: SYSTEM_FINGERPRINT,
        choices: [],
        usage,
      }),
    );
    return this;
  }

  text(text: string): this {
    for (const piece of pieces(text, TEXT_PIECE)) this.choice({ content: piece });
    return this;
  }
}

/**
 * The SSE events of a streamed answer, shaped like OpenAI's (reference §1.4): a role chunk, content
 * deltas, then per tool call a first fragment with `index`/`id`/`type`/`name` and `arguments: ""`
 * followed by `index` + argument fragments, a `finish_reason` chunk, the usage chunk, `[DONE]`.
 */
export function streamEvents(
  meta: CompletionMeta,
  text: string,
  toolCalls: readonly ResolvedToolCall[],
  includeUsage: boolean,
): string[] {
  const out = new ChunkWriter(meta, includeUsage);
  if (text !== '' || toolCalls.length === 0)
    out.choice({ role: 'assistant', content: '', refusal: null }).text(text);
  for (const [index, call] of toolCalls.entries()) {
    const first = { index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } };
    out.choice(
      index === 0 && text === ''
        ? { role: 'assistant', content: null, tool_calls: [first] }
        : { tool_calls: [first] },
    );
    for (const piece of pieces(call.arguments, ARGUMENT_PIECE)) {
      out.choice({ tool_calls: [{ index, function: { arguments: piece } }] });
    }
  }
  out.choice({}, toolCalls.length > 0 ? 'tool_calls' : 'stop');
  if (includeUsage) out.usage(usageFor(meta, text, toolCalls));
  return [...out.events, DONE_EVENT];
}

/** Content, then `data: {"error":…}` and `[DONE]` (reference §1.5, mid-stream errors). */
export function streamErrorEvents(meta: CompletionMeta, text: string, message: string): string[] {
  const out = new ChunkWriter(meta, false)
    .choice({ role: 'assistant', content: '', refusal: null })
    .text(text);
  return [
    ...out.events,
    sseEvent({ error: { message, type: 'server_error', param: null, code: null } }),
    DONE_EVENT,
  ];
}

/** A role chunk, then a `data:` line cut off mid-object, then `[DONE]`. */
export function badJsonEvents(meta: CompletionMeta): string[] {
  const out = new ChunkWriter(meta, false).choice({ role: 'assistant', content: '', refusal: null });
  return [
    ...out.events,
    `data: {"id":"${meta.id}","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"Hel\n\n`,
    DONE_EVENT,
  ];
}

/** A 200 JSON body cut off mid-object. */
export function badJsonBody(meta: CompletionMeta): string {
  return `{"id":"${meta.id}","object":"chat.completion","created":${meta.created},"model":${JSON.stringify(meta.model)},"choices":[{"index":0,"message":{"role":"assistant","content":"Hel`;
}
