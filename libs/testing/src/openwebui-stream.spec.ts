import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { startLlmSimulator, type RunningLlmSimulator } from '@mcp-gateway/simulator-llm';
import { OpenWebUiFramingError, readOpenWebUiStream } from './openwebui-stream.js';

/** A body delivered in exactly these network reads. */
function reads(...parts: (string | Uint8Array)[]): AsyncIterable<Uint8Array> {
  const bytes = parts.map((part) => (typeof part === 'string' ? new TextEncoder().encode(part) : part));
  return {
    [Symbol.asyncIterator]: () => {
      const values = bytes.values();
      return { next: () => Promise.resolve(values.next()) };
    },
  };
}

const chunk = (delta: Record<string, unknown>, extra: Record<string, unknown> = {}): string =>
  `data: ${JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: null }], ...extra })}\n\n`;
const DONE = 'data: [DONE]\n\n';

async function rejectsWith(promise: Promise<unknown>, pattern: RegExp): Promise<void> {
  await assert.rejects(promise, (e: unknown) => {
    assert.ok(e instanceof OpenWebUiFramingError, String(e));
    assert.match(e.message, pattern);
    return true;
  });
}

describe('readOpenWebUiStream against the LLM simulator', () => {
  let sim: RunningLlmSimulator;
  before(async () => {
    sim = await startLlmSimulator({ apiKey: 'k' });
  });
  after(() => sim.close());
  beforeEach(() => sim.reset());

  const post = (body: Record<string, unknown>): Promise<Response> =>
    fetch(`${sim.url}/chat/completions`, {
      method: 'POST',
      headers: { authorization: 'Bearer k', 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'm',
        messages: [{ role: 'user', content: 'hi' }],
        stream: true,
        ...body,
      }),
    });

  it('reads a text answer and its usage', async () => {
    sim.script([{ text: 'Hello from upstream.' }]);
    const read = await readOpenWebUiStream(await post({ stream_options: { include_usage: true } }));
    assert.equal(read.content, 'Hello from upstream.');
    assert.equal(read.finishReason, 'stop');
    assert.deepEqual(read.usage, { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 });
    assert.deepEqual(read.errors, []);
    assert.ok(read.chunks.length > 3);
  });

  it('merges parallel tool calls by index', async () => {
    sim.script([
      {
        text: 'Checking.',
        toolCalls: [
          { name: 'search_notes', arguments: { query: 'wifi password' } },
          { name: 'get_current_timestamp', arguments: {} },
        ],
      },
    ]);
    const read = await readOpenWebUiStream(await post({}));
    assert.equal(read.content, 'Checking.');
    assert.equal(read.finishReason, 'tool_calls');
    assert.deepEqual(
      read.toolCalls.map((c) => [
        c.index,
        c.type,
        c.function.name,
        JSON.parse(c.function.arguments) as unknown,
      ]),
      [
        [0, 'function', 'search_notes', { query: 'wifi password' }],
        [1, 'function', 'get_current_timestamp', {}],
      ],
    );
    assert.match(read.toolCalls[0]?.id ?? '', /^call_/);
  });

  it('collects a mid-stream error', async () => {
    sim.script([{ streamError: 'upstream fell over' }]);
    const read = await readOpenWebUiStream(await post({}));
    assert.equal(read.content, 'Partial answer');
    assert.deepEqual(read.errors, [
      { message: 'upstream fell over', type: 'server_error', code: null, param: null },
    ]);
  });

  it('rejects a broken data line, and an HTTP error that is not a stream', async () => {
    sim.script([{ badJson: true }, { error: { status: 503, message: 'model is loading' } }]);
    await rejectsWith(readOpenWebUiStream(await post({})), /line 3: data is not a complete JSON object/);
    await rejectsWith(
      readOpenWebUiStream(await post({})),
      /HTTP 503 \(application\/json\).*model is loading/,
    );
  });
});

describe('readOpenWebUiStream on hand-written streams', () => {
  it('ignores comments and SSE fields, accepts CRLF and data: without a space, and splits nothing it should not', async () => {
    const body = [
      ': ok\n\n',
      'event: message\r\nid: 7\r\n',
      chunk({ role: 'assistant', reasoning_content: 'Calling Home Assistant…\n' }).replace('data: ', 'data:'),
      ': ping\n\n',
      chunk({ reasoning: 'done. ' }),
      `data: ${JSON.stringify({ id: 'x', choices: [], event: { type: 'status', data: { description: 'Calling', done: false } } })}\n\n`,
      chunk({ content: 'Grüße ' }),
      chunk({ content: '🌡️ 21 °C' }),
      `data: ${JSON.stringify({ id: 'x', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\n`,
      `data: ${JSON.stringify({ id: 'x', choices: [], usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 } })}\n\n`,
      DONE,
    ].join('');
    // Network reads of 3 bytes: events and multi-byte characters straddle reads, as they may over TCP.
    const bytes = new TextEncoder().encode(body);
    const parts: Uint8Array[] = [];
    for (let i = 0; i < bytes.length; i += 3) parts.push(bytes.subarray(i, i + 3));
    const read = await readOpenWebUiStream(reads(...parts));
    assert.equal(read.content, 'Grüße 🌡️ 21 °C');
    assert.equal(read.reasoning, 'Calling Home Assistant…\ndone. ');
    assert.deepEqual(read.events, [{ type: 'status', data: { description: 'Calling', done: false } }]);
    assert.equal(read.usage?.total_tokens, 7);
    assert.equal(read.finishReason, 'stop');
    assert.equal(read.chunks.length, 7);
  });

  it('surfaces a bare JSON error line as Open WebUI does', async () => {
    const read = await readOpenWebUiStream(reads('{"error":{"message":"quota exceeded"}}\n', DONE));
    assert.deepEqual(
      read.errors.map((e) => e.message),
      ['quota exceeded'],
    );
  });

  it('rejects a data line split across two lines', async () => {
    const whole = chunk({ content: 'hello' });
    const cut = whole.indexOf('llo');
    await rejectsWith(
      readOpenWebUiStream(reads(`${whole.slice(0, cut)}\n${whole.slice(cut)}`, DONE)),
      /line 1: data is not a complete JSON object/,
    );
  });

  it('rejects a line of 64 KiB or more, and honours a custom limit', async () => {
    const big = chunk({ content: 'x'.repeat(64 * 1024) });
    await rejectsWith(
      readOpenWebUiStream(reads(big, DONE)),
      /line 1 is \d+ bytes; lines must stay under 65536/,
    );
    await rejectsWith(
      readOpenWebUiStream(reads(chunk({ content: 'x'.repeat(200) }), DONE), { lineLimitBytes: 100 }),
      /under 100/,
    );
    // Without any newline the reader gives up at the limit instead of buffering forever.
    await rejectsWith(
      readOpenWebUiStream(reads('data: ' + 'y'.repeat(70_000))),
      /exceeds 65536 bytes without a newline/,
    );
  });

  it('requires [DONE], then the end of the stream', async () => {
    await rejectsWith(readOpenWebUiStream(reads(chunk({ content: 'a' }))), /ended without data: \[DONE\]/);
    await rejectsWith(
      readOpenWebUiStream(reads(DONE, chunk({ content: 'late' }))),
      /line 3 comes after \[DONE\]/,
    );
    await rejectsWith(
      readOpenWebUiStream(reads(chunk({ content: 'a' }), 'data: [DONE]')),
      /ended inside a line/,
    );
  });

  it('rejects non-JSON data, non-object JSON and invalid UTF-8', async () => {
    await rejectsWith(
      readOpenWebUiStream(reads('data: hello\n\n', DONE)),
      /not a complete JSON object: hello/,
    );
    await rejectsWith(readOpenWebUiStream(reads('data: [1,2]\n\n', DONE)), /JSON but not an object/);
    await rejectsWith(
      readOpenWebUiStream(reads(new Uint8Array([0x64, 0xff, 0x0a]), DONE)),
      /not valid UTF-8/,
    );
    await rejectsWith(
      readOpenWebUiStream(reads('garbage"}]}\n', DONE)),
      /not a data:, comment or SSE field line/,
    );
  });

  it('rejects what Open WebUI would silently mishandle', async () => {
    const noIndex = chunk({
      tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'f', arguments: '{}' } }],
    });
    await rejectsWith(readOpenWebUiStream(reads(noIndex, DONE)), /without an integer "index"/);
    const noName = chunk({ tool_calls: [{ index: 0, function: { arguments: '{}' } }] });
    await rejectsWith(readOpenWebUiStream(reads(noName, DONE)), /tool call 0 is incomplete/);
    const usage = chunk({}, { usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 } });
    await rejectsWith(readOpenWebUiStream(reads(usage, usage, DONE)), /usage sent again \(first at line 1\)/);
    await rejectsWith(
      readOpenWebUiStream(reads('data: {"error":{"code":500}}\n\n', DONE)),
      /error without a readable message/,
    );
  });

  it('rejects a non-SSE response and a connection left open after [DONE]', async () => {
    const server = createServer((req, res) => {
      if (req.url === '/json') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{}');
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(chunk({ content: 'hi' }) + DONE);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      await rejectsWith(
        readOpenWebUiStream(await fetch(`${base}/json`)),
        /HTTP 200 \(application\/json\) is not an event stream/,
      );
      await rejectsWith(
        readOpenWebUiStream(await fetch(`${base}/open`), { closeTimeoutMs: 150 }),
        /stayed open 150 ms after \[DONE\]/,
      );
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
