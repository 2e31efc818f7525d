import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import OpenAI from 'openai';
import { Validator } from '@seriousme/openapi-schema-validator';
import { REPO_ROOT, readOpenWebUiStream } from '@mcp-gateway/testing';
import { startLlmSimulator } from '@mcp-gateway/simulator-llm';
import { startGateway, type RunningGateway } from './gateway-harness.js';

const run = promisify(execFile);

type Llm = Awaited<ReturnType<typeof startLlmSimulator>>;

async function haState(gateway: RunningGateway, entityId: string): Promise<string> {
  const res = await fetch(`${gateway.haUrl}/api/states/${entityId}`, {
    headers: { Authorization: `Bearer ${gateway.haToken}` },
  });
  return ((await res.json()) as { state: string }).state;
}

describe('the OpenAI-compatible API with a scripted upstream LLM', () => {
  let gateway: RunningGateway;
  let llm: Llm;
  let openai: OpenAI;
  let base: string;

  before(async () => {
    llm = await startLlmSimulator({
      apiKey: 'upstream-key',
      models: ['llama3.1:8b', 'qwen2.5:7b', 'hidden-model'],
    });
    gateway = await startGateway({
      openai: {
        LLM_BASE_URL: llm.url,
        LLM_API_KEY: 'upstream-key',
        LLM_MODELS: 'llama3.1:8b,qwen2.5:7b',
        LLM_MAX_TOOL_ROUNDS: '3',
        SYSTEM_PROMPT: 'You are the household assistant.',
        ALLOWED_ORIGINS: 'https://chat.example.com',
      },
    });
    base = gateway.openaiUrl!;
    openai = new OpenAI({ baseURL: `${base}/v1`, apiKey: gateway.token, maxRetries: 0 });
  });
  after(async () => {
    await gateway?.stop();
    await llm?.close();
  });

  it('lists the upstream models it is allowed to, plus the built-in gateway model', async () => {
    const ids = (await openai.models.list()).data.map((m) => m.id).sort();
    assert.deepEqual(ids, ['gateway', 'llama3.1:8b', 'qwen2.5:7b']);
    assert.equal((await openai.models.retrieve('gateway')).id, 'gateway');
    await assert.rejects(openai.models.retrieve('nope'), (e: unknown) => e instanceof OpenAI.NotFoundError);
  });

  it('runs a tool the model asks for, changes the home, and streams the answer', async () => {
    llm.reset();
    assert.equal(await haState(gateway, 'light.kitchen_ceiling'), 'on');
    llm.script([
      {
        toolCalls: [
          {
            name: 'homeassistant_call_service',
            arguments: {
              domain: 'light',
              service: 'turn_off',
              target: { entity_id: ['light.kitchen_ceiling'] },
            },
          },
        ],
      },
      { text: 'The kitchen light is off now.' },
    ]);
    const stream = await openai.chat.completions.create({
      model: 'llama3.1:8b',
      messages: [{ role: 'user', content: 'turn off the kitchen lights' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let content = '';
    let reasoning = '';
    let usage: OpenAI.CompletionUsage | undefined | null;
    for await (const chunk of stream) {
      content += chunk.choices[0]?.delta.content ?? '';
      reasoning +=
        (chunk.choices[0]?.delta as { reasoning_content?: string } | undefined)?.reasoning_content ?? '';
      assert.equal(chunk.choices[0]?.delta.tool_calls, undefined, 'gateway tool calls are never streamed');
      if (chunk.usage) usage = chunk.usage;
    }
    assert.equal(content, 'The kitchen light is off now.');
    assert.match(reasoning, /homeassistant_call_service/);
    assert.equal(await haState(gateway, 'light.kitchen_ceiling'), 'off');
    assert.ok(usage && usage.total_tokens > 0, 'usage reported once at the end');
    // The upstream saw the system prompt and the gateway's tools, then the tool result.
    const [first, second] = llm.requests as {
      messages: { role: string; content: unknown }[];
      tools?: { function: { name: string } }[];
    }[];
    assert.equal(first!.messages[0]!.role, 'system');
    assert.match(String(first!.messages[0]!.content), /household assistant/);
    assert.ok(first!.tools?.some((t) => t.function.name === 'homeassistant_get_state'));
    assert.ok(second!.messages.some((m) => m.role === 'tool'));
  });

  it('runs parallel tool calls and answers without streaming, summing usage', async () => {
    llm.reset();
    llm.script([
      {
        toolCalls: [
          { name: 'homeassistant_get_state', arguments: { entity_ids: ['light.kitchen_ceiling'] } },
          { name: 'homeassistant_get_state', arguments: { entity_ids: ['lock.front_door'] } },
        ],
      },
      { text: 'Both checked.' },
    ]);
    const completion = await openai.chat.completions.create({
      model: 'llama3.1:8b',
      messages: [{ role: 'user', content: 'is the kitchen light on and the door locked?' }],
    });
    assert.equal(completion.choices[0]!.message.content, 'Both checked.');
    const second = llm.requests[1] as { messages: { role: string }[] };
    assert.equal(second.messages.filter((m) => m.role === 'tool').length, 2);
    assert.ok(completion.usage!.total_tokens >= 2, 'usage covers both upstream calls');
  });

  it('stops at the tool-round limit with an answer', async () => {
    llm.reset();
    const again = {
      toolCalls: [{ name: 'homeassistant_get_state', arguments: { entity_ids: ['light.kitchen_ceiling'] } }],
    };
    llm.script([again, again, again, again, again, { text: 'Giving up.' }]);
    const completion = await openai.chat.completions.create({
      model: 'llama3.1:8b',
      messages: [{ role: 'user', content: 'loop forever' }],
    });
    assert.ok(llm.requests.length <= 5, `upstream called ${llm.requests.length} times`);
    assert.equal(completion.choices[0]!.message.tool_calls, undefined);
    assert.ok((completion.choices[0]!.message.content ?? '').length > 0);
  });

  it("returns the client's own tool calls to the client, streamed by index", async () => {
    llm.reset();
    llm.script([{ toolCalls: [{ name: 'search_notes', arguments: { query: 'wifi password' } }] }]);
    const res = await fetch(`${base}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${gateway.token}` },
      body: JSON.stringify({
        model: 'llama3.1:8b',
        stream: true,
        messages: [{ role: 'user', content: 'what is the wifi password?' }],
        tools: [
          {
            type: 'function',
            function: {
              name: 'search_notes',
              parameters: { type: 'object', properties: { query: { type: 'string' } } },
            },
          },
        ],
      }),
    });
    assert.equal(res.status, 200);
    const read = await readOpenWebUiStream(res);
    assert.equal(read.finishReason, 'tool_calls');
    assert.equal(read.toolCalls.length, 1);
    assert.equal(read.toolCalls[0]!.function.name, 'search_notes');
    assert.deepEqual(JSON.parse(read.toolCalls[0]!.function.arguments), { query: 'wifi password' });
  });

  it('streams in a form Open WebUI reads, and reports upstream failures as OpenAI errors', async () => {
    llm.reset();
    llm.script([{ text: 'Hello from upstream.' }]);
    const ok = await fetch(`${base}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${gateway.token}` },
      body: JSON.stringify({
        model: 'qwen2.5:7b',
        stream: true,
        messages: [{ role: 'user', content: 'hi' }],
      }),
    });
    assert.equal((await readOpenWebUiStream(ok)).content, 'Hello from upstream.');

    llm.script([{ error: { status: 503, message: 'model is loading' } }]);
    await assert.rejects(
      openai.chat.completions.create({ model: 'qwen2.5:7b', messages: [{ role: 'user', content: 'hi' }] }),
      (e: unknown) =>
        e instanceof OpenAI.APIError && (e.status ?? 0) >= 500 && e.message.includes('model is loading'),
    );

    llm.script([{ streamError: 'upstream fell over' }]);
    const broken = await fetch(`${base}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${gateway.token}` },
      body: JSON.stringify({
        model: 'qwen2.5:7b',
        stream: true,
        messages: [{ role: 'user', content: 'hi' }],
      }),
    });
    const read = await readOpenWebUiStream(broken);
    assert.ok(read.errors.length > 0, 'an error chunk, then [DONE]');

    const bad = await fetch(`${base}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${gateway.token}` },
      body: '{"model":',
    });
    assert.equal(bad.status, 400);
    assert.equal(((await bad.json()) as { error: { type: string } }).error.type, 'invalid_request_error');
  });

  it('the built-in gateway model lists the tools and runs an explicit call, without an LLM', async () => {
    const requestsBefore = llm.requests.length;
    const listing = await openai.chat.completions.create({
      model: 'gateway',
      messages: [{ role: 'user', content: 'what can you do?' }],
    });
    assert.match(listing.choices[0]!.message.content ?? '', /homeassistant_get_state/);
    const call = await openai.chat.completions.create({
      model: 'gateway',
      messages: [{ role: 'user', content: '/homeassistant_get_state {"entity_ids":["lock.front_door"]}' }],
    });
    assert.match(call.choices[0]!.message.content ?? '', /lock\.front_door/);
    // The issue's own example form: one entity_id.
    const single = await openai.chat.completions.create({
      model: 'gateway',
      messages: [{ role: 'user', content: '/homeassistant_get_state {"entity_id":"light.kitchen_ceiling"}' }],
    });
    assert.match(single.choices[0]!.message.content ?? '', /light\.kitchen_ceiling/);
    assert.equal(llm.requests.length, requestsBefore, 'the upstream was not used');
  });

  it('answers CORS preflights without auth, and puts CORS headers on errors too', async () => {
    const preflight = await fetch(`${base}/v1/chat/completions`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://chat.example.com',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), 'https://chat.example.com');
    assert.match(preflight.headers.get('access-control-allow-methods') ?? '', /POST/);
    assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /authorization/);
    const unauthorized = await fetch(`${base}/v1/models`, {
      headers: { origin: 'https://chat.example.com' },
    });
    assert.equal(unauthorized.status, 401);
    assert.equal(unauthorized.headers.get('access-control-allow-origin'), 'https://chat.example.com');
    assert.equal(((await unauthorized.json()) as { error: { code: string } }).error.code, 'invalid_api_key');
    const other = await fetch(`${base}/v1/models`, { headers: { origin: 'https://evil.example' } });
    assert.equal(other.headers.get('access-control-allow-origin'), null);
  });

  it('serves the tools as a valid OpenAPI tool server, limited to the token scopes', async () => {
    const { stdout } = await run(
      process.execPath,
      [
        'dist/apps/cli/main.js',
        'token',
        'create',
        '--name',
        'webui-tools',
        '--scopes',
        'homeassistant:read',
        '--json',
      ],
      { cwd: REPO_ROOT, env: { ...process.env, ...gateway.env } },
    );
    const readToken = (JSON.parse(stdout) as { token: string }).token;
    const spec = (await (
      await fetch(`${base}/openapi.json`, { headers: { authorization: `Bearer ${readToken}` } })
    ).json()) as { paths: Record<string, unknown> };
    const result = await new Validator().validate(spec);
    assert.equal(result.valid, true, JSON.stringify(result.errors));
    assert.ok(spec.paths['/tools/homeassistant_get_state']);
    assert.equal(
      spec.paths['/tools/homeassistant_call_service'],
      undefined,
      'write tools need a write scope',
    );

    const post = (name: string, body: unknown, token = readToken) =>
      fetch(`${base}/tools/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
    const state = await post('homeassistant_get_state', { entity_ids: ['lock.front_door'] });
    assert.equal(state.status, 200);
    assert.match(JSON.stringify(await state.json()), /lock\.front_door/);
    assert.equal(
      (await post('homeassistant_call_service', { domain: 'light', service: 'turn_on' })).status,
      403,
    );
    const invalid = await post('homeassistant_get_state', { entity_ids: 'not-an-array' });
    assert.equal(invalid.status, 422);
    assert.ok(((await invalid.json()) as { detail: string }).detail.length > 0);
    assert.equal((await post('homeassistant_nope', {})).status, 404);
  });
});
