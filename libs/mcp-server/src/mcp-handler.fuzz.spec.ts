import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compileSchema, type ToolDescriptor, type ToolResult } from '@mcp-gateway/contracts';
import type { CatalogTool, ToolCatalog, ToolInvoker } from '@mcp-gateway/catalog';
import { hostileJsonText, hostileString, PROTOTYPE_KEYS } from '@mcp-gateway/testing';
import { MessageError, errorMessage, parseJson } from './jsonrpc.js';
import { McpHandler } from './mcp-handler.js';
import { LEGACY_VERSIONS, MODERN_VERSION, RPC } from './protocol.js';
import type { McpResponder, Principal } from './responder.js';

const RUNS = { numRuns: 2000 };

function tool(name: string, readOnly: boolean): CatalogTool {
  const descriptor = {
    name,
    title: name,
    description: name,
    inputSchema: {
      type: 'object',
      properties: {
        entity_id: { type: 'string', pattern: '^[a-z_]+\\.[a-z0-9_]+$', maxLength: 255 },
        data: { type: 'object' },
      },
      required: ['entity_id'],
      additionalProperties: false,
    },
    annotations: {
      readOnlyHint: readOnly,
      destructiveHint: !readOnly,
      idempotentHint: readOnly,
      openWorldHint: false,
    },
  } as unknown as ToolDescriptor;
  return {
    connector: 'homeassistant',
    descriptor,
    validate: compileSchema(descriptor.inputSchema),
    scope: `homeassistant:${readOnly ? 'read' : 'write'}`,
  };
}

const TOOLS = [tool('homeassistant_call_service', false), tool('homeassistant_get_state', true)];
const catalog = {
  version: 1,
  tool: (name: string) => TOOLS.find((t) => t.descriptor.name === name),
  tools: () => TOOLS,
} as unknown as ToolCatalog;
/** Like the bus, it serialises the arguments: a value that cannot cross the bus fails here too. */
const invoker = {
  invoke: (_tool: CatalogTool, args: Record<string, unknown>): Promise<ToolResult> => {
    JSON.stringify(args);
    return Promise.resolve({ content: [{ type: 'text', text: 'ok' }] });
  },
} as unknown as ToolInvoker;

const handler = new McpHandler({
  server: { name: 'gw', title: 'gw', version: '1', instructions: '' },
  catalog,
  invoker,
  pageSize: 1,
  keepAliveMs: 60_000,
  listTtlMs: 1000,
  insufficientScope: () => ({ 'www-authenticate': 'Bearer error="insufficient_scope"' }),
});

interface Answer {
  status: number;
  body: string;
}

/** Records what the handler answers; more than one answer is a bug. */
function responder(answers: Answer[]): McpResponder {
  return {
    signal: new AbortController().signal,
    json: (status, body) => answers.push({ status, body }),
    accepted: () => answers.push({ status: 202, body: '' }),
    sse: () => {
      const answer = { status: 200, body: '' };
      answers.push(answer);
      return {
        message: (json) => (answer.body = json),
        comment: () => undefined,
        end: () => undefined,
      };
    },
  };
}

const METHODS = [
  'initialize',
  'ping',
  'logging/setLevel',
  'server/discover',
  'tools/list',
  'tools/call',
  'resources/list',
  'resources/templates/list',
  'resources/read',
  'prompts/list',
  'prompts/get',
  'completion/complete',
  'notifications/initialized',
  ...PROTOTYPE_KEYS,
];
const META = `{"io.modelcontextprotocol/protocolVersion":"${MODERN_VERSION}","io.modelcontextprotocol/clientCapabilities":{}}`;

/** JSON-RPC requests as text, right and wrong in every field the dispatcher reads. */
/** Mostly `valid`, sometimes anything: deep enough into the dispatcher to reach every method's params. */
const usually = (valid: fc.Arbitrary<string>, depth: number) =>
  fc.oneof({ arbitrary: valid, weight: 4 }, { arbitrary: hostileJsonText(depth), weight: 1 });
/** Objects whose prototype-named members are not what `Object.prototype` would give. */
const impostor = fc
  .constantFrom(...PROTOTYPE_KEYS)
  .chain((key) =>
    fc.constantFrom('null', '1', '"x"', '{}').map((value) => `{${JSON.stringify(key)}:${value}}`),
  );

/** JSON-RPC requests as text, right and wrong in every field the dispatcher reads. */
const rpcText = fc
  .record(
    {
      jsonrpc: usually(fc.constant('"2.0"'), 1),
      id: usually(fc.constantFrom('1', '"a"', '1.5', '-0', 'null', '{}', '1e999'), 1),
      method: usually(
        fc.constantFrom(...METHODS).map((m) => JSON.stringify(m)),
        1,
      ),
      name: usually(
        fc.oneof(
          {
            arbitrary: fc.constantFrom('"homeassistant_get_state"', '"homeassistant_call_service"'),
            weight: 1,
          },
          { arbitrary: impostor, weight: 2 },
        ),
        2,
      ),
      arguments: usually(
        fc.constantFrom('{"entity_id":"light.kitchen"}', '{"entity_id":"light.kitchen","data":{"a":[1]}}'),
        3,
      ),
      extra: fc.constantFrom('', `"_meta":${META},`, '"_meta":{"progressToken":1},', `"_meta":"x",`),
      param: fc.constantFrom('cursor', 'level', 'uri', 'protocolVersion', '__proto__'),
      value: fc.oneof(impostor, hostileJsonText(2)),
    },
    { requiredKeys: ['jsonrpc', 'method', 'extra', 'param', 'value'] },
  )
  .map((m) => {
    const params = `{${m.extra}${m.name ? `"name":${m.name},` : ''}${m.arguments ? `"arguments":${m.arguments},` : ''}"${m.param}":${m.value}}`;
    const fields = [
      m.jsonrpc ? `"jsonrpc":${m.jsonrpc}` : '',
      m.id ? `"id":${m.id}` : '',
      m.method ? `"method":${m.method}` : '',
      `"params":${params}`,
    ];
    return `{${fields.filter(Boolean).join(',')}}`;
  });

const headers = fc.record({
  'mcp-protocol-version': fc.option(
    fc.oneof(fc.constantFrom(MODERN_VERSION, ...LEGACY_VERSIONS), hostileString()),
    { nil: undefined },
  ),
  'mcp-method': fc.option(fc.oneof(fc.constantFrom(...METHODS), hostileString()), { nil: undefined }),
  'mcp-name': fc.option(fc.oneof(fc.constantFrom('homeassistant_get_state'), hostileString()), {
    nil: undefined,
  }),
});

const principal = fc.constantFrom<Principal>(
  { subject: 'owner', scopes: new Set(['*']) },
  { subject: 'reader', scopes: new Set(['homeassistant:read']) },
  { subject: 'nobody', scopes: new Set() },
);

const CODES = new Set<number>([
  RPC.parseError,
  RPC.invalidRequest,
  RPC.methodNotFound,
  RPC.invalidParams,
  RPC.headerMismatch,
  RPC.unsupportedProtocolVersion,
  RPC.resourceNotFound,
]);

/** What the HTTP edge does with a body: parse it (a 400 on a MessageError), then dispatch. */
async function post(
  text: string,
  sent: Record<string, string | undefined>,
  who: Principal,
): Promise<Answer[]> {
  const answers: Answer[] = [];
  let body: unknown;
  try {
    body = parseJson(text);
  } catch (error) {
    assert.ok(error instanceof MessageError);
    return [{ status: 400, body: errorMessage(null, { code: error.code, message: error.message }) }];
  }
  await handler.handle(body, (name) => sent[name], who, responder(answers));
  return answers;
}

function requestId(text: string): unknown {
  try {
    const body = JSON.parse(text) as Record<string, unknown>;
    const id = body['id'];
    return typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id)) ? id : undefined;
  } catch {
    return undefined;
  }
}

describe('McpHandler under arbitrary requests', () => {
  it('answers every body exactly once, with a 2xx/4xx and a well-formed JSON-RPC answer carrying the request id', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof({ arbitrary: rpcText, weight: 4 }, { arbitrary: hostileJsonText(), weight: 1 }),
        headers,
        principal,
        async (text, sent, who) => {
          const answers = await post(text, sent, who);
          assert.equal(answers.length, 1, 'exactly one answer');
          const [{ status, body }] = answers as [Answer];
          assert.ok([200, 202, 400, 403, 404].includes(status), `status ${status}`);
          if (status === 202) return assert.equal(body, '');
          const answer = JSON.parse(body) as {
            jsonrpc: string;
            id: unknown;
            result?: unknown;
            error?: { code: number };
          };
          assert.equal(answer.jsonrpc, '2.0');
          assert.ok('result' in answer !== 'error' in answer, 'a result or an error');
          if (answer.error) assert.ok(CODES.has(answer.error.code), `code ${answer.error.code}`);
          const id = requestId(text);
          if (id !== undefined && answer.id !== null)
            assert.equal(JSON.stringify(answer.id), JSON.stringify(id));
        },
      ),
      RUNS,
    );
  });
});

describe('regression: values that are not what they claim (found by the hostile corpus)', () => {
  it('prompts/get with a name whose toString is not a function is -32602, not an exception (was HTTP 500)', async () => {
    const [answer] = await post(
      '{"jsonrpc":"2.0","id":1,"method":"prompts/get","params":{"name":{"toString":null}}}',
      {},
      { subject: 'owner', scopes: new Set(['*']) },
    );
    assert.equal(answer?.status, 200);
    assert.deepEqual(JSON.parse(answer?.body ?? ''), {
      jsonrpc: '2.0',
      id: 1,
      error: { code: RPC.invalidParams, message: 'Invalid params: "name" must be a string' },
    });
  });

  it('resources/read with a uri nested 10k levels deep is refused before anything serialises it', async () => {
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    const [answer] = await post(
      `{"jsonrpc":"2.0","id":1,"method":"resources/read","params":{"uri":${deep}}}`,
      {},
      { subject: 'owner', scopes: new Set(['*']) },
    );
    assert.equal(answer?.status, 400);
    assert.equal(
      (JSON.parse(answer?.body ?? '') as { error: { code: number } }).error.code,
      RPC.invalidRequest,
    );
  });
});
