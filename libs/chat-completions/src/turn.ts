import { randomBytes } from 'node:crypto';
import { isJsonObject, type JsonObject, type ToolCall, type Usage } from './openai-types.js';
import { readUsage } from './usage.js';
import type { UpstreamChunk } from './upstream-llm.js';

/** What one upstream call added up to. */
export interface AssembledTurn {
  readonly content: string;
  /** Complete tool calls in `index` order, each with an id and (at least `{}`) arguments. */
  readonly toolCalls: readonly ToolCall[];
  readonly finishReason: string | undefined;
  readonly usage: Usage | undefined;
}

interface PartialCall {
  id: string;
  name: string;
  arguments: string;
}

/**
 * Adds up the chunks of one streamed upstream answer (reference §1.4): text, `finish_reason`, usage, and
 * tool calls assembled by `index` — `id` and `name` from whichever fragment carries them, `arguments`
 * concatenated. Only choice 0 is read (the gateway answers with one choice).
 */
export class TurnAssembler {
  private content = '';
  private readonly calls = new Map<number, PartialCall>();
  private finishReason: string | undefined;
  private usage: Usage | undefined;

  /**
   * Takes one chunk and returns the part of its delta the client may see as it comes — everything but
   * `role` and `tool_calls` (`content`, `reasoning_content`, `refusal`, annotations, …) — or `undefined`
   * when there is none.
   */
  add(chunk: UpstreamChunk): Record<string, unknown> | undefined {
    // Servers differ: usage on a last `choices: []` chunk, on the finish chunk, or on every chunk as a
    // running count. The last one seen is the answer's.
    this.usage = readUsage(chunk['usage']) ?? this.usage;
    const choices = Array.isArray(chunk['choices']) ? (chunk['choices'] as unknown[]) : [];
    const choice = choices.find((c) => isJsonObject(c) && (c['index'] ?? 0) === 0);
    if (!isJsonObject(choice)) return undefined;
    if (typeof choice['finish_reason'] === 'string') this.finishReason = choice['finish_reason'];
    const delta = choice['delta'];
    if (!isJsonObject(delta)) return undefined;
    const visible: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(delta)) {
      if (key === 'role') continue;
      if (key === 'tool_calls') {
        if (Array.isArray(value)) value.forEach((fragment: unknown, i) => this.addFragment(fragment, i));
        continue;
      }
      if (value === null || value === undefined || value === '') continue;
      if (key === 'content' && typeof value === 'string') this.content += value;
      visible[key] = value;
    }
    return Object.keys(visible).length > 0 ? visible : undefined;
  }

  result(): AssembledTurn {
    const toolCalls = [...this.calls.entries()]
      .sort(([a], [b]) => a - b)
      .map(([, call]): ToolCall => ({
        id: call.id || `call_${randomBytes(12).toString('base64url')}`,
        type: 'function',
        function: { name: call.name, arguments: call.arguments.trim() === '' ? '{}' : call.arguments },
      }));
    return { content: this.content, toolCalls, finishReason: this.finishReason, usage: this.usage };
  }

  private addFragment(fragment: unknown, position: number): void {
    if (!isJsonObject(fragment)) return;
    // `index` is required (§1.4), but some servers leave it out (Gemini, OWUI#28492): fall back to the
    // fragment's position, which is right for servers that send each call whole.
    const index = typeof fragment['index'] === 'number' ? fragment['index'] : position;
    let call = this.calls.get(index);
    if (!call) {
      call = { id: '', name: '', arguments: '' };
      this.calls.set(index, call);
    }
    if (typeof fragment['id'] === 'string' && fragment['id'] && !call.id) call.id = fragment['id'];
    const fn: JsonObject = isJsonObject(fragment['function']) ? fragment['function'] : {};
    if (typeof fn['name'] === 'string' && fn['name']) call.name = fn['name'];
    const args = fn['arguments'];
    if (typeof args === 'string') call.arguments += args;
    else if (isJsonObject(args)) call.arguments = JSON.stringify(args);
  }
}
