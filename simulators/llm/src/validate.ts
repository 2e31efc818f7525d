import { openAiError, type HttpFailure } from './openai-error.js';

/** The parts of a chat request the simulator acts on; everything else is recorded and ignored. */
export interface ChatRequest {
  model: string;
  stream: boolean;
  includeUsage: boolean;
  messageCount: number;
  /** Text of the last `user` message, for the default echo answer. */
  lastUserText: string;
}

type Json = Record<string, unknown>;

const ROLES = ['system', 'developer', 'user', 'assistant', 'tool', 'function'];
const TOOL_NAME = /^[a-zA-Z0-9_-]+$/;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalid(message: string, param: string | null, code: string | null = null): HttpFailure {
  return openAiError(400, message, { param, code });
}

function emptyArray(param: string): HttpFailure {
  return invalid(
    `Invalid '${param}': empty array. Expected an array with minimum length 1, but got an empty array instead.`,
    param,
    'empty_array',
  );
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part: unknown) => (isObject(part) && typeof part['text'] === 'string' ? part['text'] : ''))
    .join('');
}

function toolCallIds(message: Json): string[] | null {
  const calls = message['tool_calls'];
  if (!Array.isArray(calls) || calls.length === 0) return null;
  return calls.map((call: unknown) => (isObject(call) && typeof call['id'] === 'string' ? call['id'] : ''));
}

/**
 * OpenAI rejects a `tool` message that does not answer a preceding assistant `tool_calls`, and an
 * assistant `tool_calls` whose ids are not all answered before the next other message.
 */
function checkToolPairing(messages: readonly Json[]): HttpFailure | null {
  let open: { index: number; ids: Set<string> } | null = null;
  const unanswered = (): HttpFailure =>
    invalid(
      "An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. " +
        `The following tool_call_ids did not have response messages: ${[...(open?.ids ?? [])].join(', ')}`,
      `messages.[${open?.index ?? 0}].role`,
    );
  for (const [index, message] of messages.entries()) {
    if (message['role'] === 'tool') {
      const id = message['tool_call_id'];
      if (!open || typeof id !== 'string' || !open.ids.delete(id)) {
        return invalid(
          "Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.",
          `messages.[${index}].role`,
        );
      }
      continue;
    }
    if (open && open.ids.size > 0) return unanswered();
    const ids = message['role'] === 'assistant' ? toolCallIds(message) : null;
    open = ids ? { index, ids: new Set(ids) } : null;
  }
  return open && open.ids.size > 0 ? unanswered() : null;
}

function checkTools(tools: unknown): HttpFailure | null {
  if (tools === undefined || tools === null) return null;
  if (!Array.isArray(tools))
    return invalid("Invalid type for 'tools': expected an array.", 'tools', 'invalid_type');
  if (tools.length === 0) return emptyArray('tools');
  for (const [i, tool] of tools.entries()) {
    const fn: unknown = isObject(tool) ? tool['function'] : undefined;
    const name: unknown = isObject(fn) ? fn['name'] : undefined;
    const param = `tools[${i}].function.name`;
    if (!isObject(tool) || tool['type'] !== 'function' || typeof name !== 'string') {
      return invalid(`Missing required parameter: '${param}'.`, param, 'missing_required_parameter');
    }
    if (!TOOL_NAME.test(name)) {
      return invalid(
        `Invalid '${param}': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.`,
        param,
        'invalid_value',
      );
    }
    if (name.length > 64) {
      return invalid(
        `Invalid '${param}': string too long. Expected a string with maximum length 64, but got a string with length ${name.length} instead.`,
        param,
        'string_above_max_length',
      );
    }
  }
  return null;
}

function checkMessages(messages: unknown): HttpFailure | null {
  if (messages === undefined)
    return invalid("Missing required parameter: 'messages'.", 'messages', 'missing_required_parameter');
  if (!Array.isArray(messages))
    return invalid("Invalid type for 'messages': expected an array.", 'messages', 'invalid_type');
  if (messages.length === 0) return emptyArray('messages');
  for (const [i, message] of messages.entries()) {
    const role: unknown = isObject(message) ? message['role'] : undefined;
    if (typeof role !== 'string' || !ROLES.includes(role)) {
      return invalid(
        `Invalid value: '${String(role)}'. Supported values are: 'system', 'assistant', 'user', 'function', 'tool', and 'developer'.`,
        `messages[${i}].role`,
        'invalid_value',
      );
    }
  }
  return checkToolPairing(messages as Json[]);
}

/** Validate like OpenAI does (the checks a gateway bug would trip), returning the request or the 400. */
export function validateChatRequest(body: unknown): ChatRequest | HttpFailure {
  if (!isObject(body)) return invalid('We could not parse the JSON body of your request.', null);
  const model = body['model'];
  if (typeof model !== 'string' || model === '') return invalid('you must provide a model parameter', null);
  const failure = checkMessages(body['messages']) ?? checkTools(body['tools']);
  if (failure) return failure;
  const stream = body['stream'] === true;
  const options = body['stream_options'];
  if (options !== undefined && options !== null && !stream) {
    return invalid(
      "The 'stream_options' parameter is only allowed when 'stream' is enabled.",
      'stream_options',
    );
  }
  const messages = body['messages'] as Json[];
  const lastUser = messages.filter((m) => m['role'] === 'user').at(-1);
  return {
    model,
    stream,
    includeUsage: stream && isObject(options) && options['include_usage'] === true,
    messageCount: messages.length,
    lastUserText: lastUser ? textOf(lastUser['content']) : '',
  };
}

export function isFailure(value: ChatRequest | HttpFailure): value is HttpFailure {
  return 'body' in value;
}
