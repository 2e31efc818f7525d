/**
 * The parts of the OpenAI Chat Completions wire format this library reads or writes (reference §1).
 * Everything else a client sends is carried as plain JSON and forwarded untouched.
 */

/** A JSON object as decoded from a request or an upstream chunk, before anything is assumed about it. */
export type JsonObject = Readonly<Record<string, unknown>>;

/**
 * One message of `messages`. Only `role` is checked; `content` may be a string, content parts, `""` or
 * `null`, and any other field (`tool_calls`, `tool_call_id`, `name`, …) passes through.
 */
export interface ChatMessage {
  readonly role: string;
  readonly content?: unknown;
  readonly [field: string]: unknown;
}

/** An entry of `tools` as a client sent it: `{type: "function", function: {...}}` or another kind. */
export interface ClientTool {
  readonly type: string;
  readonly [field: string]: unknown;
}

/** A tool the gateway offers the upstream model: one catalog tool as an OpenAI function. */
export interface FunctionTool {
  readonly type: 'function';
  readonly function: {
    readonly name: string;
    readonly description: string;
    readonly parameters: object;
  };
}

/** A complete tool call, as it appears in an assistant message or a non-streamed response. */
export interface ToolCall {
  readonly id: string;
  readonly type: 'function';
  readonly function: { readonly name: string; readonly arguments: string };
}

/** Token counts of one response (summed over every upstream call of a tool loop). */
export interface Usage {
  readonly prompt_tokens: number;
  readonly completion_tokens: number;
  readonly total_tokens: number;
}

/** `finish_reason` of the last choice chunk; other values an upstream sends are relayed as they are. */
export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter' | 'function_call';

/** One entry of `GET /v1/models` (reference §1.1); `name` is non-standard but shown by Open WebUI. */
export interface OpenAiModel {
  readonly id: string;
  readonly object: 'model';
  readonly created: number;
  readonly owned_by: string;
  readonly name?: string;
  readonly [field: string]: unknown;
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
