import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setImmediate as nextTick } from 'node:timers/promises';
import {
  badJsonBody,
  badJsonEvents,
  completionBody,
  streamErrorEvents,
  streamEvents,
  type CompletionMeta,
} from './completions.js';
import { invalidApiKey, openAiError, type HttpFailure } from './openai-error.js';
import { resolveStep, stepDelay, type LlmStep, type Reply } from './steps.js';
import { isFailure, validateChatRequest, type ChatRequest } from './validate.js';

export interface LlmSimulatorOptions {
  port?: number;
  host?: string;
  /** When set, every `/v1` request must carry `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
  /** Ids served by `GET /v1/models` (default `['sim-model']`); chat requests may name any model. */
  models?: readonly string[];
}

/** A chat request body exactly as received (parsed JSON object). */
export type RecordedRequest = Readonly<Record<string, unknown>>;

export interface RunningLlmSimulator {
  /** Base URL including `/v1`, e.g. `http://127.0.0.1:PORT/v1`: what an OpenAI client takes as `baseURL`. */
  url: string;
  port: number;
  /** Append steps to the queue; each chat request takes the next one (an empty queue echoes). */
  script(steps: readonly LlmStep[]): void;
  /** Every well-formed JSON chat request body received since start or the last `reset()`, in order. */
  readonly requests: readonly RecordedRequest[];
  /** Steps still queued. */
  readonly pending: number;
  /** Empty the queue and the recorded requests, restart id counters. */
  reset(): void;
  close(): Promise<void>;
}

const MODEL_CREATED = 1767225600;
const MAX_BODY = 16 * 1024 * 1024;
const SSE_HEADERS = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-cache',
  'X-Accel-Buffering': 'no',
};

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function sendFailure(res: ServerResponse, failure: HttpFailure): void {
  sendJson(res, failure.status, failure.body);
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on('end', () => resolve(size > MAX_BODY ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** One write per SSE event, yielding in between so each tends to leave as its own TCP segment. */
async function writeEvents(res: ServerResponse, events: readonly string[]): Promise<void> {
  res.writeHead(200, SSE_HEADERS);
  for (const event of events) {
    if (res.destroyed) return;
    res.write(event);
    await nextTick();
  }
  res.end();
}

/** Start a scripted OpenAI-compatible LLM on `host:port` (port 0 picks a free one). */
export async function startLlmSimulator(opts: LlmSimulatorOptions = {}): Promise<RunningLlmSimulator> {
  const host = opts.host ?? '127.0.0.1';
  const models = opts.models ?? ['sim-model'];
  let queue: LlmStep[] = [];
  let requests: RecordedRequest[] = [];
  let completions = 0;
  let calls = 0;
  const timers = new Set<NodeJS.Timeout>();

  const meta = (request: ChatRequest): CompletionMeta => ({
    id: `chatcmpl-sim${String(++completions).padStart(20, '0')}`,
    created: Math.floor(Date.now() / 1000),
    model: request.model,
    promptTokens: 10 * request.messageCount,
  });
  const nextCallId = (): string => `call_sim${String(++calls).padStart(16, '0')}`;

  function respond(res: ServerResponse, request: ChatRequest, reply: Reply): void {
    switch (reply.kind) {
      case 'hang':
        return;
      case 'error': {
        const { status, message, ...extra } = reply.error;
        return sendFailure(res, openAiError(status, message, extra));
      }
      case 'streamError':
        if (!request.stream) return sendFailure(res, openAiError(500, reply.message));
        return void writeEvents(res, streamErrorEvents(meta(request), reply.text, reply.message));
      case 'badJson':
        if (!request.stream) {
          res.writeHead(200, { 'Content-Type': 'application/json' });
          return void res.end(badJsonBody(meta(request)));
        }
        return void writeEvents(res, badJsonEvents(meta(request)));
      case 'answer':
        if (!request.stream)
          return sendJson(res, 200, completionBody(meta(request), reply.text, reply.toolCalls));
        return void writeEvents(
          res,
          streamEvents(meta(request), reply.text, reply.toolCalls, request.includeUsage),
        );
    }
  }

  async function chat(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const text = await readBody(req);
    if (text === null) return sendFailure(res, openAiError(413, 'Request body too large.'));
    const parsed = parseJson(text);
    if (!parsed.ok)
      return sendFailure(res, openAiError(400, 'We could not parse the JSON body of your request.'));
    const body = parsed.value;
    if (typeof body === 'object' && body !== null && !Array.isArray(body))
      requests.push(body as RecordedRequest);
    const request = validateChatRequest(body);
    if (isFailure(request)) return sendFailure(res, request);
    const step = queue.shift() ?? { delayMs: 0 };
    const reply = resolveStep(step, `You said: ${request.lastUserText}`, nextCallId);
    const delay = stepDelay(step);
    if (delay === 0) return respond(res, request, reply);
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!res.destroyed) respond(res, request, reply);
    }, delay);
    timers.add(timer);
  }

  function route(req: IncomingMessage, res: ServerResponse): Promise<void> | void {
    const method = req.method ?? 'GET';
    const path = new URL(req.url ?? '/', 'http://localhost').pathname.replace(/\/+$/, '');
    const known = path === '/v1/models' || path.startsWith('/v1/models/') || path === '/v1/chat/completions';
    if (known && opts.apiKey !== undefined && req.headers.authorization !== `Bearer ${opts.apiKey}`) {
      return sendFailure(res, invalidApiKey());
    }
    if (method === 'GET' && path === '/v1/models') {
      const data = models.map((id) => ({
        id,
        object: 'model',
        created: MODEL_CREATED,
        owned_by: 'llm-simulator',
      }));
      return sendJson(res, 200, { object: 'list', data });
    }
    if (method === 'GET' && path.startsWith('/v1/models/')) {
      const id = decodeURIComponent(path.slice('/v1/models/'.length));
      if (!models.includes(id)) {
        return sendFailure(
          res,
          openAiError(404, `The model '${id}' does not exist or you do not have access to it.`, {
            code: 'model_not_found',
          }),
        );
      }
      return sendJson(res, 200, { id, object: 'model', created: MODEL_CREATED, owned_by: 'llm-simulator' });
    }
    if (method === 'POST' && path === '/v1/chat/completions') return chat(req, res);
    return sendFailure(res, openAiError(404, `Invalid URL (${method} ${path})`));
  }

  const server = createServer((req, res) => {
    Promise.resolve(route(req, res)).catch((error: unknown) => {
      if (!res.headersSent) sendFailure(res, openAiError(500, `Simulator failure: ${String(error)}`));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}/v1`,
    port,
    script: (steps) => {
      queue.push(...steps);
    },
    get requests() {
      return requests;
    },
    get pending() {
      return queue.length;
    },
    reset: () => {
      queue = [];
      requests = [];
      completions = 0;
      calls = 0;
    },
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
