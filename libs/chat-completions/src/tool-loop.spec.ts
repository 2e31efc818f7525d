import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BusError } from '@mcp-gateway/contracts';
import {
  catalogTool,
  chunk,
  fakeCatalog,
  fakeInvoker,
  finishChunk,
  post,
  sleep,
  startFakeUpstream,
  startFront,
  streamed,
  text,
  textChunks,
  toolCallChunks,
  usageChunk,
  type FakeUpstream,
  type Front,
} from './spec-fakes.js';

const getState = catalogTool('homeassistant_get_state', true, { entity_id: { type: 'string' } });
const callService = catalogTool('homeassistant_call_service', false, {
  entity_id: { type: 'string' },
  service: { type: 'string' },
});
const erpnext = catalogTool('erpnext_list_invoices', true);
const catalog = fakeCatalog([callService, getState, erpnext]);

const user = (content: string) => ({ role: 'user', content });

describe('tool loop', () => {
  let upstream: FakeUpstream;
  let front: Front | undefined;
  const lights = new Map([['light.kitchen', 'off']]);
  let inFlight = 0;
  let maxInFlight = 0;
  const { invoker, calls } = fakeInvoker(async (tool, args) => {
    if (tool === 'homeassistant_call_service') {
      lights.set(String(args['entity_id']), args['service'] === 'turn_on' ? 'on' : 'off');
      return text(`called ${String(args['service'])}`);
    }
    maxInFlight = Math.max(maxInFlight, ++inFlight);
    await sleep(50);
    inFlight--;
    return text(`${String(args['entity_id'])} is ${lights.get(String(args['entity_id'])) ?? 'unknown'}`);
  });

  before(async () => {
    upstream = await startFakeUpstream();
  });
  after(async () => {
    await front?.close();
    await upstream.close();
  });
  beforeEach(async () => {
    await front?.close();
    upstream.requests.length = 0;
    upstream.script.length = 0;
    calls.length = 0;
    maxInFlight = 0;
    lights.set('light.kitchen', 'off');
    front = await startFront({ catalog, invoker, systemPrompt: 'You run a home.' }, upstream.url);
  });

  it('runs a gateway tool that changes state, feeds the result back and streams the final answer', async () => {
    upstream.script.push(
      {
        sse: [
          ...textChunks('Let me do that.'),
          ...toolCallChunks([
            {
              id: 'call_1',
              name: 'homeassistant_call_service',
              args: '{"entity_id":"light.kitchen","service":"turn_on"}',
            },
          ]).slice(1),
        ],
      },
      { sse: [...textChunks('The kitchen light is on.'), finishChunk('stop')] },
    );
    const answer = await post(front!.url, {
      model: 'llama3',
      stream: true,
      temperature: 0.2,
      top_k: 40,
      messages: [{ role: 'system', content: 'Client prompt' }, user('Turn on the kitchen light')],
    });
    assert.equal(answer.status, 200);
    assert.match(answer.headers.get('content-type')!, /^text\/event-stream/);
    assert.equal(answer.headers.get('access-control-allow-origin'), '*');
    assert.ok(answer.raw.startsWith(': ok\n\n'));
    assert.equal(lights.get('light.kitchen'), 'on');

    // What the upstream saw: the system prompt first, the client's fields, the allowed tools only.
    const [first, second] = upstream.requests;
    assert.equal(first!.body.model, 'llama3');
    assert.equal(first!.body.temperature, 0.2);
    assert.equal(first!.body.top_k, 40);
    assert.equal(first!.body.stream, true);
    assert.deepEqual(first!.body.stream_options, { include_usage: true });
    assert.deepEqual(first!.body.messages.slice(0, 2), [
      { role: 'system', content: 'You run a home.' },
      { role: 'system', content: 'Client prompt' },
    ]);
    assert.deepEqual(
      first!.body.tools!.map((t) => t.function.name),
      ['homeassistant_call_service', 'homeassistant_get_state'],
    );
    assert.deepEqual(first!.body.tools![1]!.function.parameters, getState.descriptor.inputSchema);
    const history = second!.body.messages.slice(-2);
    assert.deepEqual(history[0], {
      role: 'assistant',
      content: 'Let me do that.',
      tool_calls: [
        {
          id: 'call_1',
          type: 'function',
          function: {
            name: 'homeassistant_call_service',
            arguments: '{"entity_id":"light.kitchen","service":"turn_on"}',
          },
        },
      ],
    });
    assert.deepEqual(history[1], { role: 'tool', tool_call_id: 'call_1', content: 'called turn_on' });

    // What the client saw: text of both rounds, progress as reasoning, never the gateway's tool calls.
    assert.equal(streamed(answer, 'content'), 'Let me do that.\n\nThe kitchen light is on.');
    const reasoning = streamed(answer, 'reasoning_content');
    assert.match(
      reasoning,
      /Calling homeassistant_call_service \{"entity_id":"light.kitchen","service":"turn_on"\}/,
    );
    assert.match(reasoning, /homeassistant_call_service answered after [\d.]+ s: called turn_on/);
    assert.ok(!answer.raw.includes('tool_calls'));
    const chunks = answer.chunks;
    assert.ok(chunks.every((c) => c.object === 'chat.completion.chunk' && c.id === chunks[0]!.id));
    assert.equal(chunks[0]!.choices![0]!.delta.role, 'assistant');
    assert.equal(chunks.at(-1)!.choices![0]!.finish_reason, 'stop');
    assert.ok(answer.done);
    assert.ok(!answer.raw.includes('"event"'), 'no Open WebUI events without Open WebUI headers');
    assert.equal(calls[0]!.options.caller.surface, 'openai');
    assert.equal(calls[0]!.options.caller.subject, 'api-token:t1');
    assert.equal(calls[0]!.options.timeoutMs, 1_000);
  });

  it('runs the calls of one turn in parallel and returns their results in order', async () => {
    upstream.script.push(
      {
        sse: toolCallChunks([
          { id: 'a', name: 'homeassistant_get_state', args: '{"entity_id":"light.kitchen"}' },
          { id: 'b', name: 'homeassistant_get_state', args: '{"entity_id":"light.porch"}' },
        ]),
      },
      { sse: [...textChunks('Both read.'), finishChunk('stop')] },
    );
    const answer = await post(front!.url, { model: 'm', messages: [user('state?')] });
    assert.equal(maxInFlight, 2, 'both calls ran at the same time');
    assert.equal(answer.status, 200);
    const tools = upstream.requests[1]!.body.messages.filter((m) => m.role === 'tool');
    assert.deepEqual(tools, [
      { role: 'tool', tool_call_id: 'a', content: 'light.kitchen is off' },
      { role: 'tool', tool_call_id: 'b', content: 'light.porch is unknown' },
    ]);
    const message = answer.json.choices[0]!.message;
    assert.equal(message.content, 'Both read.');
    assert.match(message.reasoning_content!, /Calling homeassistant_get_state/);
    assert.equal(message.tool_calls, undefined);
  });

  it('stops after maxIterations rounds with a last call without tools', async () => {
    await front!.close();
    front = await startFront({ catalog, invoker, maxIterations: 2 }, upstream.url);
    const again = (id: string) => ({
      sse: toolCallChunks([{ id, name: 'homeassistant_get_state', args: '{"entity_id":"light.kitchen"}' }]),
    });
    upstream.script.push(again('1'), again('2'), {
      sse: [...textChunks('Giving up: it is off.'), finishChunk('stop')],
    });
    const answer = await post(front.url, { model: 'm', stream: true, messages: [user('loop')] });
    assert.equal(upstream.requests.length, 3);
    assert.ok(upstream.requests[1]!.body.tools);
    const last = upstream.requests[2]!.body;
    assert.equal(last.tools, undefined);
    assert.equal(last.tool_choice, undefined);
    assert.equal(last.messages.at(-1)!.role, 'user');
    assert.match(String(last.messages.at(-1)!.content), /tool-call limit/);
    assert.equal(streamed(answer, 'content'), 'Giving up: it is off.');
    assert.equal(calls.length, 2);
  });

  it('says so when the model still calls tools after the limit', async () => {
    await front!.close();
    front = await startFront({ catalog, invoker, maxIterations: 1 }, upstream.url);
    const again = { sse: toolCallChunks([{ id: 'x', name: 'homeassistant_get_state', args: '{}' }]) };
    upstream.script.push(again, again);
    const answer = await post(front.url, { model: 'm', messages: [user('loop')] });
    const choice = answer.json.choices[0]!;
    assert.match(choice.message.content!, /limit of 1 rounds/);
    assert.equal(choice.finish_reason, 'stop');
  });

  it("returns calls of the client's tools to the client, with index, id, type and name", async () => {
    upstream.script.push({
      sse: [
        ...textChunks('Checking the time.'),
        ...toolCallChunks([{ id: 'call_c', name: 'get_current_timestamp', args: '{"tz":"UTC"}' }]).slice(1),
      ],
    });
    const clientTool = {
      type: 'function',
      function: { name: 'get_current_timestamp', parameters: { type: 'object', properties: {} } },
    };
    // The client also declares a tool named like a gateway tool: the client's wins.
    const clash = {
      type: 'function',
      function: { name: 'homeassistant_get_state', description: 'client side' },
    };
    const answer = await post(front!.url, {
      model: 'm',
      stream: true,
      tool_choice: 'auto',
      parallel_tool_calls: true,
      messages: [user('time?')],
      tools: [clientTool, clash],
    });
    const sent = upstream.requests[0]!.body;
    assert.deepEqual(
      sent.tools!.map((t) => t.function.name),
      ['get_current_timestamp', 'homeassistant_get_state', 'homeassistant_call_service'],
    );
    assert.equal(sent.tools![1]!.function.description, 'client side');
    assert.equal(sent.tool_choice, 'auto');
    assert.equal(sent.parallel_tool_calls, true);
    const fragments = answer.chunks.flatMap((c) => c.choices?.[0]?.delta.tool_calls ?? []);
    assert.deepEqual(fragments[0], {
      index: 0,
      id: 'call_c',
      type: 'function',
      function: { name: 'get_current_timestamp', arguments: '' },
    });
    assert.ok(fragments.every((f) => f.index === 0));
    assert.equal(fragments.map((f) => f.function.arguments).join(''), '{"tz":"UTC"}');
    assert.equal(answer.chunks.at(-1)!.choices![0]!.finish_reason, 'tool_calls');
    assert.ok(answer.done);
    assert.equal(streamed(answer, 'content'), 'Checking the time.');
    assert.equal(calls.length, 0);
    assert.equal(upstream.requests.length, 1);
  });

  it('answers client tool calls in a non-streamed response too', async () => {
    upstream.script.push({
      sse: toolCallChunks([{ id: 'call_c', name: 'search_notes', args: '{"q":"wifi"}' }]),
    });
    const answer = await post(front!.url, {
      model: 'm',
      messages: [user('notes')],
      tools: [{ type: 'function', function: { name: 'search_notes' } }],
    });
    const choice = answer.json.choices[0]!;
    assert.equal(choice.finish_reason, 'tool_calls');
    assert.equal(choice.message.content, null);
    assert.deepEqual(choice.message.tool_calls, [
      { id: 'call_c', type: 'function', function: { name: 'search_notes', arguments: '{"q":"wifi"}' } },
    ]);
  });

  it('feeds unparsable arguments, schema errors, unknown and forbidden tools back to the model', async () => {
    upstream.script.push(
      {
        sse: toolCallChunks([
          { id: '1', name: 'homeassistant_get_state', args: '{"entity_id":' },
          { id: '2', name: 'homeassistant_get_state', args: '{"colour":"red"}' },
          { id: '3', name: 'nope_tool', args: '{}' },
          { id: '4', name: 'truenas_reboot', args: '{}' },
        ]),
      },
      { sse: [...textChunks('Sorry.'), finishChunk('stop')] },
    );
    const answer = await post(front!.url, { model: 'm', messages: [user('go')] });
    assert.equal(answer.status, 200);
    const results = upstream.requests[1]!.body.messages.filter((m) => m.role === 'tool').map((m) =>
      String(m.content),
    );
    assert.match(results[0]!, /^Error: the arguments for homeassistant_get_state are not valid JSON/);
    assert.match(
      results[1]!,
      /^Error: invalid arguments for homeassistant_get_state: unexpected property "colour"/,
    );
    assert.match(results[2]!, /^Error: there is no tool named "nope_tool"/);
    assert.match(results[3]!, /^Error: there is no tool named "truenas_reboot"/);
    assert.equal(calls.length, 0);
    assert.equal(answer.json.choices[0]!.message.content, 'Sorry.');
  });

  it('feeds tool failures and bus errors back as text, but answers 503 when the bus is down', async () => {
    const failing = fakeInvoker((tool) =>
      tool === 'homeassistant_get_state'
        ? Promise.resolve(text('entity not found', true))
        : Promise.reject(
            new BusError('BACKEND_UNAVAILABLE', 'Home Assistant is unreachable (ECONNREFUSED).'),
          ),
    );
    await front!.close();
    front = await startFront({ catalog, invoker: failing.invoker }, upstream.url);
    upstream.script.push(
      {
        sse: toolCallChunks([
          { id: '1', name: 'homeassistant_get_state', args: '{}' },
          { id: '2', name: 'homeassistant_call_service', args: '{}' },
        ]),
      },
      { sse: [...textChunks('It failed.'), finishChunk('stop')] },
    );
    await post(front.url, { model: 'm', messages: [user('go')] });
    const results = upstream.requests[1]!.body.messages.filter((m) => m.role === 'tool').map(
      (m) => m.content,
    );
    assert.deepEqual(results, [
      'Error: entity not found',
      'Error: Home Assistant is unreachable (ECONNREFUSED).',
    ]);

    const down = fakeInvoker(() => Promise.reject(new BusError('BUS_UNAVAILABLE', 'not connected')));
    await front.close();
    front = await startFront({ catalog, invoker: down.invoker }, upstream.url);
    upstream.script.push({ sse: toolCallChunks([{ id: '1', name: 'homeassistant_get_state', args: '{}' }]) });
    const answer = await post(front.url, { model: 'm', messages: [user('go')] });
    assert.equal(answer.status, 503);
    assert.equal(answer.json.error!.type, 'service_unavailable_error');
    assert.equal(answer.json.error!.code, 'bus_unavailable');
  });

  it('sums usage over every upstream call and reports it once, with include_usage', async () => {
    const withUsage = (sse: object[], p: number, c: number) => ({ sse: [...sse, usageChunk(p, c)] });
    upstream.script.push(
      withUsage(toolCallChunks([{ id: '1', name: 'homeassistant_get_state', args: '{}' }]), 100, 10),
      withUsage([...textChunks('Done.'), finishChunk('stop')], 150, 5),
    );
    const answer = await post(front!.url, {
      model: 'm',
      stream: true,
      stream_options: { include_usage: true },
      messages: [user('go')],
    });
    const usage = answer.chunks.filter((c) => c.usage);
    assert.equal(usage.length, 1);
    assert.deepEqual(usage[0]!.choices, []);
    assert.deepEqual(usage[0]!.usage, { prompt_tokens: 250, completion_tokens: 15, total_tokens: 265 });
    assert.equal(answer.chunks.at(-1), usage[0], 'the usage chunk comes last, before [DONE]');
    assert.ok(answer.done);

    upstream.script.push(
      withUsage(toolCallChunks([{ id: '1', name: 'homeassistant_get_state', args: '{}' }]), 1, 2),
      // Usage on every chunk as a running count: the last one is the call's.
      {
        sse: [
          chunk({ content: 'a' }, null, {
            usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 },
          }),
          chunk({}, 'stop', { usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 } }),
        ],
      },
    );
    const json = await post(front!.url, { model: 'm', messages: [user('go')] });
    assert.deepEqual(json.json.usage, { prompt_tokens: 4, completion_tokens: 4, total_tokens: 8 });
  });

  it('reports no usage chunk without include_usage', async () => {
    upstream.script.push({ sse: [...textChunks('Hi.'), finishChunk('stop'), usageChunk(1, 1)] });
    const answer = await post(front!.url, { model: 'm', stream: true, messages: [user('hi')] });
    assert.ok(answer.chunks.every((c) => c.usage === undefined));
  });

  it('sends Open WebUI status events only when Open WebUI headers are present', async () => {
    upstream.script.push(
      { sse: toolCallChunks([{ id: '1', name: 'homeassistant_get_state', args: '{}' }]) },
      { sse: [...textChunks('ok'), finishChunk('stop')] },
    );
    const answer = await post(
      front!.url,
      { model: 'm', stream: true, messages: [user('go')] },
      { 'x-openwebui-chat-id': 'c1', 'x-openwebui-task': '' },
    );
    const events = answer.chunks.filter((c) => c.event);
    assert.deepEqual(
      events.map((e) => e.event),
      [
        { type: 'status', data: { description: 'Running Title of homeassistant_get_state…', done: false } },
        { type: 'status', data: { description: 'Title of homeassistant_get_state: done', done: true } },
      ],
    );
    assert.ok(events.every((e) => Array.isArray(e.choices) && e.choices.length === 0));
    assert.ok(upstream.requests[0]!.body.tools, 'an empty task header is a real chat turn');
  });

  it('forwards Open WebUI background tasks without tools or system prompt', async () => {
    upstream.script.push({ sse: [...textChunks('{"title": "Kitchen"}'), finishChunk('stop')] });
    const answer = await post(
      front!.url,
      {
        model: 'm',
        stream: false,
        max_tokens: 1000,
        messages: [user('### Task:\nGenerate a concise title…')],
      },
      { 'x-openwebui-task': 'title_generation' },
    );
    assert.equal(answer.json.choices[0]!.message.content, '{"title": "Kitchen"}');
    const sent = upstream.requests[0]!.body;
    assert.equal(sent.tools, undefined);
    assert.equal(sent.max_tokens, 1000);
    assert.deepEqual(sent.messages, [user('### Task:\nGenerate a concise title…')]);

    // Without the header, the task prompt's shape gives it away.
    upstream.script.push({ sse: [...textChunks('{"tags": []}'), finishChunk('stop')] });
    await post(front!.url, { model: 'm', messages: [user('### Task:\nGenerate 1-3 broad tags…')] });
    assert.equal(upstream.requests[1]!.body.tools, undefined);
  });

  it('never forwards tools: [] and drops tool_choice when no tool is offered', async () => {
    const none = await startFront({ catalog, invoker }, upstream.url, { subject: 's', scopes: new Set() });
    try {
      await post(none.url, { model: 'm', tools: [], tool_choice: 'auto', n: 2, messages: [user('hi')] });
      const sent = upstream.requests[0]!.body;
      assert.equal('tools' in sent, false);
      assert.equal('tool_choice' in sent, false);
      assert.equal('n' in sent, false);
    } finally {
      await none.close();
    }
  });

  it('keeps the stream alive with comments while a tool runs', async () => {
    const slow = fakeInvoker(async () => {
      await sleep(250);
      return text('done');
    });
    await front!.close();
    front = await startFront({ catalog, invoker: slow.invoker, keepAliveMs: 50 }, upstream.url);
    upstream.script.push(
      { sse: toolCallChunks([{ id: '1', name: 'homeassistant_get_state', args: '{}' }]) },
      { sse: [...textChunks('ok'), finishChunk('stop')] },
    );
    const answer = await post(front.url, { model: 'm', stream: true, messages: [user('go')] });
    assert.ok((answer.raw.match(/: ping\n\n/g) ?? []).length >= 3);
  });
});
