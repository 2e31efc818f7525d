import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BusError } from '@mcp-gateway/contracts';
import {
  catalogTool,
  fakeCatalog,
  fakeInvoker,
  post,
  startFakeUpstream,
  startFront,
  streamed,
  streamError,
  text,
  textChunks,
  toolCallChunks,
  type FakeUpstream,
  type Front,
} from './spec-fakes.js';
import { UpstreamLlm } from './upstream-llm.js';

const catalog = fakeCatalog([catalogTool('homeassistant_get_state', true)]);

const user = (content: string) => ({ role: 'user', content });

describe('upstream failures', () => {
  let upstream: FakeUpstream;
  let front: Front;
  const { invoker } = fakeInvoker(() => Promise.resolve(text('ok')));

  before(async () => {
    upstream = await startFakeUpstream();
    front = await startFront({ catalog, invoker }, upstream.url);
  });
  after(async () => {
    await front.close();
    await upstream.close();
  });

  it('maps upstream errors before the stream to OpenAI errors with the right status and CORS', async () => {
    const cases: [number, unknown, number, RegExp][] = [
      [500, { error: { message: 'CUDA out of memory' } }, 502, /failed \(HTTP 500\): CUDA out of memory/],
      [
        400,
        { error: { message: 'context length exceeded', code: 'context_length_exceeded' } },
        400,
        /context length/,
      ],
      [404, { error: { message: 'model "x" not found' } }, 404, /model "x" not found/],
      [429, { error: { message: 'slow down' } }, 429, /slow down/],
      [
        401,
        { error: { message: 'Incorrect API key provided: sk-abc***' } },
        502,
        /refused the gateway's credentials/,
      ],
    ];
    for (const [status, json, expected, message] of cases) {
      upstream.script.push({ status, json });
      const answer = await post(front.url, { model: 'm', stream: true, messages: [user('hi')] });
      assert.equal(answer.status, expected, `upstream ${status}`);
      assert.match(answer.headers.get('content-type')!, /application\/json/);
      assert.equal(answer.headers.get('access-control-allow-origin'), '*');
      assert.match(answer.json.error!.message, message);
      assert.equal(answer.json.error!.param, null);
      assert.ok(!answer.raw.includes('sk-abc'));
    }
  });

  it('answers 502 when the upstream is unreachable and 504 when it says nothing in time', async () => {
    const gone = await startFront({ catalog, invoker }, 'http://127.0.0.1:1/v1');
    const unreachable = await post(gone.url, { model: 'm', messages: [user('hi')] });
    await gone.close();
    assert.equal(unreachable.status, 502);
    assert.match(unreachable.json.error!.message, /unreachable/);

    const quick = await startFront({
      catalog,
      invoker,
      upstream: new UpstreamLlm({ baseUrl: upstream.url, timeoutMs: 200 }),
    });
    upstream.script.push({ hang: true });
    const slow = await post(quick.url, { model: 'm', stream: true, messages: [user('hi')] });
    await quick.close();
    // The upstream sent its headers, so the stream had begun: the timeout is an error chunk.
    assert.equal(slow.status, 200);
    assert.equal(streamError(slow)?.code, 'upstream_timeout');
    assert.ok(slow.done);
  });

  it('ends a started stream with an error chunk and [DONE] when the upstream fails mid-answer', async () => {
    upstream.script.push({
      sse: [...textChunks('Half an '), { error: { message: 'overloaded', type: 'server_error' } }],
    });
    const answer = await post(front.url, { model: 'm', stream: true, messages: [user('hi')] });
    assert.equal(answer.status, 200);
    assert.equal(streamed(answer, 'content'), 'Half an ');
    assert.deepEqual(answer.chunks.at(-1), {
      error: {
        message: 'The upstream model server failed while answering: overloaded',
        type: 'server_error',
        param: null,
        code: 'upstream_error',
      },
    });
    assert.ok(answer.done);

    upstream.script.push({ sse: [...textChunks('Cut'), 'data: {"broken'] });
    const malformed = await post(front.url, { model: 'm', stream: true, messages: [user('hi')] });
    assert.equal(streamError(malformed)?.code, 'upstream_bad_response');

    upstream.script.push({ sse: textChunks('Cut off'), gapMs: 5, cut: true });
    const cut = await post(front.url, { model: 'm', stream: true, messages: [user('hi')] });
    assert.equal(streamError(cut)?.code, 'upstream_unavailable');
    assert.ok(cut.done);
  });

  it('answers 404 for a model outside allowedModels, without asking the upstream', async () => {
    const limited = await startFront({ catalog, invoker, allowedModels: ['llama3'] }, upstream.url);
    try {
      const before = upstream.requests.length;
      const answer = await post(limited.url, { model: 'gpt-4o', messages: [user('hi')] });
      assert.equal(answer.status, 404);
      assert.equal(answer.json.error!.code, 'model_not_found');
      assert.equal(upstream.requests.length, before);
    } finally {
      await limited.close();
    }
  });

  it('does not echo an HTML error page from a proxy in front of the upstream', async () => {
    upstream.script.push({ status: 502, html: '<html><title>502 Bad Gateway</title></html>' });
    const answer = await post(front.url, { model: 'm', messages: [user('hi')] });
    assert.equal(answer.status, 502);
    assert.equal(answer.json.error!.message, 'The upstream model server failed (HTTP 502)');
  });

  it('answers 502 for a malformed non-streamed upstream answer', async () => {
    upstream.script.push({ sse: ['data: not json\n\n'] });
    const answer = await post(front.url, { model: 'm', messages: [user('hi')] });
    assert.equal(answer.status, 502);
    assert.equal(answer.json.error!.code, 'upstream_bad_response');
  });

  it('accepts an upstream that answers JSON although asked to stream', async () => {
    upstream.script.push({
      status: 200,
      json: {
        choices: [
          { index: 0, message: { role: 'assistant', content: 'Plain JSON.' }, finish_reason: 'stop' },
        ],
        usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 },
      },
    });
    const answer = await post(front.url, { model: 'm', stream: true, messages: [user('hi')] });
    assert.equal(streamed(answer, 'content'), 'Plain JSON.');
  });
});

describe('client disconnects', () => {
  it('aborts the tool calls in flight', async () => {
    const upstream = await startFakeUpstream();
    let seen: AbortSignal | undefined;
    const { invoker } = fakeInvoker(
      (_tool, _args, options) =>
        new Promise((_resolve, reject) => {
          seen = options.signal;
          options.signal?.addEventListener('abort', () => reject(new BusError('CANCELLED', 'cancelled')));
        }),
    );
    const front = await startFront({ catalog, invoker }, upstream.url);
    upstream.script.push({ sse: toolCallChunks([{ id: '1', name: 'homeassistant_get_state', args: '{}' }]) });
    const controller = new AbortController();
    const res = await fetch(front.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'm', stream: true, messages: [user('go')] }),
      signal: controller.signal,
    });
    const reader = res.body!.getReader();
    while (!seen) await reader.read();
    controller.abort();
    await front.handled[0];
    assert.equal(seen.aborted, true);
    assert.equal(upstream.requests.length, 1, 'no second upstream call');
    await front.close();
    await upstream.close();
  });

  it('aborts the upstream call', async () => {
    const upstream = await startFakeUpstream([{ hang: true }]);
    const { invoker } = fakeInvoker(() => Promise.resolve(text('ok')));
    const front = await startFront({ catalog, invoker }, upstream.url);
    const controller = new AbortController();
    const res = await fetch(front.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'm', stream: true, messages: [user('go')] }),
      signal: controller.signal,
    });
    await res.body!.getReader().read();
    controller.abort();
    await upstream.requests[0]!.aborted;
    await front.handled[0];
    await front.close();
    await upstream.close();
  });
});
