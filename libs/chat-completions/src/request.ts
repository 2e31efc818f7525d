import { TOOL_NAME_PATTERN } from '@mcp-gateway/contracts';
import { ChatError } from './errors.js';
import { isJsonObject, type ChatMessage, type ClientTool, type JsonObject } from './openai-types.js';

/** A `POST /v1/chat/completions` body, checked only where the gateway reads it. */
export interface ChatRequest {
  /** The body as sent; every field the gateway does not own is forwarded upstream unchanged. */
  readonly body: JsonObject;
  readonly model: string;
  readonly messages: readonly ChatMessage[];
  readonly stream: boolean;
  /** `stream_options.include_usage`: one usage chunk (with `choices: []`) before `[DONE]`. */
  readonly includeUsage: boolean;
  /** The client's own tools; `[]` when absent or empty (`tools: []` means none, reference §2.3). */
  readonly tools: readonly ClientTool[];
}

const NAME = new RegExp(TOOL_NAME_PATTERN);
const MAX_MODEL_LENGTH = 256;

/**
 * Checks what the gateway relies on — `model`, `messages`, `stream`, `stream_options`, `tools` — and
 * nothing else: clients send many other fields (Open WebUI copies any custom parameter verbatim,
 * reference §2.3), and a 400 on one of them would break them. Throws a 400 `ChatError` worded like
 * OpenAI's own validation errors.
 */
export function parseChatRequest(body: unknown): ChatRequest {
  if (!isJsonObject(body)) throw invalid('The request body must be a JSON object.');
  const model = body['model'];
  if (typeof model !== 'string' || model === '') throw invalid('You must provide a model parameter.');
  // Model ids are short; a long one would only be echoed back in the 404.
  if (model.length > MAX_MODEL_LENGTH) {
    throw invalid(
      `Invalid 'model': string too long. Expected a string with maximum length ${MAX_MODEL_LENGTH}.`,
    );
  }
  const messages = body['messages'];
  if (!Array.isArray(messages) || messages.length === 0) {
    throw invalid("Invalid 'messages': expected a non-empty array of messages.");
  }
  messages.forEach((message, i) => {
    if (!isJsonObject(message) || typeof message['role'] !== 'string') {
      throw invalid(`Invalid 'messages[${i}]': expected an object with a string 'role'.`);
    }
  });
  const stream = body['stream'] ?? false;
  if (typeof stream !== 'boolean') throw invalid("Invalid 'stream': expected a boolean.");
  const options = body['stream_options'] ?? {};
  if (!isJsonObject(options)) throw invalid("Invalid 'stream_options': expected an object.");
  return {
    body,
    model,
    messages: messages as ChatMessage[],
    stream,
    includeUsage: stream && options['include_usage'] === true,
    tools: parseTools(body['tools'] ?? []),
  };
}

function parseTools(tools: unknown): ClientTool[] {
  if (!Array.isArray(tools)) throw invalid("Invalid 'tools': expected an array.");
  return tools.map((tool, i): ClientTool => {
    if (!isJsonObject(tool) || typeof tool['type'] !== 'string') {
      throw invalid(`Invalid 'tools[${i}]': expected an object with a string 'type'.`);
    }
    if (tool['type'] !== 'function') return tool as ClientTool;
    const fn = tool['function'];
    if (!isJsonObject(fn) || typeof fn['name'] !== 'string') {
      throw invalid(`Invalid 'tools[${i}].function': expected an object with a string 'name'.`);
    }
    // OpenAI's wording, so clients that already handle OpenAI's 400 show something familiar (§1.2).
    if (fn['name'].length > 64) {
      throw invalid(
        `Invalid 'tools[${i}].function.name': string too long. Expected a string with maximum length 64.`,
      );
    }
    if (!NAME.test(fn['name'])) {
      throw invalid(
        `Invalid 'tools[${i}].function.name': string does not match pattern. ` +
          `Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.`,
      );
    }
    return tool as ClientTool;
  });
}

/** The text of a message's `content`: a string, or the `text` of its content parts; `""` otherwise. */
export function messageText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part) => (isJsonObject(part) && typeof part['text'] === 'string' ? part['text'] : ''))
    .join('');
}

/** The text of the last `user` message, or `undefined` when the conversation does not end with one. */
export function lastUserText(messages: readonly ChatMessage[]): string | undefined {
  const last = messages[messages.length - 1];
  return last?.role === 'user' ? messageText(last.content) : undefined;
}

function invalid(message: string): ChatError {
  return new ChatError(400, message, 'invalid_request_error', 'invalid_value');
}
