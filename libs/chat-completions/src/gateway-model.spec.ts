import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BusError } from '@mcp-gateway/contracts';
import {
  catalogTool,
  fakeCatalog,
  fakeInvoker,
  post,
  startFront,
  streamed,
  streamError,
  text,
  type Front,
} from './spec-fakes.js';

const getState = catalogTool('homeassistant_get_state', true, {
  entity_ids: { type: 'array', items: { type: 'string' } },
});
const callService = catalogTool('homeassistant_call_service', false);
const reboot = catalogTool('truenas_reboot', false);
const catalog = fakeCatalog([callService, getState, reboot]);
const reader = { subject: 'api-token:r', scopes: new Set(['homeassistant:read']) };

const ask = (content: string, stream = false) => ({
  model: 'gateway',
  stream,
  messages: [{ role: 'user', content }],
});

describe('the gateway model', () => {
  const { invoker, calls } = fakeInvoker((tool, args) =>
    tool === 'homeassistant_get_state'
      ? Promise.resolve(text(JSON.stringify({ states: args['entity_ids'], value: 'on' })))
      : Promise.reject(new BusError('BUS_UNAVAILABLE', 'down')),
  );
  let front: Front;
  before(async () => {
    front = await startFront({ catalog, invoker }, undefined, reader);
  });
  after(() => front.close());

  it("lists the tools the caller's scopes allow, one line each", async () => {
    const answer = await post(front.url, ask('hello'));
    assert.equal(answer.status, 200);
    const completion = answer.json;
    assert.equal(completion.object, 'chat.completion');
    assert.equal(completion.model, 'gateway');
    assert.deepEqual(completion.usage, { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 });
    const content = completion.choices[0]!.message.content!;
    assert.match(content, /^You can use 1 tool:/);
    assert.match(content, /- `homeassistant_get_state` — Does homeassistant_get_state\.\n/);
    assert.ok(!content.includes('call_service') && !content.includes('truenas'));
    assert.match(content, /`\/homeassistant_get_state \{\}`/);
  });

  it('runs an explicit call and answers with its result, streamed', async () => {
    const answer = await post(
      front.url,
      ask('/homeassistant_get_state {"entity_ids":["light.kitchen"]}', true),
    );
    assert.equal(answer.status, 200);
    assert.equal(streamed(answer, 'content'), '{"states":["light.kitchen"],"value":"on"}');
    assert.match(streamed(answer, 'reasoning_content'), /Calling homeassistant_get_state/);
    assert.deepEqual(calls.at(-1)!.args, { entity_ids: ['light.kitchen'] });
    assert.equal(answer.chunks.at(-1)!.choices![0]!.finish_reason, 'stop');
    assert.ok(answer.done);
  });

  it('answers clear errors for bad JSON, bad arguments, unknown and forbidden tools', async () => {
    const before = calls.length;
    const content = async (message: string) =>
      (await post(front.url, ask(message))).json.choices[0]!.message.content!;
    assert.match(await content('/homeassistant_get_state {"entity_ids": ['), /not valid JSON/);
    assert.match(await content('/homeassistant_get_state {"entity_ids": "x"}'), /entity_ids must be array/);
    assert.match(await content('/nope {}'), /no tool named "nope"[\s\S]*list your tools/);
    assert.match(await content('/truenas_reboot'), /needs the truenas:write scope/);
    assert.equal(calls.length, before);
  });

  it('answers 503 when the bus is down (JSON), or an error chunk once streaming', async () => {
    const writer = await startFront({ catalog, invoker }, undefined, {
      subject: 'w',
      scopes: new Set(['*']),
    });
    try {
      const json = await post(writer.url, ask('/homeassistant_call_service'));
      assert.equal(json.status, 503);
      assert.equal(json.json.error!.code, 'bus_unavailable');
      const stream = await post(writer.url, ask('/homeassistant_call_service', true));
      assert.equal(stream.status, 200);
      assert.equal(streamError(stream)?.code, 'bus_unavailable');
      assert.ok(stream.done);
    } finally {
      await writer.close();
    }
  });

  it('keeps every streamed line well under 64 KiB, however long the result', async () => {
    const long = 'é🙂'.repeat(30_000); // 90,000 UTF-16 units: under MAX_RESULT_CHARS, so not cut
    const big = fakeInvoker(() => Promise.resolve(text(long)));
    const bigFront = await startFront({ catalog, invoker: big.invoker }, undefined, reader);
    try {
      const answer = await post(bigFront.url, ask('/homeassistant_get_state {}', true));
      const longest = Math.max(...answer.raw.split('\n').map((line) => Buffer.byteLength(line)));
      assert.ok(longest < 32 * 1024, `longest line ${longest} bytes`);
      assert.ok(streamed(answer, 'content') === long, 'the pieces add up to the whole result');
    } finally {
      await bigFront.close();
    }
  });
});

describe('requests ChatCompletions refuses', () => {
  const { invoker } = fakeInvoker(() => Promise.resolve(text('ok')));
  let front: Front;
  before(async () => {
    front = await startFront({ catalog, invoker });
  });
  after(() => front.close());

  it('answers 400 with an OpenAI error object for malformed requests', async () => {
    const bad: unknown[] = [
      'not json',
      [],
      { messages: [{ role: 'user', content: 'hi' }] },
      { model: 'gateway', messages: [] },
      { model: 'gateway', messages: [{ content: 'no role' }] },
      { model: 'gateway', stream: 'yes', messages: [{ role: 'user', content: 'hi' }] },
      { model: 'gateway', tools: {}, messages: [{ role: 'user', content: 'hi' }] },
      {
        model: 'gateway',
        tools: [{ type: 'function', function: { name: 'has space' } }],
        messages: [{ role: 'user', content: 'hi' }],
      },
    ];
    for (const body of bad) {
      const answer = await post(front.url, body);
      assert.equal(answer.status, 400, JSON.stringify(body));
      assert.equal(answer.json.error!.type, 'invalid_request_error');
      assert.equal(typeof answer.json.error!.message, 'string');
      assert.equal(answer.headers.get('access-control-allow-origin'), '*');
    }
  });

  it('accepts unknown fields and every content shape', async () => {
    const answer = await post(front.url, {
      model: 'gateway',
      user: { name: 'x' },
      top_k: 3,
      max_completion_tokens: 5,
      messages: [
        { role: 'developer', content: 'be nice' },
        { role: 'assistant', content: null },
        { role: 'user', content: [{ type: 'text', text: 'hi' }] },
      ],
    });
    assert.equal(answer.status, 200);
  });

  it('answers 404 for a model other than gateway without an upstream', async () => {
    const answer = await post(front.url, { model: 'llama3', messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(answer.status, 404);
    assert.equal(answer.json.error!.code, 'model_not_found');
  });
});
