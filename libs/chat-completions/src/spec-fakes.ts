// Test-only fakes for the chat-completions specs: a scripted upstream LLM server, a catalog and an
// invoker, and a tiny HTTP server that answers with `ChatCompletions.handle` so tests use real sockets.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CatalogTool, InvokeOptions } from '@mcp-gateway/catalog';
import { compileSchema, type ToolDescriptor, type ToolResult } from '@mcp-gateway/contracts';
import { ChatCompletions, type ChatCompletionsOptions } from './chat-completions.js';
import type { ToolCall, Usage } from './openai-types.js';
import type { ChatPrincipal } from './principal.js';
import { UpstreamLlm } from './upstream-llm.js';

// ------------------------------------------------------------------------------------ upstream

/** What the fake upstream does for one request. */
export type Scripted =
  | { readonly sse: readonly (object | string)[]; readonly gapMs?: number; readonly cut?: boolean }
  | { readonly status: number; readonly json: unknown }
  | { readonly status: number; readonly html: string }
  | { readonly hang: true };

/** A message of an upstream request, as the tests read it. */
export interface SentMessage {
  readonly role: string;
  readonly content?: unknown;
  readonly tool_calls?: readonly ToolCall[];
  readonly tool_call_id?: string;
}

/** An upstream request body, as the tests read it. */
export interface SentBody {
  readonly model: string;
  readonly messages: readonly SentMessage[];
  readonly stream?: boolean;
  readonly tools?: readonly {
    type: string;
    function: { name: string; description?: string; parameters?: unknown };
  }[];
  readonly [field: string]: unknown;
}

export interface RecordedRequest {
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: SentBody;
  /** Resolves when the client closed the connection before the answer ended. */
  readonly aborted: Promise<void>;
}

export interface FakeUpstream {
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** Answers to come, in order; when empty, a plain "ok" answer. */
  readonly script: Scripted[];
  close(): Promise<void>;
}

export async function startFakeUpstream(script: Scripted[] = []): Promise<FakeUpstream> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    void (async () => {
      let text = '';
      for await (const chunk of req) text += String(chunk);
      let aborted!: () => void;
      const abortedPromise = new Promise<void>((resolve) => (aborted = resolve));
      res.on('close', () => {
        if (!res.writableFinished) aborted();
      });
      const body = text ? JSON.parse(text) : {};
      requests.push({ path: req.url ?? '', headers: req.headers, body, aborted: abortedPromise });
      await answer(script.shift() ?? { sse: [...textChunks('ok'), finishChunk('stop')] }, res);
    })();
  });
  await listen(server);
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    requests,
    script,
    close: () => close(server),
  };
}

async function answer(step: Scripted, res: ServerResponse): Promise<void> {
  if ('hang' in step) {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write(': waiting\n\n');
    return;
  }
  if ('html' in step) {
    res.writeHead(step.status, { 'content-type': 'text/html' });
    res.end(step.html);
    return;
  }
  if ('status' in step) {
    res.writeHead(step.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(step.json));
    return;
  }
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  for (const event of step.sse) {
    if (res.destroyed) return;
    res.write(typeof event === 'string' ? event : `data: ${JSON.stringify(event)}\n\n`);
    if (step.gapMs) await sleep(step.gapMs);
  }
  if (step.cut) {
    res.destroy();
    return;
  }
  res.end('data: [DONE]\n\n');
}

export function chunk(delta: object, finishReason: string | null = null, extra: object = {}): object {
  return {
    id: 'up-1',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'up',
    choices: [{ index: 0, delta, finish_reason: finishReason }],
    ...extra,
  };
}

export function textChunks(text: string): object[] {
  return [
    chunk({ role: 'assistant', content: '' }),
    ...text.split(/(?<= )/).map((t) => chunk({ content: t })),
  ];
}

export function finishChunk(reason: string): object {
  return chunk({}, reason);
}

export function usageChunk(prompt: number, completion: number): object {
  return {
    id: 'up-1',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'up',
    choices: [],
    usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion },
  };
}

/** Tool calls streamed the OpenAI way: a naming fragment, then the arguments in two pieces. */
export function toolCallChunks(calls: readonly { id: string; name: string; args: string }[]): object[] {
  const out: object[] = [chunk({ role: 'assistant', content: null })];
  calls.forEach((call, index) => {
    out.push(
      chunk({
        tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } }],
      }),
    );
    const half = Math.floor(call.args.length / 2);
    out.push(chunk({ tool_calls: [{ index, function: { arguments: call.args.slice(0, half) } }] }));
    out.push(chunk({ tool_calls: [{ index, function: { arguments: call.args.slice(half) } }] }));
  });
  out.push(finishChunk('tool_calls'));
  return out;
}

// ------------------------------------------------------------------------------ catalog, invoker

export function catalogTool(name: string, readOnly: boolean, properties: object = {}): CatalogTool {
  const [connector = name] = name.split('_');
  const descriptor: ToolDescriptor = {
    name,
    title: `Title of ${name}`,
    description: `Does ${name}.\nSecond line.`,
    inputSchema: {
      type: 'object' as const,
      properties,
      additionalProperties: false,
    } as ToolDescriptor['inputSchema'],
    annotations: {
      readOnlyHint: readOnly,
      destructiveHint: !readOnly,
      idempotentHint: true,
      openWorldHint: false,
    },
  };
  return {
    connector,
    descriptor,
    validate: compileSchema(descriptor.inputSchema),
    scope: `${connector}:${readOnly ? 'read' : 'write'}`,
  };
}

export function fakeCatalog(tools: readonly CatalogTool[]): ChatCompletionsOptions['catalog'] {
  return {
    tools: () => tools,
    tool: (name: string) => tools.find((t) => t.descriptor.name === name),
  };
}

export interface InvokeRecord {
  readonly tool: string;
  readonly args: Record<string, unknown>;
  readonly options: InvokeOptions;
}

export function fakeInvoker(
  answer: (tool: string, args: Record<string, unknown>, options: InvokeOptions) => Promise<ToolResult>,
): { invoker: ChatCompletionsOptions['invoker']; calls: InvokeRecord[] } {
  const calls: InvokeRecord[] = [];
  return {
    calls,
    invoker: {
      invoke: (tool, args, options) => {
        calls.push({ tool: tool.descriptor.name, args, options });
        return answer(tool.descriptor.name, args, options);
      },
    },
  };
}

export function text(value: string, isError = false): ToolResult {
  return { content: [{ type: 'text', text: value }], ...(isError ? { isError } : {}) };
}

// ------------------------------------------------------------------------------------ the front

export const principal: ChatPrincipal = { subject: 'api-token:t1', scopes: new Set(['homeassistant:write']) };

export interface Front {
  readonly url: string;
  readonly chat: ChatCompletions;
  /** Resolves when `handle` resolved, with the number of `handle` calls so far. */
  readonly handled: Promise<void>[];
  close(): Promise<void>;
}

/** An HTTP server whose every POST is answered by `ChatCompletions.handle`, CORS header included. */
export async function startFront(
  options: Partial<ChatCompletionsOptions> & Pick<ChatCompletionsOptions, 'catalog' | 'invoker'>,
  upstreamUrl?: string,
  who: ChatPrincipal = principal,
): Promise<Front> {
  const chat = new ChatCompletions({
    ...(upstreamUrl ? { upstream: new UpstreamLlm({ baseUrl: upstreamUrl, timeoutMs: 5_000 }) } : {}),
    maxIterations: 8,
    toolTimeoutMs: 1_000,
    keepAliveMs: 10_000,
    log: () => {},
    ...options,
  });
  const handled: Promise<void>[] = [];
  const server = createServer((req, res) => {
    const run = async () => {
      let raw = '';
      for await (const part of req) raw += String(part);
      let body: unknown;
      try {
        body = JSON.parse(raw);
      } catch {
        body = raw;
      }
      const controller = new AbortController();
      res.once('close', () => {
        if (!res.writableEnded) controller.abort();
      });
      await chat.handle(
        body,
        who,
        (name) => {
          const value = req.headers[name.toLowerCase()];
          return Array.isArray(value) ? value[0] : value;
        },
        res,
        { 'access-control-allow-origin': '*' },
        controller.signal,
      );
    };
    handled.push(run());
  });
  await listen(server);
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/chat/completions`,
    chat,
    handled,
    close: () => close(server),
  };
}

export interface ErrorObject {
  readonly message: string;
  readonly type: string;
  readonly param: null;
  readonly code: string | null;
}

export interface Fragment {
  readonly index: number;
  readonly id?: string;
  readonly type?: string;
  readonly function: { readonly name?: string; readonly arguments?: string };
}

export interface Delta {
  readonly role?: string;
  readonly content?: string | null;
  readonly reasoning_content?: string;
  readonly tool_calls?: readonly Fragment[];
}

/** A streamed event as the tests read it: a chunk, an Open WebUI event or an error. */
export interface Chunk {
  readonly id: string;
  readonly object: string;
  readonly created: number;
  readonly model: string;
  /** Absent on an error chunk. */
  readonly choices?: readonly { index: number; delta: Delta; finish_reason: string | null }[];
  readonly usage?: Usage;
  readonly event?: { type: string; data: { description: string; done: boolean } };
  readonly error?: ErrorObject;
}

/** A JSON answer: a completion, or an error object. */
export interface Completion {
  readonly object: string;
  readonly model: string;
  readonly choices: readonly {
    index: number;
    message: { content: string | null; reasoning_content?: string; tool_calls?: readonly ToolCall[] };
    finish_reason: string;
  }[];
  readonly usage: Usage;
  readonly error?: ErrorObject;
}

export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly raw: string;
  /** The `data:` events of a stream, without `[DONE]`. */
  readonly chunks: Chunk[];
  /** Whether the stream ended with `data: [DONE]`. */
  readonly done: boolean;
  /** The body of a JSON answer. */
  readonly json: Completion;
}

export async function post(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const raw = await res.text();
  const stream = res.headers.get('content-type')?.includes('text/event-stream') ?? false;
  const events = stream ? raw.split('\n\n').filter((e) => e.startsWith('data: ')) : [];
  return {
    status: res.status,
    headers: res.headers,
    raw,
    chunks: events.filter((e) => e !== 'data: [DONE]').map((e) => JSON.parse(e.slice(6)) as Chunk),
    done: events.at(-1) === 'data: [DONE]',
    json: stream ? ({} as Completion) : (JSON.parse(raw) as Completion),
  };
}

/** The streamed text of a delta field (`content`, `reasoning_content`) across every chunk. */
export function streamed(answer: Answer, field: 'content' | 'reasoning_content'): string {
  return answer.chunks.map((c) => c.choices?.[0]?.delta[field] ?? '').join('');
}

/** The error a stream ended with (its last chunk), or `undefined`. */
export function streamError(answer: Answer): ErrorObject | undefined {
  return answer.chunks.at(-1)?.error;
}

// ---------------------------------------------------------------------------------------- misc

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function listen(server: Server): Promise<void> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
