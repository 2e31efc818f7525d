import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import OpenAI from 'openai';
import type { ChatCompletionChunk, ChatCompletionTool } from 'openai/resources/chat/completions';
import { startLlmSimulator, type RunningLlmSimulator } from './server.js';

const KEY = 'sk-sim-test';
const user = (content: string) => ({ role: 'user' as const, content });
const lookupTool: ChatCompletionTool = {
  type: 'function',
  function: { name: 'lookup', parameters: { type: 'object', properties: { q: { type: 'string' } } } },
};

async function collect(stream: AsyncIterable<ChatCompletionChunk>): Promise<ChatCompletionChunk[]> {
  const chunks: ChatCompletionChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

async function postRaw(sim: RunningLlmSimulator, body: string): Promise<Response> {
  return fetch(`${sim.url}/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
    body,
  });
}

describe('LLM simulator, driven by the openai SDK', () => {
  let sim: RunningLlmSimulator;
  let client: OpenAI;
  before(async () => {
    sim = await startLlmSimulator({ apiKey: KEY, models: ['llama3.1:8b', 'qwen2.5:7b'] });
    client = new OpenAI({ baseURL: sim.url, apiKey: KEY, maxRetries: 0 });
  });
  after(() => sim.close());
  beforeEach(() => sim.reset());

  it('lists and retrieves models; unknown ids are a 404', async () => {
    const page = await client.models.list();
    assert.deepEqual(
      page.data.map((m) => [m.id, m.object]),
      [
        ['llama3.1:8b', 'model'],
        ['qwen2.5:7b', 'model'],
      ],
    );
    assert.equal((await client.models.retrieve('qwen2.5:7b')).owned_by, 'llm-simulator');
    await assert.rejects(client.models.retrieve('nope'), OpenAI.NotFoundError);
  });

  it('rejects a wrong or missing key with a 401 OpenAI error', async () => {
    const wrong = new OpenAI({ baseURL: sim.url, apiKey: 'wrong', maxRetries: 0 });
    await assert.rejects(wrong.models.list(), (e: unknown) => {
      assert.ok(e instanceof OpenAI.AuthenticationError);
      assert.equal(e.code, 'invalid_api_key');
      return true;
    });
    const res = await fetch(`${sim.url}/models`);
    assert.equal(res.status, 401);
    assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'invalid_api_key');
  });

  it('answers without streaming, echoing the model and carrying usage', async () => {
    sim.script([{ text: 'Hello there.' }]);
    const completion = await client.chat.completions.create({ model: 'qwen2.5:7b', messages: [user('hi')] });
    assert.match(completion.id, /^chatcmpl-/);
    assert.equal(completion.object, 'chat.completion');
    assert.equal(completion.model, 'qwen2.5:7b');
    assert.ok(completion.system_fingerprint);
    assert.equal(completion.choices[0]?.message.content, 'Hello there.');
    assert.equal(completion.choices[0]?.finish_reason, 'stop');
    assert.deepEqual(completion.usage, { prompt_tokens: 10, completion_tokens: 3, total_tokens: 13 });
  });

  it('echoes the last user message when nothing is scripted', async () => {
    const completion = await client.chat.completions.create({
      model: 'any-model-name',
      messages: [
        user('first'),
        { role: 'assistant', content: 'ok' },
        { role: 'user', content: [{ type: 'text', text: 'second' }] },
      ],
    });
    assert.equal(completion.choices[0]?.message.content, 'You said: second');
    assert.equal(completion.model, 'any-model-name');
  });

  it('streams text in several small deltas, all with one id, and no usage unless asked', async () => {
    sim.script([{ text: 'Turning the kitchen light on.' }]);
    const chunks = await collect(
      await client.chat.completions.create({ model: 'llama3.1:8b', messages: [user('hi')], stream: true }),
    );
    assert.ok(chunks.length > 5);
    assert.equal(new Set(chunks.map((c) => c.id)).size, 1);
    assert.equal(
      chunks.map((c) => c.choices[0]?.delta.content ?? '').join(''),
      'Turning the kitchen light on.',
    );
    assert.equal(chunks[0]?.choices[0]?.delta.role, 'assistant');
    assert.equal(chunks.at(-1)?.choices[0]?.finish_reason, 'stop');
    assert.ok(chunks.every((c) => c.usage === undefined && c.object === 'chat.completion.chunk'));
  });

  it('adds one usage chunk with empty choices when stream_options.include_usage is set', async () => {
    sim.script([{ text: 'Sure.' }]);
    const chunks = await collect(
      await client.chat.completions.create({
        model: 'llama3.1:8b',
        messages: [user('hi')],
        stream: true,
        stream_options: { include_usage: true },
      }),
    );
    const last = chunks.at(-1);
    assert.deepEqual(last?.choices, []);
    assert.deepEqual(last?.usage, { prompt_tokens: 10, completion_tokens: 2, total_tokens: 12 });
    assert.ok(chunks.slice(0, -1).every((c) => c.usage === null));
  });

  it('streams parallel tool calls that the SDK stream helper reassembles', async () => {
    sim.script([
      {
        toolCalls: [
          { name: 'lookup', arguments: { q: 'kitchen light' }, id: 'call_given' },
          { name: 'lookup', arguments: '{"q":"front door"}' },
        ],
      },
    ]);
    const stream = client.chat.completions.stream({
      model: 'llama3.1:8b',
      messages: [user('check')],
      tools: [lookupTool],
    });
    const fragments: unknown[] = [];
    stream.on('chunk', (chunk) => fragments.push(...(chunk.choices[0]?.delta.tool_calls ?? [])));
    const final = await stream.finalChatCompletion();
    const choice = final.choices[0];
    assert.equal(choice?.finish_reason, 'tool_calls');
    const calls = (choice?.message.tool_calls ?? []).map((c) =>
      c.type === 'function' ? [c.id, c.function.name, JSON.parse(c.function.arguments) as unknown] : [],
    );
    assert.deepEqual(calls, [
      ['call_given', 'lookup', { q: 'kitchen light' }],
      ['call_sim0000000000000001', 'lookup', { q: 'front door' }],
    ]);
    // OpenAI's fragment shape: the first per call carries id/type/name and empty arguments, the rest index + arguments.
    assert.deepEqual(fragments[0], {
      index: 0,
      id: 'call_given',
      type: 'function',
      function: { name: 'lookup', arguments: '' },
    });
    assert.deepEqual(fragments[1], { index: 0, function: { arguments: '{"q":"' } });
    const second = fragments.filter((f) => (f as { index: number }).index === 1);
    assert.ok(second.length > 2, 'arguments split across several chunks');
  });

  it('answers tool calls without streaming, with content null', async () => {
    sim.script([{ toolCalls: [{ name: 'lookup', arguments: {} }] }]);
    const completion = await client.chat.completions.create({
      model: 'm',
      messages: [user('x')],
      tools: [lookupTool],
    });
    const message = completion.choices[0]?.message;
    assert.equal(message?.content, null);
    assert.equal(completion.choices[0]?.finish_reason, 'tool_calls');
    const call = message?.tool_calls?.[0];
    assert.ok(call?.type === 'function');
    assert.equal(call.function.arguments, '{}');
  });

  it('turns a scripted error into an APIError with its status, type and code', async () => {
    sim.script([
      { error: { status: 503, message: 'model is loading' } },
      { error: { status: 429, message: 'slow down', code: 'rate_limit_exceeded' } },
    ]);
    await assert.rejects(
      client.chat.completions.create({ model: 'm', messages: [user('x')] }),
      (e: unknown) => {
        assert.ok(e instanceof OpenAI.InternalServerError);
        assert.equal(e.status, 503);
        assert.equal(e.type, 'server_error');
        assert.match(e.message, /model is loading/);
        return true;
      },
    );
    await assert.rejects(
      client.chat.completions.create({ model: 'm', messages: [user('x')], stream: true }),
      (e: unknown) => {
        assert.ok(e instanceof OpenAI.RateLimitError);
        assert.equal(e.code, 'rate_limit_exceeded');
        return true;
      },
    );
  });

  it('breaks a stream with an error chunk, which the SDK throws as an APIError', async () => {
    sim.script([{ streamError: 'upstream fell over', text: 'Partial' }]);
    let content = '';
    await assert.rejects(
      (async () => {
        const stream = await client.chat.completions.create({
          model: 'm',
          messages: [user('x')],
          stream: true,
        });
        for await (const chunk of stream) content += chunk.choices[0]?.delta.content ?? '';
      })(),
      (e: unknown) => e instanceof OpenAI.APIError && e.message.includes('upstream fell over'),
    );
    assert.equal(content, 'Partial');
  });

  it('sends invalid JSON with a 200 when told to', async () => {
    sim.script([{ badJson: true }, { badJson: true }]);
    await assert.rejects(client.chat.completions.create({ model: 'm', messages: [user('x')] }), SyntaxError);
    await assert.rejects(
      (async () =>
        collect(await client.chat.completions.create({ model: 'm', messages: [user('x')], stream: true })))(),
      SyntaxError,
    );
  });

  it('delays and hangs', async () => {
    sim.script([{ text: 'late', delayMs: 150 }, { hang: true }, { text: 'after the hang' }]);
    const started = Date.now();
    await client.chat.completions.create({ model: 'm', messages: [user('x')] });
    assert.ok(Date.now() - started >= 140);
    await assert.rejects(
      client.chat.completions.create({ model: 'm', messages: [user('x')] }, { timeout: 200 }),
      OpenAI.APIConnectionTimeoutError,
    );
    const next = await client.chat.completions.create({ model: 'm', messages: [user('x')] });
    assert.equal(next.choices[0]?.message.content, 'after the hang');
    assert.equal(sim.pending, 0);
  });

  it('records every request body, and reset clears them', async () => {
    await client.chat.completions.create({
      model: 'm',
      messages: [user('one')],
      tools: [lookupTool],
      temperature: 0.2,
    });
    await client.chat.completions.create({ model: 'm', messages: [user('two')], stream: true }).then(collect);
    assert.equal(sim.requests.length, 2);
    assert.deepEqual(sim.requests[0]?.['tools'], [lookupTool]);
    assert.equal(sim.requests[0]?.['temperature'], 0.2);
    assert.equal(sim.requests[1]?.['stream'], true);
    sim.script([{ text: 'unused' }]);
    sim.reset();
    assert.equal(sim.requests.length, 0);
    assert.equal(sim.pending, 0);
  });

  it('rejects what OpenAI rejects, without consuming a step', async () => {
    sim.script([{ text: 'kept' }]);
    const rejects = async (body: Record<string, unknown>, code: string | null, param: RegExp) => {
      await assert.rejects(
        client.chat.completions.create(body as unknown as OpenAI.ChatCompletionCreateParamsNonStreaming),
        (e: unknown) => {
          assert.ok(e instanceof OpenAI.BadRequestError, String(e));
          assert.equal(e.code, code);
          assert.match(String(e.param), param);
          return true;
        },
      );
    };
    await rejects({ model: 'm', messages: [user('x')], tools: [] }, 'empty_array', /^tools$/);
    await rejects(
      { model: 'm', messages: [user('x')], tools: [{ type: 'function', function: { name: 'has.dot' } }] },
      'invalid_value',
      /tools\[0\]\.function\.name/,
    );
    await rejects(
      {
        model: 'm',
        messages: [user('x')],
        tools: [{ type: 'function', function: { name: 'n'.repeat(65) } }],
      },
      'string_above_max_length',
      /tools\[0\]/,
    );
    await rejects(
      { model: 'm', messages: [user('x')], stream_options: { include_usage: true } },
      null,
      /stream_options/,
    );
    const calls = [{ id: 'call_a', type: 'function', function: { name: 'lookup', arguments: '{}' } }];
    await rejects(
      { model: 'm', messages: [user('x'), { role: 'assistant', content: '', tool_calls: calls }, user('y')] },
      null,
      /messages\.\[1\]/,
    );
    await rejects(
      { model: 'm', messages: [user('x'), { role: 'tool', tool_call_id: 'call_a', content: 'r' }] },
      null,
      /messages\.\[1\]/,
    );
    const answered = await client.chat.completions.create({
      model: 'm',
      messages: [
        user('x'),
        { role: 'assistant', content: '', tool_calls: [...calls, { ...calls[0]!, id: 'call_b' }] },
        { role: 'tool', tool_call_id: 'call_a', content: 'r' },
        { role: 'tool', tool_call_id: 'call_b', content: 'r' },
      ],
    } as OpenAI.ChatCompletionCreateParamsNonStreaming);
    assert.equal(answered.choices[0]?.message.content, 'kept');

    const notJson = await postRaw(sim, '{"model":');
    assert.equal(notJson.status, 400);
    assert.equal(((await notJson.json()) as { error: { type: string } }).error.type, 'invalid_request_error');
    assert.equal(sim.requests.length, 7, 'the unparsable body is not recorded');
  });

  it('frames the stream as text/event-stream events ending in [DONE]', async () => {
    sim.script([{ text: 'ok', toolCalls: [{ name: 'lookup', arguments: { q: 1 } }] }]);
    const res = await postRaw(sim, JSON.stringify({ model: 'm', stream: true, messages: [user('x')] }));
    assert.match(res.headers.get('content-type') ?? '', /^text\/event-stream/);
    const text = await res.text();
    assert.ok(text.endsWith('data: [DONE]\n\n'));
    const events = text.split('\n\n').filter((e) => e !== '');
    for (const event of events.slice(0, -1))
      assert.doesNotThrow(() => JSON.parse(event.replace(/^data: /, '')) as unknown);
    const deltas = events
      .slice(0, -1)
      .map((e) => (JSON.parse(e.slice(6)) as ChatCompletionChunk).choices[0]?.delta);
    assert.equal(deltas[0]?.role, 'assistant');
    assert.equal(
      deltas.find((d) => d?.tool_calls)?.role,
      undefined,
      'content came first, so no role on the tool delta',
    );
  });
});
