import { Pool, type Dispatcher } from 'undici';
import { isJsonObject, type JsonObject, type OpenAiModel } from './openai-types.js';
import { SseTooLargeError, sseData } from './sse-parser.js';
import {
  malformedUpstream,
  upstreamHttpError,
  upstreamStreamError,
  upstreamTransportError,
} from './upstream-errors.js';

/** Where the upstream OpenAI-compatible LLM server is (OpenAI, vLLM, llama.cpp, Ollama, LiteLLM, …). */
export interface UpstreamConfig {
  /** Base URL including the API prefix, e.g. `http://ollama:11434/v1`; `/chat/completions` is appended. */
  readonly baseUrl: string;
  /** Sent as `Authorization: Bearer <apiKey>`; omitted when absent (a local server needs none). */
  readonly apiKey?: string;
  /**
   * How long the upstream may stay silent: before its response headers, and between two pieces of a
   * streamed answer. Not a total: a long answer that keeps streaming is never cut off.
   */
  readonly timeoutMs: number;
}

/** One chunk of a streamed upstream answer, as decoded JSON; the tool loop reads it defensively. */
export type UpstreamChunk = JsonObject;

/** `GET /models` answers within this, whatever `timeoutMs` says: Open WebUI gives up after 10 s. */
const MODEL_LIST_TIMEOUT_MS = 8_000;
/** An error body is read up to this size for its message. */
const MAX_ERROR_BODY = 64 * 1024;
/** A single upstream event larger than this is not a chat chunk. */
const MAX_EVENT_CHARS = 8 * 1024 * 1024;

/**
 * A keep-alive client for the upstream LLM server. Its failures are `ChatError`s already mapped to the
 * status the gateway answers with (see `upstreamHttpError`); an aborted call rejects with the signal's
 * reason, which the caller recognises by its own `signal.aborted`.
 */
export class UpstreamLlm {
  private readonly pool: Pool;
  private readonly basePath: string;

  constructor(private readonly config: UpstreamConfig) {
    const url = new URL(config.baseUrl);
    this.pool = new Pool(url.origin, {
      connections: 64,
      keepAliveTimeout: 30_000,
      connect: { timeout: Math.min(config.timeoutMs, 10_000) },
    });
    this.basePath = url.pathname.replace(/\/+$/, '');
  }

  /** `GET {baseUrl}/models`: its `data` (or a bare array), entries without an `id` dropped. */
  async listModels(signal?: AbortSignal): Promise<OpenAiModel[]> {
    const timeoutMs = Math.min(this.config.timeoutMs, MODEL_LIST_TIMEOUT_MS);
    const res = await this.send('GET', '/models', undefined, timeoutMs, signal);
    const text = await this.readBody(res, Number.POSITIVE_INFINITY, timeoutMs, signal);
    if (res.statusCode !== 200) throw upstreamHttpError(res.statusCode, text);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw malformedUpstream('a model list that is not JSON');
    }
    const data = Array.isArray(parsed) ? parsed : isJsonObject(parsed) ? parsed['data'] : undefined;
    if (!Array.isArray(data)) throw malformedUpstream('a model list without `data`');
    return data.flatMap((entry): OpenAiModel[] => {
      if (!isJsonObject(entry)) return [];
      const id = typeof entry['id'] === 'string' && entry['id'] ? entry['id'] : entry['name'];
      if (typeof id !== 'string' || !id) return [];
      return [
        {
          ...entry,
          id,
          object: 'model',
          created: typeof entry['created'] === 'number' ? entry['created'] : 0,
          owned_by: typeof entry['owned_by'] === 'string' ? entry['owned_by'] : 'upstream',
        },
      ];
    });
  }

  /**
   * `POST {baseUrl}/chat/completions` with `body` (which should ask for `stream: true`): resolves once
   * the upstream has answered 2xx, with its chunks in order. A 2xx JSON answer (a server that ignored
   * `stream`) is turned into one equivalent chunk. Errors before the answer, inside the stream or in
   * its transport are `ChatError`s.
   */
  async chat(body: object, signal: AbortSignal): Promise<AsyncIterable<UpstreamChunk>> {
    const res = await this.send(
      'POST',
      '/chat/completions',
      JSON.stringify(body),
      this.config.timeoutMs,
      signal,
    );
    if (res.statusCode < 200 || res.statusCode > 299) {
      throw upstreamHttpError(
        res.statusCode,
        await this.readBody(res, MAX_ERROR_BODY, this.config.timeoutMs, signal),
      );
    }
    const type = String(res.headers['content-type'] ?? '');
    if (!type.includes('text/event-stream')) {
      const text = await this.readBody(res, Number.POSITIVE_INFINITY, this.config.timeoutMs, signal);
      return single(completionAsChunk(text));
    }
    return this.chunks(res.body, signal);
  }

  close(): Promise<void> {
    return this.pool.close();
  }

  private async *chunks(
    body: Dispatcher.ResponseData['body'],
    signal: AbortSignal,
  ): AsyncGenerator<UpstreamChunk> {
    let complete = false;
    try {
      for await (const data of sseData(body, MAX_EVENT_CHARS)) {
        if (data.trim() === '[DONE]') break;
        let chunk: unknown;
        try {
          chunk = JSON.parse(data);
        } catch {
          throw malformedUpstream('a stream event that is not JSON');
        }
        if (!isJsonObject(chunk)) throw malformedUpstream('a stream event that is not a JSON object');
        if (chunk['error'] !== undefined && chunk['error'] !== null)
          throw upstreamStreamError(chunk['error']);
        yield chunk;
      }
      complete = true;
    } catch (error) {
      if (signal.aborted) throw error;
      if (error instanceof SseTooLargeError)
        throw malformedUpstream(`an event over ${error.limit} characters`);
      throw upstreamTransportError(error, this.config.timeoutMs, 'stream');
    } finally {
      // After `[DONE]` read what little is left so the connection can be reused; otherwise (a failure,
      // or the caller stopped early) drop it rather than leave it half-read.
      if (complete) body.dump({ limit: 64 * 1024 }).catch(() => undefined);
      else if (!body.destroyed) body.destroy();
    }
  }

  private async send(
    method: 'GET' | 'POST',
    path: string,
    body: string | undefined,
    timeoutMs: number,
    signal: AbortSignal | undefined,
  ): Promise<Dispatcher.ResponseData> {
    const headers: Record<string, string> = {
      accept: body === undefined ? 'application/json' : 'text/event-stream, application/json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(this.config.apiKey ? { authorization: `Bearer ${this.config.apiKey}` } : {}),
    };
    try {
      return await this.pool.request({
        method,
        path: this.basePath + path,
        headers,
        body,
        signal,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
    } catch (error) {
      if (signal?.aborted) throw error;
      throw upstreamTransportError(error, timeoutMs, 'connect');
    }
  }

  private async readBody(
    res: Dispatcher.ResponseData,
    limit: number,
    timeoutMs: number,
    signal: AbortSignal | undefined,
  ): Promise<string> {
    const decoder = new TextDecoder();
    let text = '';
    try {
      for await (const bytes of res.body) {
        text += decoder.decode(bytes as Uint8Array, { stream: true });
        if (text.length >= limit) break;
      }
      return text + decoder.decode();
    } catch (error) {
      if (signal?.aborted) throw error;
      throw upstreamTransportError(error, timeoutMs, 'stream');
    } finally {
      if (!res.body.destroyed) res.body.destroy();
    }
  }
}

// eslint-disable-next-line @typescript-eslint/require-await -- an async iterable of one ready value
async function* single(chunk: UpstreamChunk): AsyncGenerator<UpstreamChunk> {
  yield chunk;
}

/** A whole `chat.completion` as the single chunk a stream of it would add up to. */
function completionAsChunk(text: string): UpstreamChunk {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw malformedUpstream('an answer that is neither an event stream nor JSON');
  }
  if (!isJsonObject(parsed)) throw malformedUpstream('an answer that is not a JSON object');
  if (parsed['error'] !== undefined && parsed['error'] !== null) throw upstreamStreamError(parsed['error']);
  const choices = Array.isArray(parsed['choices']) ? parsed['choices'] : [];
  return {
    usage: parsed['usage'],
    choices: choices.map((choice: unknown) =>
      isJsonObject(choice)
        ? { index: choice['index'], delta: choice['message'], finish_reason: choice['finish_reason'] }
        : {},
    ),
  };
}
