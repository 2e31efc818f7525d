import type { ChatMessage, ToolCall } from './openai-types.js';
import type { ChatPrincipal } from './principal.js';
import type { Reply } from './reply.js';
import type { ChatRequest } from './request.js';
import type { ToolRunner } from './tool-runner.js';
import type { ToolSet } from './tool-set.js';
import { TurnAssembler, type AssembledTurn } from './turn.js';
import type { UpstreamChunk, UpstreamLlm } from './upstream-llm.js';
import { UsageTotal } from './usage.js';

export interface ToolLoopOptions {
  readonly upstream: UpstreamLlm;
  readonly runner: ToolRunner;
  /** Rounds of gateway tool calls one request may run before the model must answer. */
  readonly maxIterations: number;
}

export interface ToolLoopJob {
  readonly request: ChatRequest;
  readonly tools: ToolSet;
  /** Prepended as a `system` message; the client's own system messages stay. */
  readonly systemPrompt: string | undefined;
  readonly principal: ChatPrincipal;
  readonly reply: Reply;
  readonly signal: AbortSignal;
}

/**
 * Told to the model on the last call, which offers no tools. A `user` message, not `system`: several chat
 * templates (Mistral's among them) refuse a system message after the first turn.
 */
const LIMIT_NOTE =
  '[Gateway note] The tool-call limit for this request has been reached. Answer now with the ' +
  'information gathered so far, and say what is left undone.';

/**
 * The server-side tool loop (reference §2.5, "Gateway rules"). Each round streams one upstream answer
 * through to the client as it comes (text and reasoning; never the gateway's tool calls). When the model
 * calls gateway tools, they run (in parallel), their results are appended as `tool` messages, and the
 * model is asked again — until it answers without tool calls. When it calls one of the client's tools,
 * those calls are the answer (`finish_reason: "tool_calls"`) and the client calls back with results;
 * gateway calls made in that same turn are not run (their results could not reach the model through the
 * client's history) — the model asks again on the next request if it still needs them.
 *
 * After `maxIterations` rounds of tool calls, one last call is made without any tools and with a note
 * asking the model to answer; should it still try to call tools, the client is told the limit stopped it.
 *
 * Only the first call carries the client's `tool_choice`: keeping `"required"` or a named function would
 * force a tool call in every round and never let the model answer. `n` is dropped (one choice is
 * answered); the upstream is always streamed with `include_usage`, and the usage of every call is summed.
 */
export class ToolLoop {
  constructor(private readonly options: ToolLoopOptions) {}

  async run(job: ToolLoopJob): Promise<void> {
    const { request, tools, reply, signal } = job;
    const messages: ChatMessage[] = [
      ...(job.systemPrompt ? [{ role: 'system', content: job.systemPrompt }] : []),
      ...request.messages,
    ];
    const usage = new UsageTotal();
    let wroteContent = false;
    for (let round = 0; ; round++) {
      const last = round >= this.options.maxIterations;
      const offered = last ? [] : tools.offered;
      const body = upstreamBody(
        request,
        last && round > 0 ? [...messages, { role: 'user', content: LIMIT_NOTE }] : messages,
        offered,
        round === 0,
      );
      const chunks = await this.options.upstream.chat(body, signal);
      reply.begin();
      const turn = await relay(chunks, reply, wroteContent);
      wroteContent ||= turn.content !== '';
      usage.add(turn.usage);
      const calls = offered.length > 0 ? turn.toolCalls : [];
      if (calls.length === 0) {
        if (last && turn.toolCalls.length > 0 && turn.content === '') {
          reply.delta({
            content: `(Stopped: this request reached its limit of ${this.options.maxIterations} rounds of tool calls.)`,
          });
        }
        reply.finish(
          turn.finishReason && turn.finishReason !== 'tool_calls' ? turn.finishReason : 'stop',
          usage.value(),
        );
        return;
      }
      const clientCalls = calls.filter((call) => tools.isClientTool(call.function.name));
      if (clientCalls.length > 0) {
        reply.clientToolCalls(clientCalls);
        reply.finish('tool_calls', usage.value());
        return;
      }
      const outcomes = await this.options.runner.runAll(calls, job.principal, reply, signal);
      messages.push(
        { role: 'assistant', content: turn.content, tool_calls: calls },
        ...calls.map((call: ToolCall, i) => ({
          role: 'tool',
          tool_call_id: call.id,
          content: outcomes[i]?.text ?? '',
        })),
      );
    }
  }
}

/**
 * The upstream request: the client's body with every field it sent (temperature, custom parameters, …),
 * the loop's messages and tools, and always streaming with usage. No `tools: []` is ever sent (vLLM and
 * OpenAI reject it, reference §2.3), nor `tool_choice`/`parallel_tool_calls` without tools.
 */
export function upstreamBody(
  request: ChatRequest,
  messages: readonly ChatMessage[],
  tools: ToolSet['offered'],
  firstRound: boolean,
): Record<string, unknown> {
  const {
    n: _n,
    tools: _tools,
    tool_choice: toolChoice,
    parallel_tool_calls: parallel,
    stream_options: streamOptions,
    ...rest
  } = request.body;
  const options = typeof streamOptions === 'object' && streamOptions !== null ? streamOptions : {};
  return {
    ...rest,
    messages,
    stream: true,
    stream_options: { ...options, include_usage: true },
    ...(tools.length > 0 ? { tools } : {}),
    ...(tools.length > 0 && firstRound && toolChoice !== undefined ? { tool_choice: toolChoice } : {}),
    ...(tools.length > 0 && parallel !== undefined ? { parallel_tool_calls: parallel } : {}),
  };
}

/**
 * Streams one upstream answer to the client as it arrives. Text of a later round is set off from the
 * earlier rounds' text by a blank line, so "Let me check." and "The light is on." do not run together.
 */
async function relay(
  chunks: AsyncIterable<UpstreamChunk>,
  reply: Reply,
  separate: boolean,
): Promise<AssembledTurn> {
  const turn = new TurnAssembler();
  let pendingSeparator = separate;
  for await (const chunk of chunks) {
    const visible = turn.add(chunk);
    if (!visible) continue;
    if (pendingSeparator && typeof visible['content'] === 'string') {
      visible['content'] = `\n\n${visible['content']}`;
      pendingSeparator = false;
    }
    reply.delta(visible);
  }
  return turn.result();
}
