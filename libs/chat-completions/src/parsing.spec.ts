import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isBackgroundTask } from './open-webui.js';
import { parseChatRequest } from './request.js';
import { sseData } from './sse-parser.js';
import { splitText } from './text.js';
import { MAX_RESULT_CHARS, resultText } from './tool-runner.js';
import { TurnAssembler } from './turn.js';

async function collect(parts: (string | Uint8Array)[]): Promise<string[]> {
  async function* source() {
    for (const part of parts) yield await Promise.resolve(part);
  }
  const out: string[] = [];
  for await (const data of sseData(source(), 1000)) out.push(data);
  return out;
}

describe('sseData', () => {
  it('yields whole events whatever the byte boundaries, skipping comments and other fields', async () => {
    const bytes = new TextEncoder().encode(
      ': ok\r\n\r\nevent: x\ndata: {"a":"é"}\n\ndata:1\ndata: 2\n\ndata: [DONE]',
    );
    const parts = [bytes.slice(0, 15), bytes.slice(15, 22), bytes.slice(22, 23), bytes.slice(23)];
    assert.deepEqual(await collect(parts), ['{"a":"é"}', '1\n2', '[DONE]']);
  });

  it('refuses an event that never ends', async () => {
    await assert.rejects(collect([`data: ${'x'.repeat(2000)}`]), /exceeded 1000 characters/);
  });
});

describe('TurnAssembler', () => {
  it('assembles tool calls by index and shows the client everything but role and tool calls', () => {
    const turn = new TurnAssembler();
    const add = (delta: object, extra: object = {}) =>
      turn.add({ choices: [{ index: 0, delta, finish_reason: null }], ...extra });
    assert.equal(add({ role: 'assistant', content: '' }), undefined);
    assert.deepEqual(add({ reasoning_content: 'hmm' }), { reasoning_content: 'hmm' });
    assert.deepEqual(add({ content: 'Hi' }), { content: 'Hi' });
    add({ tool_calls: [{ index: 1, id: 'b', type: 'function', function: { name: 'two', arguments: '' } }] });
    add({
      tool_calls: [{ index: 0, id: 'a', type: 'function', function: { name: 'one', arguments: '{"x"' } }],
    });
    add({ tool_calls: [{ index: 0, function: { arguments: ':1}' } }] });
    turn.add({ choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }] });
    turn.add({ choices: [], usage: { prompt_tokens: 5, completion_tokens: 2 } });
    assert.deepEqual(turn.result(), {
      content: 'Hi',
      finishReason: 'tool_calls',
      usage: { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 },
      toolCalls: [
        { id: 'a', type: 'function', function: { name: 'one', arguments: '{"x":1}' } },
        { id: 'b', type: 'function', function: { name: 'two', arguments: '{}' } },
      ],
    });
  });

  it('copes with fragments without index or id (Gemini) and object arguments', () => {
    const turn = new TurnAssembler();
    turn.add({
      choices: [
        {
          delta: {
            tool_calls: [
              { function: { name: 'one', arguments: { a: 1 } } },
              { function: { name: 'two', arguments: '{}' } },
            ],
          },
        },
      ],
    });
    const calls = turn.result().toolCalls;
    assert.deepEqual(
      calls.map((c) => [c.function.name, c.function.arguments]),
      [
        ['one', '{"a":1}'],
        ['two', '{}'],
      ],
    );
    assert.ok(calls.every((c) => c.id.startsWith('call_')));
  });
});

describe('parseChatRequest', () => {
  const base = { model: 'm', messages: [{ role: 'user', content: 'hi' }] };

  it('reads stream, include_usage and tools, keeping the body whole', () => {
    const request = parseChatRequest({
      ...base,
      stream: true,
      stream_options: { include_usage: true },
      tools: [
        { type: 'function', function: { name: 'a-b_c' } },
        { type: 'custom', custom: { name: 'x' } },
      ],
      weird: 1,
    });
    assert.equal(request.stream, true);
    assert.equal(request.includeUsage, true);
    assert.equal(request.tools.length, 2);
    assert.equal(request.body['weird'], 1);
    assert.equal(parseChatRequest({ ...base, stream_options: { include_usage: true } }).includeUsage, false);
    assert.deepEqual(parseChatRequest({ ...base, tools: null }).tools, []);
  });

  it("words tool-name errors like OpenAI's", () => {
    assert.throws(
      () => parseChatRequest({ ...base, tools: [{ type: 'function', function: { name: 'x'.repeat(65) } }] }),
      /Invalid 'tools\[0\].function.name': string too long/,
    );
  });
});

describe('isBackgroundTask', () => {
  const request = (content: string, stream = false) =>
    parseChatRequest({ model: 'm', stream, messages: [{ role: 'user', content }] });
  const none = () => undefined;

  it('recognises the task header, or a non-streamed task prompt', () => {
    assert.equal(
      isBackgroundTask(request('hi'), (n) => (n === 'x-openwebui-task' ? 'tags_generation' : undefined)),
      true,
    );
    assert.equal(
      isBackgroundTask(request('hi'), (n) => (n === 'x-openwebui-task' ? '' : undefined)),
      false,
    );
    assert.equal(isBackgroundTask(request('### Task:\nSuggest follow-ups'), none), true);
    assert.equal(isBackgroundTask(request('### Task:\nSuggest follow-ups', true), none), false);
    assert.equal(isBackgroundTask(request('What is ### Task:?'), none), false);
  });
});

describe('splitText', () => {
  it('never cuts a surrogate pair', () => {
    const pieces = splitText('a🙂🙂', 2);
    assert.deepEqual(pieces, ['a', '🙂', '🙂']);
  });
});

describe('resultText', () => {
  it('joins the content blocks, marks errors and cuts what would not fit a context', () => {
    assert.equal(
      resultText({
        content: [
          { type: 'text', text: 'a' },
          { type: 'image', data: 'xx', mimeType: 'image/png' },
          { type: 'resource_link', uri: 'ha://x', name: 'x' },
        ],
      }),
      'a\n[image: image/png]\nx: ha://x',
    );
    assert.equal(resultText({ content: [], structuredContent: { on: true } }), '{"on":true}');
    assert.equal(resultText({ content: [], isError: true }), 'Error: the tool failed without saying why.');
    const cut = resultText({ content: [{ type: 'text', text: 'x'.repeat(MAX_RESULT_CHARS + 10) }] });
    assert.ok(cut.endsWith('\n[… 10 more characters cut]'));
  });
});
