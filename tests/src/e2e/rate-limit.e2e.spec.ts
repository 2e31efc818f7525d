import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import OpenAI from 'openai';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import {
  StreamableHTTPClientTransport,
  StreamableHTTPError,
} from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { startLlmSimulator } from '@mcp-gateway/simulator-llm';
import { startGateway, type RunningGateway } from './gateway-harness.js';
import { CLAUDE_REGISTRATION } from './oauth-helpers.js';

/**
 * Rate limits through real processes and real clients. Every front gets `RATE_LIMIT=12/6` (a burst of six,
 * then one request every five seconds) and one call a minute of `homeassistant_call_service`. Each test
 * uses its own static token, so each starts with a full bucket: `ACCESS_TOKENS` entries are limited apart.
 */
const RATE_LIMIT = '12/6';
const BURST = 6;
const TOOL_LIMITS = 'homeassistant_call_service=1/1';
const TOKEN_REFUSAL =
  /^Rate limit exceeded: this token may make 12 requests per minute \(bursts of 6\); retry after [1-5] s$/;
const TOOL_REFUSAL =
  /Rate limit exceeded: homeassistant_call_service may be called 1 time per minute per token; retry after (59|60) s/;

const token = () => randomBytes(32).toString('base64url');
const mcpTokens = { raw: token(), sdkLimited: token(), sdk: token(), tool: token() };
const openaiTokens = { models: token(), tools: token(), openapi: token(), chat: token() };

const LIGHT_ON = {
  domain: 'light',
  service: 'turn_on',
  target: { entity_id: ['light.kitchen_ceiling'] },
};

type Llm = Awaited<ReturnType<typeof startLlmSimulator>>;

async function sdkClient(gateway: RunningGateway, bearer: string): Promise<Client> {
  const client = new Client({ name: 'e2e-rate-limit', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(gateway.mcpUrl), {
      requestInit: { headers: { Authorization: `Bearer ${bearer}` } },
    }),
  );
  return client;
}

function ping(gateway: RunningGateway, bearer: string, id: string | number): Promise<Response> {
  return fetch(gateway.mcpUrl, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${bearer}`,
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
    },
    body: JSON.stringify({ jsonrpc: '2.0', id, method: 'ping' }),
  });
}

/** Sends requests until the first refusal; returns it and how many went through before it. */
async function untilRefused(send: () => Promise<Response>): Promise<{ passed: number; refused: Response }> {
  for (let passed = 0; passed < 3 * BURST; passed++) {
    const res = await send();
    if (res.status === 429) return { passed, refused: res };
    assert.equal(res.status, 200, await res.text());
    await res.arrayBuffer().catch(() => undefined);
  }
  throw new Error('never refused');
}

function retryAfter(res: Response | Headers): number {
  const value = (res instanceof Headers ? res : res.headers).get('retry-after');
  assert.match(value ?? '', /^[1-9]\d*$/, 'Retry-After is whole seconds');
  return Number(value);
}

async function counted(url: string, surface: string, limit: string): Promise<number> {
  const metrics = await (await fetch(`${url}/metrics`)).text();
  const line = metrics
    .split('\n')
    .find(
      (l) =>
        l.startsWith('gateway_rate_limited_total{') &&
        l.includes(`surface="${surface}"`) &&
        l.includes(`limit="${limit}"`),
    );
  return line ? Number(line.split(' ').pop()) : 0;
}

describe('rate limits, per front replica', () => {
  let gateway: RunningGateway;
  let llm: Llm;
  let openai: string;

  before(async () => {
    llm = await startLlmSimulator({ apiKey: 'upstream-key', models: ['llama3.1:8b'] });
    gateway = await startGateway({
      frontEnv: {
        ACCESS_TOKENS: Object.values(mcpTokens).join(','),
        RATE_LIMIT,
        RATE_LIMIT_TOOLS: TOOL_LIMITS,
        OAUTH_RATE_LIMIT: '12/3',
      },
      openai: {
        ACCESS_TOKENS: Object.values(openaiTokens).join(','),
        RATE_LIMIT,
        RATE_LIMIT_TOOLS: TOOL_LIMITS,
        LLM_BASE_URL: llm.url,
        LLM_API_KEY: 'upstream-key',
      },
    });
    openai = gateway.openaiUrl!;
  });
  after(async () => {
    await gateway?.stop();
    await llm?.close();
  });

  it('/mcp: past the burst a token gets HTTP 429 with Retry-After and a JSON-RPC error carrying the id', async () => {
    let n = 0;
    const { passed, refused } = await untilRefused(() => ping(gateway, mcpTokens.raw, `ping-${++n}`));
    assert.equal(passed, BURST);
    const wait = retryAfter(refused);
    assert.ok(wait <= 5, `Retry-After ${wait}`);
    assert.match(refused.headers.get('content-type') ?? '', /^application\/json/);
    const body = (await refused.json()) as {
      jsonrpc: string;
      id: unknown;
      error: { code: number; message: string };
    };
    assert.equal(body.jsonrpc, '2.0');
    assert.equal(body.id, `ping-${n}`);
    assert.equal(body.error.code, -32000);
    assert.match(body.error.message, TOKEN_REFUSAL);

    const notJsonRpc = await fetch(gateway.mcpUrl, {
      method: 'POST',
      headers: { authorization: `Bearer ${mcpTokens.raw}`, 'content-type': 'application/json' },
      body: '[]',
    });
    assert.equal(notJsonRpc.status, 429);
    assert.equal(((await notJsonRpc.json()) as { id: unknown }).id, null, 'no request id: null');

    const other = await ping(gateway, mcpTokens.tool, 'other-token');
    assert.equal(other.status, 200, 'other tokens have their own bucket');
  });

  it('/mcp: the MCP SDK client sees the 429 as a StreamableHTTPError, and succeeds after Retry-After', async () => {
    const client = await sdkClient(gateway, mcpTokens.sdkLimited);
    let n = 0;
    const { passed, refused } = await untilRefused(() => ping(gateway, mcpTokens.sdkLimited, ++n));
    assert.equal(passed, BURST - 2, 'initialize and notifications/initialized took two');
    const wait = retryAfter(refused);
    await assert.rejects(
      client.listTools(),
      (e: unknown) =>
        e instanceof StreamableHTTPError && e.code === 429 && e.message.includes('Rate limit exceeded'),
    );
    await sleep(wait * 1000);
    assert.ok((await client.listTools()).tools.length > 0);
    await client.close();
  });

  it('/mcp: a per-tool limit refuses the second homeassistant_call_service while get_state still works', async () => {
    const client = await sdkClient(gateway, mcpTokens.sdk);
    const called = await client.callTool({ name: 'homeassistant_call_service', arguments: LIGHT_ON });
    assert.notEqual(called.isError, true);
    await assert.rejects(
      client.callTool({ name: 'homeassistant_call_service', arguments: LIGHT_ON }),
      (e: unknown) => e instanceof StreamableHTTPError && e.code === 429 && TOOL_REFUSAL.test(e.message),
    );
    const read = await client.callTool({
      name: 'homeassistant_get_state',
      arguments: { entity_ids: ['light.kitchen_ceiling'] },
    });
    assert.notEqual(read.isError, true);
    await client.close();

    // On the wire: HTTP 429 on a plain JSON answer, even for a call that asked for progress (SSE).
    const call = (id: number) =>
      fetch(gateway.mcpUrl, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${mcpTokens.tool}`,
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
        },
        body: JSON.stringify({
          jsonrpc: '2.0',
          id,
          method: 'tools/call',
          params: { name: 'homeassistant_call_service', arguments: LIGHT_ON, _meta: { progressToken: id } },
        }),
      });
    assert.equal((await call(1)).status, 200);
    const refused = await call(2);
    assert.equal(refused.status, 429);
    assert.ok(retryAfter(refused) >= 59);
    assert.match(refused.headers.get('content-type') ?? '', /^application\/json/);
    const body = (await refused.json()) as { id: unknown; error: { code: number; message: string } };
    assert.equal(body.id, 2);
    assert.equal(body.error.code, -32000);
    assert.match(body.error.message, TOOL_REFUSAL);
  });

  it('/v1/models: the openai package gets a RateLimitError; the body is an OpenAI error object', async () => {
    const client = new OpenAI({ baseURL: `${openai}/v1`, apiKey: openaiTokens.models, maxRetries: 0 });
    let passed = 0;
    let error: unknown;
    while (passed <= 3 * BURST) {
      try {
        await client.models.list();
        passed++;
      } catch (e) {
        error = e;
        break;
      }
    }
    assert.equal(passed, BURST);
    assert.ok(error instanceof OpenAI.RateLimitError, String(error));
    assert.equal(error.status, 429);
    assert.equal(error.type, 'rate_limit_error');
    assert.equal(error.code, 'rate_limit_exceeded');
    assert.match(error.message, /Rate limit exceeded: this token may make 12 requests per minute/);
    retryAfter(error.headers);

    const raw = await fetch(`${openai}/v1/models`, {
      headers: { authorization: `Bearer ${openaiTokens.models}` },
    });
    assert.equal(raw.status, 429);
    const body = (await raw.json()) as { error: Record<string, unknown> };
    assert.deepEqual(Object.keys(body.error).sort(), ['code', 'message', 'param', 'type']);
    assert.match(String(body.error['message']), TOKEN_REFUSAL);
    assert.deepEqual(
      { ...body.error, message: '…' },
      { message: '…', type: 'rate_limit_error', param: null, code: 'rate_limit_exceeded' },
    );
    await sleep(retryAfter(raw) * 1000);
    assert.ok((await client.models.list()).data.length > 0, 'works again after Retry-After');
  });

  it('/tools/<name>: 429 with Retry-After from the tool limit, while other tools still answer', async () => {
    const post = (name: string, body: unknown, bearer = openaiTokens.tools) =>
      fetch(`${openai}/tools/${name}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    assert.equal((await post('homeassistant_call_service', LIGHT_ON)).status, 200);
    const refused = await post('homeassistant_call_service', LIGHT_ON);
    assert.equal(refused.status, 429);
    assert.ok(retryAfter(refused) >= 59);
    const body = (await refused.json()) as { error: { type: string; message: string } };
    assert.equal(body.error.type, 'rate_limit_error');
    assert.match(body.error.message, TOOL_REFUSAL);
    const read = await post('homeassistant_get_state', { entity_ids: ['light.kitchen_ceiling'] });
    assert.equal(read.status, 200);

    // /openapi.json and /tools share the token's bucket.
    const { passed, refused: byToken } = await untilRefused(() =>
      fetch(`${openai}/openapi.json`, { headers: { authorization: `Bearer ${openaiTokens.openapi}` } }),
    );
    assert.equal(passed, BURST);
    assert.equal(byToken.status, 429);
    retryAfter(byToken);
    const tool = await post(
      'homeassistant_get_state',
      { entity_ids: ['light.kitchen_ceiling'] },
      openaiTokens.openapi,
    );
    assert.equal(tool.status, 429);
    assert.match(((await tool.json()) as { error: { message: string } }).error.message, TOKEN_REFUSAL);
  });

  it('/v1/chat/completions: a rate-limited tool call becomes a result the model reads; the answer succeeds', async () => {
    llm.reset();
    llm.script([
      {
        toolCalls: [
          { name: 'homeassistant_call_service', arguments: LIGHT_ON },
          { name: 'homeassistant_call_service', arguments: LIGHT_ON },
        ],
      },
      { text: 'One of them was rate limited.' },
    ]);
    const client = new OpenAI({ baseURL: `${openai}/v1`, apiKey: openaiTokens.chat, maxRetries: 0 });
    const completion = await client.chat.completions.create({
      model: 'llama3.1:8b',
      messages: [{ role: 'user', content: 'turn the kitchen light on, twice' }],
    });
    assert.equal(completion.choices[0]!.message.content, 'One of them was rate limited.');
    const second = llm.requests[1] as { messages: { role: string; content: unknown }[] };
    const results = second.messages.filter((m) => m.role === 'tool').map((m) => String(m.content));
    assert.equal(results.length, 2);
    assert.equal(results.filter((r) => TOOL_REFUSAL.test(r)).length, 1, results.join('\n'));
    assert.equal(results.filter((r) => r.startsWith('Error:')).length, 1, 'the other call ran');
  });

  it('/oauth/register and /oauth/authorize: 429 per client address after the burst, then fine again', async () => {
    const register = () =>
      fetch(`${gateway.baseUrl}/oauth/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(CLAUDE_REGISTRATION),
      });
    for (let i = 0; i < 3; i++) assert.equal((await register()).status, 201);
    const refused = await register();
    assert.equal(refused.status, 429);
    assert.ok(retryAfter(refused) <= 5);
    assert.equal(refused.headers.get('cache-control'), 'no-store');
    const body = (await refused.json()) as Record<string, string>;
    assert.equal(body['error'], 'temporarily_unavailable');
    assert.match(
      body['error_description'] ?? '',
      /^Too many requests from this address: at most 12 per minute \(bursts of 3\); retry after [1-5] s$/,
    );

    const page = await fetch(`${gateway.baseUrl}/oauth/authorize?client_id=x&response_type=code`);
    assert.equal(page.status, 429);
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(await page.text(), /Too many requests/);

    await sleep(retryAfter(page) * 1000);
    assert.equal((await register()).status, 201, 'registers again after Retry-After');
  });

  it('counts every refusal in gateway_rate_limited_total by surface and limit', async () => {
    assert.equal(await counted(gateway.baseUrl, 'mcp', 'token'), 4);
    assert.equal(await counted(gateway.baseUrl, 'mcp', 'tool'), 2);
    assert.equal(await counted(gateway.baseUrl, 'oauth', 'address'), 2);
    assert.equal(await counted(openai, 'openai', 'token'), 2);
    assert.equal(await counted(openai, 'openai', 'tool'), 1);
    assert.equal(await counted(openai, 'openapi', 'tool'), 1);
    assert.equal(await counted(openai, 'openapi', 'token'), 2);
  });
});
