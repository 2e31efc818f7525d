// Reads a chat-completions SSE body the way Open WebUI's `stream_body_handler` does, and fails on
// anything that would break or silently degrade it there. Reference:
// /work/shared/reference/openai-and-openwebui.md §2.4 (line handling), §2.6 (errors), §2.9
// (framing), §2.10 (status events).
import { TextDecoder } from 'node:util';

type JsonObject = Record<string, unknown>;

/** A tool call as Open WebUI accumulates it: fragments merged by `index`, `arguments` concatenated. */
export interface OpenWebUiToolCall {
  index: number;
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

/** An `error` from a chunk (or a bare JSON line), reduced to what OWUI's error renderer shows. */
export interface OpenWebUiStreamErrorObject {
  message: string;
  type?: unknown;
  code?: unknown;
  param?: unknown;
}

export interface OpenWebUiUsage {
  prompt_tokens?: number;
  completion_tokens?: number;
  total_tokens?: number;
  [key: string]: unknown;
}

export interface OpenWebUiStreamRead {
  /** `choices[0].delta.content`, concatenated. */
  content: string;
  /** `delta.reasoning_content`, `delta.reasoning` and `delta.thinking`, concatenated. */
  reasoning: string;
  toolCalls: OpenWebUiToolCall[];
  /** The one usage object of the stream, or null if none was sent. */
  usage: OpenWebUiUsage | null;
  errors: OpenWebUiStreamErrorObject[];
  /** The last non-null `choices[0].finish_reason` (OWUI itself does not read it). */
  finishReason: string | null;
  /** Every parsed `data:` object, in order. */
  chunks: JsonObject[];
  /** The `event` payloads OWUI forwards to its event emitter, e.g. `{type:'status', data:{…}}`. */
  events: JsonObject[];
}

export interface ReadOpenWebUiStreamOptions {
  /**
   * Every line must be shorter than this many bytes. Default 64 KiB: the gateway's rule; aiohttp as
   * pinned by OWUI aborts the whole stream on a line over 128 KiB (OWUI#17626).
   */
  lineLimitBytes?: number;
  /** How long to wait for the connection to close after `data: [DONE]` (default 2000 ms). */
  closeTimeoutMs?: number;
}

/** The stream breaks a rule Open WebUI depends on. */
export class OpenWebUiFramingError extends Error {
  override readonly name = 'OpenWebUiFramingError';
}

interface ByteSource {
  next(): Promise<IteratorResult<Uint8Array>>;
  cancel(): void;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function preview(text: string): string {
  return text.length > 120 ? `${text.slice(0, 120)}…` : text;
}

/** Structural, so a Response from the `undici` package works as well as the global one. */
function isResponse(input: Response | AsyncIterable<Uint8Array>): input is Response {
  return 'headers' in input && 'status' in input && 'body' in input;
}

async function sourceOf(input: Response | AsyncIterable<Uint8Array>): Promise<ByteSource> {
  if (!isResponse(input)) {
    const iterator = input[Symbol.asyncIterator]();
    return { next: () => iterator.next(), cancel: () => void iterator.return?.()?.catch(() => undefined) };
  }
  const type = input.headers.get('content-type') ?? '';
  // OWUI detects a stream by Content-Type only; anything else is read as one JSON body (§2.4).
  if (!input.ok || !type.includes('text/event-stream')) {
    const body = await input.text().catch(() => '');
    throw new OpenWebUiFramingError(
      `HTTP ${input.status} (${type || 'no Content-Type'}) is not an event stream: ${preview(body)}`,
    );
  }
  if (!input.body)
    throw new OpenWebUiFramingError(`HTTP ${input.status} text/event-stream response without a body`);
  const reader = input.body.getReader();
  return {
    next: async () => {
      const r = await reader.read();
      const value: unknown = r.value;
      if (r.done) return { done: true, value: undefined };
      if (!(value instanceof Uint8Array))
        throw new OpenWebUiFramingError('the response body yielded a non-byte chunk');
      return { done: false, value };
    },
    cancel: () => void reader.cancel().catch(() => undefined),
  };
}

function readError(value: unknown, where: string): OpenWebUiStreamErrorObject {
  if (typeof value === 'string') return { message: value };
  if (isObject(value) && typeof value['message'] === 'string') {
    const { message, type, code, param } = value;
    return { message, type, code, param };
  }
  // OWUI's Error.svelte falls back to "[object Object]" or raw JSON (OWUI#27237, PR OWUI#28260).
  throw new OpenWebUiFramingError(
    `${where}: error without a readable message string: ${preview(JSON.stringify(value))}`,
  );
}

/** Accumulates parsed chunks like `stream_body_handler`, step 4 of §2.4. */
class Accumulator {
  readonly read: OpenWebUiStreamRead = {
    content: '',
    reasoning: '',
    toolCalls: [],
    usage: null,
    errors: [],
    finishReason: null,
    chunks: [],
    events: [],
  };
  private readonly calls = new Map<number, { id: string; type: string; name: string; arguments: string }>();
  private usageAt: string | null = null;

  chunk(chunk: JsonObject, where: string): void {
    this.read.chunks.push(chunk);
    if (chunk['event'] !== undefined) {
      const event = chunk['event'];
      if (!isObject(event) || typeof event['type'] !== 'string') {
        throw new OpenWebUiFramingError(`${where}: "event" must be an object with a string "type"`);
      }
      this.read.events.push(event);
    }
    const usage = chunk['usage'];
    if (isObject(usage) && Object.keys(usage).length > 0) {
      // OWUI sums every usage it sees (utils/response.py merge_usage): report it once per response.
      if (this.usageAt)
        throw new OpenWebUiFramingError(
          `${where}: usage sent again (first at ${this.usageAt}); OWUI adds them up`,
        );
      this.usageAt = where;
      this.read.usage = usage;
    }
    if (chunk['error'] !== undefined && chunk['error'] !== null)
      this.read.errors.push(readError(chunk['error'], where));
    const choices = chunk['choices'];
    if (!Array.isArray(choices) || choices.length === 0) return;
    const choice: unknown = choices[0];
    if (!isObject(choice)) throw new OpenWebUiFramingError(`${where}: choices[0] is not an object`);
    if (typeof choice['finish_reason'] === 'string') this.read.finishReason = choice['finish_reason'];
    const delta = choice['delta'];
    if (delta === undefined || delta === null) return;
    if (!isObject(delta)) throw new OpenWebUiFramingError(`${where}: choices[0].delta is not an object`);
    this.read.content += this.text(delta, 'content', where);
    for (const key of ['reasoning_content', 'reasoning', 'thinking'])
      this.read.reasoning += this.text(delta, key, where);
    const toolCalls = delta['tool_calls'];
    if (toolCalls === undefined || toolCalls === null) return;
    if (!Array.isArray(toolCalls))
      throw new OpenWebUiFramingError(`${where}: delta.tool_calls is not an array`);
    for (const fragment of toolCalls) this.toolCall(fragment, where);
  }

  private text(delta: JsonObject, key: string, where: string): string {
    const value = delta[key];
    if (value === undefined || value === null) return '';
    if (typeof value !== 'string') throw new OpenWebUiFramingError(`${where}: delta.${key} is not a string`);
    return value;
  }

  private toolCall(fragment: unknown, where: string): void {
    const index = isObject(fragment) ? fragment['index'] : undefined;
    if (!isObject(fragment) || typeof index !== 'number' || !Number.isInteger(index) || index < 0) {
      // OWUI silently drops fragments without an index: a blank reply (§6, OWUI#28492).
      throw new OpenWebUiFramingError(
        `${where}: tool call fragment without an integer "index": ${preview(JSON.stringify(fragment))}`,
      );
    }
    const call = this.calls.get(index) ?? { id: '', type: '', name: '', arguments: '' };
    this.calls.set(index, call);
    if (typeof fragment['id'] === 'string' && fragment['id'] !== '') call.id = fragment['id'];
    if (typeof fragment['type'] === 'string' && fragment['type'] !== '') call.type = fragment['type'];
    const fn = fragment['function'];
    if (!isObject(fn)) return;
    if (typeof fn['name'] === 'string' && fn['name'] !== '') call.name = fn['name'];
    const args = fn['arguments'];
    if (args !== undefined && args !== null)
      call.arguments += typeof args === 'string' ? args : JSON.stringify(args);
  }

  finish(): OpenWebUiStreamRead {
    for (const [index, call] of [...this.calls.entries()].sort(([a], [b]) => a - b)) {
      if (call.id === '' || call.name === '' || call.type !== 'function') {
        throw new OpenWebUiFramingError(
          `tool call ${index} is incomplete (id "${call.id}", type "${call.type}", name "${call.name}"): ` +
            'its first fragment must carry id, type "function" and function.name',
        );
      }
      this.read.toolCalls.push({
        index,
        id: call.id,
        type: 'function',
        function: { name: call.name, arguments: call.arguments },
      });
    }
    return this.read;
  }
}

/** One line of the body, step 2–3 of §2.4. Returns true at `data: [DONE]`. */
function handleLine(line: string, where: string, acc: Accumulator): boolean {
  if (line === '' || line.startsWith(':')) return false;
  if (line.startsWith('data:')) {
    const payload = line.slice(5).trim();
    if (payload === '[DONE]') return true;
    let parsed: unknown;
    try {
      parsed = JSON.parse(payload);
    } catch {
      throw new OpenWebUiFramingError(`${where}: data is not a complete JSON object: ${preview(payload)}`);
    }
    if (!isObject(parsed))
      throw new OpenWebUiFramingError(`${where}: data is JSON but not an object: ${preview(payload)}`);
    acc.chunk(parsed, where);
    return false;
  }
  if (/^(event|id|retry)(:|$)/.test(line)) return false;
  // OWUI surfaces a bare JSON line carrying `error` (§2.6); anything else is a broken line.
  try {
    const parsed: unknown = JSON.parse(line);
    if (isObject(parsed) && parsed['error'] !== undefined) {
      acc.read.errors.push(readError(parsed['error'], where));
      return false;
    }
  } catch {
    // fall through
  }
  throw new OpenWebUiFramingError(
    `${where}: not a data:, comment or SSE field line (a split event?): ${preview(line)}`,
  );
}

async function nextWithin(source: ByteSource, ms: number): Promise<IteratorResult<Uint8Array> | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  try {
    return await Promise.race([source.next(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function decodeLine(bytes: Buffer, where: string, limit: number, decoder: TextDecoder): string {
  if (bytes.length >= limit) {
    throw new OpenWebUiFramingError(`${where} is ${bytes.length} bytes; lines must stay under ${limit}`);
  }
  try {
    return decoder.decode(bytes).trim();
  } catch {
    throw new OpenWebUiFramingError(`${where} is not valid UTF-8`);
  }
}

/**
 * Consume a `POST /v1/chat/completions` streaming body exactly as Open WebUI does (line by line,
 * `data:` JSON per line, comments and SSE fields ignored, `[DONE]`, EOF) and return what it would
 * show. Throws {@link OpenWebUiFramingError} on anything it would choke on: a non-2xx or non-SSE
 * response, a `data:` line that is not a whole JSON object, a line at or over the limit, invalid
 * UTF-8, a tool call fragment without `index`, usage sent twice, an error without a message, no
 * `[DONE]`, or bytes or an open connection after it.
 */
export async function readOpenWebUiStream(
  input: Response | AsyncIterable<Uint8Array>,
  options: ReadOpenWebUiStreamOptions = {},
): Promise<OpenWebUiStreamRead> {
  const limit = options.lineLimitBytes ?? 64 * 1024;
  const closeTimeoutMs = options.closeTimeoutMs ?? 2000;
  const source = await sourceOf(input);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const acc = new Accumulator();
  let pending: Buffer = Buffer.alloc(0);
  let lineNo = 0;
  let doneAt: string | null = null;
  let ended = false;
  try {
    while (!ended) {
      const next = doneAt ? await nextWithin(source, closeTimeoutMs) : await source.next();
      if (next === 'timeout') {
        throw new OpenWebUiFramingError(
          `the connection stayed open ${closeTimeoutMs} ms after [DONE] (${doneAt}); OWUI ends a stream only at EOF`,
        );
      }
      ended = next.done === true;
      if (next.done) break;
      pending = Buffer.concat([pending, next.value]);
      for (let nl = pending.indexOf(0x0a); nl !== -1; nl = pending.indexOf(0x0a)) {
        const where = `line ${++lineNo}`;
        const line = decodeLine(pending.subarray(0, nl), where, limit, decoder);
        pending = pending.subarray(nl + 1);
        if (doneAt && line !== '') {
          throw new OpenWebUiFramingError(`${where} comes after [DONE] (${doneAt}): ${preview(line)}`);
        }
        if (handleLine(line, where, acc)) doneAt = where;
      }
      if (pending.length >= limit) {
        throw new OpenWebUiFramingError(`line ${lineNo + 1} exceeds ${limit} bytes without a newline`);
      }
    }
  } finally {
    if (!ended) source.cancel();
  }
  if (pending.length > 0) {
    const tail = preview(pending.toString('utf8'));
    throw new OpenWebUiFramingError(`the stream ended inside a line (no trailing newline): ${tail}`);
  }
  if (!doneAt) throw new OpenWebUiFramingError('the stream ended without data: [DONE]');
  return acc.finish();
}
