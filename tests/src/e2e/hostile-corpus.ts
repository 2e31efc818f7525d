import {
  createHash,
  createHmac,
  createPrivateKey,
  generateKeyPairSync,
  randomBytes,
  sign,
  type JsonWebKey,
} from 'node:crypto';
import { SignJWT, UnsecuredJWT, importJWK, type JWK } from 'jose';

/**
 * Hostile and malformed requests for both fronts (issue 7, point 5), as data: what is sent, byte for byte
 * where it matters, and exactly what the answer must be. `hostile.e2e.spec.ts` sends them; nothing here
 * talks to a server.
 *
 * Every case must be refused with a 4xx (or, on `/mcp`, the JSON-RPC error the spec prescribes), never a
 * 5xx, never a hang. The few cases answered 200 are the ones the protocols define that way, and say so:
 * a JSON-RPC error object at HTTP 200 (legacy MCP), a tool result with `isError` (SEP-1303: bad arguments
 * are data for the model), a `gateway`-model completion whose text is the error, and discovery documents
 * that must come back unchanged whatever junk rides along.
 */

export type Front = 'mcp' | 'openai';

/** The shape the answer's body must have. */
export type BodyShape =
  /** `{"jsonrpc":"2.0","id":…,"error":{"code","message"}}` */
  | 'jsonrpc-error'
  /** A JSON-RPC result `{content, isError: true}`: invalid arguments are a tool error (SEP-1303). */
  | 'tool-error'
  /** `{"error":{"message","type","param","code"}}` */
  | 'openai-error'
  /** A `chat.completion` from the `gateway` model whose answer text starts with `Error:`. */
  | 'completion-error'
  /** RFC 6749 §5.2: `{"error": "<code>", "error_description"}` */
  | 'oauth-error'
  /** `{"detail": "…"}` (the OpenAPI tool server) */
  | 'detail'
  /** The login/consent error page (`text/html`). */
  | 'html'
  /** Nest's own `{"statusCode","message"}`: unknown routes and undecodable path parameters. */
  | 'nest-error'
  /** A JSON document served as is (metadata, JWKS). */
  | 'json'
  /** No body: Node's own refusal of a request it cannot parse, or a 202/HEAD. */
  | 'empty';

export interface Expectation {
  /** The statuses allowed (exact values; every one a 4xx unless the protocol says otherwise). */
  readonly status: readonly number[];
  readonly body: BodyShape;
  /** For JSON-RPC errors: the codes allowed. */
  readonly rpcCodes?: readonly number[];
  /** For JSON-RPC answers: the id the answer must carry (`null` when the request's id was unusable). */
  readonly rpcId?: unknown;
  /** For OAuth errors: the `error` codes allowed. */
  readonly oauthErrors?: readonly string[];
  /** The server may hang up instead of answering (Node refusing unparseable bytes mid-write). */
  readonly closeAllowed?: boolean;
  /** The answer (or the hang-up) must come within this many ms. Default 10 s. */
  readonly withinMs?: number;
  /** Text that must not appear in the answer's headers or body (reflection, header injection). */
  readonly notReflected?: string;
  /** A header that must be present on the answer (e.g. `www-authenticate` on a 401). */
  readonly header?: string;
}

export type Body = string | Buffer | (() => Buffer);

export interface HostileCase {
  readonly group: string;
  readonly name: string;
  readonly front: Front;
  readonly method: string;
  /** The request target exactly as sent (percent-encoding and all). */
  readonly path: string;
  /** Extra header lines, in order, names and values untouched (latin1 on the wire). */
  readonly headers?: readonly (readonly [string, string])[];
  /** `token`: the gateway's valid bearer token; a string: that whole Authorization value; default none. */
  readonly auth?: string;
  /** Replaces the `Host` header (`null` leaves it out). */
  readonly host?: string | null;
  readonly body?: Body;
  /**
   * `length` (default): Content-Length framing, unless the case's headers frame the body themselves;
   * `chunked`: 64 KiB chunks; `stall`: the head and one chunk of a chunked body, then silence forever.
   */
  readonly delivery?: 'length' | 'chunked' | 'stall';
  /** The whole request as raw bytes instead (header injection, smuggling, broken framing). */
  readonly raw?: (hostHeader: string) => Buffer;
  readonly expect: Expectation;
}

export interface CorpusContext {
  /** The gateway's valid bearer token (scope `*`). */
  readonly token: string;
  /** Forged, expired and otherwise unacceptable bearer tokens by name (see {@link mintForgedTokens}). */
  readonly forged: Readonly<Record<string, string>>;
}

const JSON_TYPE: readonly [string, string] = ['Content-Type', 'application/json'];
const FORM_TYPE: readonly [string, string] = ['Content-Type', 'application/x-www-form-urlencoded'];
const MIB = 1_048_576;

/** 10k levels of nesting: `JSON.parse` takes it, `JSON.stringify` overflows the stack on it. */
const deepArray = (levels = 10_000) => `${'['.repeat(levels)}${']'.repeat(levels)}`;
const deepObject = (levels = 10_000) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
const filler =
  (bytes: number, char = 'a') =>
  () =>
    Buffer.alloc(bytes, char);

const rpcError = (status: number, codes: readonly number[], id: unknown = null): Expectation => ({
  status: [status],
  body: 'jsonrpc-error',
  rpcCodes: codes,
  rpcId: id,
});
const toolError = (id: unknown = 1): Expectation => ({ status: [200], body: 'tool-error', rpcId: id });
const parseError = rpcError(400, [-32700]);
const invalidRequest = rpcError(400, [-32600]);
const unknownTool = (id: unknown = 1) => rpcError(200, [-32602], id);
const nodeRefusal = (status = 400): Expectation => ({ status: [status], body: 'empty', closeAllowed: true });

/** Tool names that must never resolve to a tool: traversal, prototype keys, unicode look-alikes. */
export const HOSTILE_TOOL_NAMES: readonly (readonly [string, string])[] = [
  ['prototype key __proto__', '__proto__'],
  ['prototype key constructor', 'constructor'],
  ['prototype key toString', 'toString'],
  ['prototype key hasOwnProperty', 'hasOwnProperty'],
  ['path traversal', '../../etc/passwd'],
  ['backslash traversal', '..\\..\\windows\\win.ini'],
  ['NUL after a real name', 'homeassistant_get_state\u0000'],
  ['RTL override', 'homeassistant_get_state\u202e'],
  ['zero-width space', 'homeassistant_get\u200bstate'],
  ['Cyrillic homoglyph a', 'home\u0430ssistant_get_state'],
  ['fullwidth letters', '\uff48omeassistant_get_state'],
  ['combining accent', 'homeassistant_get_state\u0301'],
  ['lone surrogate', 'homeassistant_get_state\ud800'],
  ['emoji', '\u{1f4a3}'],
  ['upper case of a real name', 'HOMEASSISTANT_GET_STATE'],
  ['trailing space', 'homeassistant_get_state '],
  ['empty', ''],
  ['5000 characters', 'a'.repeat(5000)],
];

/** Request ids as JSON text: every JSON type, and numbers and strings at their edges. */
const VALID_IDS: readonly (readonly [string, string])[] = [
  ['integer', '1'],
  ['zero', '0'],
  ['negative zero', '-0'],
  ['negative', '-1'],
  ['fraction', '1.5'],
  ['2^53+1', '9007199254740993'],
  ['1e308', '1e308'],
  ['string', '"abc"'],
  ['empty string', '""'],
  ['1000-char string', JSON.stringify('i'.repeat(1000))],
  ['unicode string', '"\\u202e\\u200bid"'],
  ['lone surrogate string', '"\\ud800"'],
];
const INVALID_IDS: readonly (readonly [string, string])[] = [
  ['null', 'null'],
  ['true', 'true'],
  ['false', 'false'],
  ['object', '{}'],
  ['array', '[]'],
  ['nested object', '{"a":[1]}'],
  ['1e999 (Infinity)', '1e999'],
  ['-1e999', '-1e999'],
];

/** Every case, grouped. Deterministic: the same context gives the same corpus. */
export function hostileCorpus(ctx: CorpusContext): HostileCase[] {
  return [
    ...legacyIds(),
    ...modernIds(),
    ...mcpBodies(),
    ...mcpHeaders(),
    ...mcpTokens(ctx),
    ...openAiChat(ctx),
    ...openAiModelsAndTools(ctx),
    ...oauthRegister(),
    ...oauthToken(),
    ...oauthAuthorize(),
    ...wellKnown(),
    ...wire(ctx),
  ];
}

const MODERN_META =
  '"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{}}';

function mcp(
  group: string,
  name: string,
  body: Body,
  expect: Expectation,
  more: Partial<HostileCase> = {},
): HostileCase {
  return {
    group,
    name,
    front: 'mcp',
    method: 'POST',
    path: '/mcp',
    auth: 'token',
    headers: [JSON_TYPE, ['Accept', 'application/json, text/event-stream']],
    body,
    expect,
    ...more,
  };
}

function modernHeaders(method: string, name?: string): (readonly [string, string])[] {
  return [
    JSON_TYPE,
    ['Accept', 'application/json, text/event-stream'],
    ['MCP-Protocol-Version', '2026-07-28'],
    ['Mcp-Method', method],
    ...(name === undefined ? [] : [['Mcp-Name', name] as const]),
  ];
}

/** Legacy era: every id type × three methods that must fail. */
function legacyIds(): HostileCase[] {
  const methods: readonly (readonly [string, string, number])[] = [
    ['unknown tool', '"method":"tools/call","params":{"name":"no_such_tool"}', -32602],
    ['unknown method', '"method":"no/such-method"', -32601],
    ['name not a string', '"method":"tools/call","params":{"name":42}', -32602],
  ];
  const cases: HostileCase[] = [];
  for (const [idName, idText] of VALID_IDS) {
    for (const [what, rest, code] of methods) {
      cases.push(
        mcp('mcp legacy ids', `id ${idName} × ${what}`, `{"jsonrpc":"2.0","id":${idText},${rest}}`, {
          ...rpcError(200, [code], JSON.parse(idText)),
        }),
      );
    }
  }
  for (const [idName, idText] of INVALID_IDS) {
    for (const [what, rest] of methods) {
      cases.push(
        mcp(
          'mcp legacy ids',
          `id ${idName} × ${what}`,
          `{"jsonrpc":"2.0","id":${idText},${rest}}`,
          invalidRequest,
        ),
      );
    }
  }
  return cases;
}

/** 2026-07-28: ids × a call to an unknown tool (-32602) and a removed method (404, -32601). */
function modernIds(): HostileCase[] {
  const ids = [...VALID_IDS.filter(([n]) => ['integer', 'string', 'fraction', 'empty string'].includes(n))];
  const bad = INVALID_IDS.filter(([n]) => ['null', 'true', 'object', '1e999 (Infinity)'].includes(n));
  const cases: HostileCase[] = [];
  for (const [idName, idText] of [...ids, ...bad]) {
    const valid = ids.some(([n]) => n === idName);
    cases.push(
      mcp(
        'mcp modern ids',
        `id ${idName} × unknown tool`,
        `{"jsonrpc":"2.0","id":${idText},"method":"tools/call","params":{"name":"no_such_tool",${MODERN_META}}}`,
        valid ? rpcError(200, [-32602], JSON.parse(idText)) : invalidRequest,
        { headers: modernHeaders('tools/call', 'no_such_tool') },
      ),
      mcp(
        'mcp modern ids',
        `id ${idName} × ping (removed in 2026-07-28)`,
        `{"jsonrpc":"2.0","id":${idText},"method":"ping","params":{${MODERN_META}}}`,
        valid ? rpcError(404, [-32601], JSON.parse(idText)) : invalidRequest,
        { headers: modernHeaders('ping') },
      ),
    );
  }
  return cases;
}

function mcpBodies(): HostileCase[] {
  const g = 'mcp body';
  const call = (args: string) =>
    `{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"homeassistant_get_state","arguments":${args}}}`;
  const malformed: readonly (readonly [string, Body])[] = [
    ['empty body', ''],
    ['only whitespace', ' \n\t '],
    ['lone brace', '{'],
    ['truncated', '{"jsonrpc":"2.0","id":1,"method":"pi'],
    ['single quotes', "{'jsonrpc':'2.0','id':1,'method':'ping'}"],
    ['comment', '{/* hi */"jsonrpc":"2.0","id":1,"method":"ping"}'],
    ['trailing comma', '{"jsonrpc":"2.0","id":1,"method":"ping",}'],
    ['NaN id', '{"jsonrpc":"2.0","id":NaN,"method":"ping"}'],
    ['Infinity id', '{"jsonrpc":"2.0","id":Infinity,"method":"ping"}'],
    ['hex number', '{"jsonrpc":"2.0","id":0x10,"method":"ping"}'],
    ['byte order mark', '\ufeff{"jsonrpc":"2.0","id":1,"method":"ping"}'],
    ['garbage after the object', '{"jsonrpc":"2.0","id":1,"method":"ping"} trailing'],
    ['two objects', '{"jsonrpc":"2.0","id":1,"method":"ping"}{"jsonrpc":"2.0","id":2,"method":"ping"}'],
    ['UTF-16LE', Buffer.from('{"jsonrpc":"2.0","id":1,"method":"ping"}', 'utf16le')],
    ['raw control characters in a string', '{"jsonrpc":"2.0","id":1,"method":"pi\u0001\u0000ng"}'],
    ['binary noise', () => randomishBytes(4096)],
  ];
  const notRpc: readonly (readonly [string, string])[] = [
    ['null', 'null'],
    ['true', 'true'],
    ['number', '1'],
    ['string', '"ping"'],
    ['empty batch', '[]'],
    ['batch of one', '[{"jsonrpc":"2.0","id":1,"method":"ping"}]'],
    ['batch of notifications', '[{"jsonrpc":"2.0","method":"notifications/initialized"}]'],
    [
      'batch of 1000',
      `[${Array.from({ length: 1000 }, (_, i) => `{"jsonrpc":"2.0","id":${i},"method":"ping"}`).join(',')}]`,
    ],
    ['jsonrpc missing', '{"id":1,"method":"ping"}'],
    ['jsonrpc 1.0', '{"jsonrpc":"1.0","id":1,"method":"ping"}'],
    ['jsonrpc as number', '{"jsonrpc":2.0,"id":1,"method":"ping"}'],
    ['jsonrpc with a space', '{"jsonrpc":"2.0 ","id":1,"method":"ping"}'],
    ['jsonrpc only via __proto__', '{"__proto__":{"jsonrpc":"2.0"},"id":1,"method":"ping"}'],
    ['request without method', '{"jsonrpc":"2.0","id":1}'],
  ];
  const badMethods = ['1', 'null', '[]', '{}', 'true'];
  const badParams = ['[]', '"x"', '1', 'null', 'true'];
  const hostileArgs: readonly (readonly [string, string])[] = [
    ['arguments a string', '"entity_ids"'],
    ['arguments an array', '["light.kitchen"]'],
    ['arguments a number', '1'],
    ['arguments null', 'null'],
    ['arguments own __proto__', '{"__proto__":{"entity_ids":["light.kitchen"]}}'],
    ['arguments constructor.prototype', '{"constructor":{"prototype":{"polluted":true}}}'],
    ['entity id traversal', '{"entity_ids":["../../etc/passwd"]}'],
    ['entity id RTL override', '{"entity_ids":["light.\u202ekitchen"]}'],
    ['entity id with NUL', '{"entity_id":"light.kitchen\\u0000"}'],
    ['entity id 1e308', '{"entity_ids":[1e308]}'],
    ['entity id -0', '{"entity_id":-0}'],
    ['entity id 300 chars', `{"entity_id":"light.${'k'.repeat(300)}"}`],
    ['51 entity ids', `{"entity_ids":[${Array.from({ length: 51 }, (_, i) => `"light.l${i}"`).join(',')}]}`],
    ['unknown argument', '{"entity_id":"light.kitchen","shell":"rm -rf /"}'],
    ['no arguments at all', '{}'],
    ['deep but allowed arguments', `{"entity_id":"light.kitchen","x":${deepArray(40)}}`],
  ];
  const prototypeMethods = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];
  return [
    ...malformed.map(([name, body]) => mcp(g, `malformed JSON: ${name}`, body, parseError)),
    ...notRpc.map(([name, body]) =>
      mcp(
        g,
        `not a JSON-RPC request: ${name}`,
        body,
        rpcError(400, [-32600], name.includes('method') ? 1 : null),
      ),
    ),
    ...badMethods.map((m) =>
      mcp(g, `method ${m}`, `{"jsonrpc":"2.0","id":1,"method":${m}}`, rpcError(400, [-32600], 1)),
    ),
    ...badParams.map((p) =>
      mcp(
        g,
        `params ${p}`,
        `{"jsonrpc":"2.0","id":1,"method":"tools/list","params":${p}}`,
        rpcError(400, [-32602], 1),
      ),
    ),
    mcp(
      g,
      'notification with params 1',
      '{"jsonrpc":"2.0","method":"x","params":1}',
      rpcError(400, [-32602]),
    ),
    mcp(g, 'unknown notification', '{"jsonrpc":"2.0","method":"notifications/evil"}', {
      status: [202],
      body: 'empty',
    }),
    mcp(g, 'unsolicited response', '{"jsonrpc":"2.0","id":1,"result":{"x":1}}', {
      status: [202],
      body: 'empty',
    }),
    mcp(g, 'unsolicited error response', '{"jsonrpc":"2.0","id":1,"error":{"code":1,"message":"x"}}', {
      status: [202],
      body: 'empty',
    }),
    ...prototypeMethods.map((m) =>
      mcp(g, `method ${m}`, `{"jsonrpc":"2.0","id":1,"method":"${m}"}`, rpcError(200, [-32601], 1)),
    ),
    ...HOSTILE_TOOL_NAMES.map(([name, tool]) =>
      mcp(
        g,
        `tool name: ${name}`,
        JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: tool } }),
        unknownTool(),
      ),
    ),
    mcp(
      g,
      'name only via __proto__',
      '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"__proto__":{"name":"homeassistant_get_state"}}}',
      unknownTool(),
    ),
    mcp(
      g,
      'prompts/get name {"toString":null}',
      '{"jsonrpc":"2.0","id":1,"method":"prompts/get","params":{"name":{"toString":null}}}',
      rpcError(200, [-32602], 1),
    ),
    mcp(
      g,
      'prompts/get name deep but allowed',
      `{"jsonrpc":"2.0","id":1,"method":"prompts/get","params":{"name":${deepArray(60)}}}`,
      rpcError(200, [-32602], 1),
    ),
    mcp(
      g,
      'resources/read uri {"toString":null}',
      '{"jsonrpc":"2.0","id":1,"method":"resources/read","params":{"uri":{"toString":null}}}',
      rpcError(200, [-32002], 1),
    ),
    mcp(
      g,
      'resources/read uri file:///etc/passwd',
      '{"jsonrpc":"2.0","id":1,"method":"resources/read","params":{"uri":"file:///etc/passwd"}}',
      rpcError(200, [-32002], 1),
    ),
    ...hostileArgs.map(([name, args]) => mcp(g, `tools/call ${name}`, call(args), toolError())),
    ...['1', '"x"', '"../"', '"dG9vbHM6OTk5OTk5"', JSON.stringify('c'.repeat(65)), '"dG9vbHM6LTE"'].map(
      (cursor) =>
        mcp(
          g,
          `tools/list cursor ${cursor.slice(0, 20)}`,
          `{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{"cursor":${cursor}}}`,
          rpcError(200, [-32602], 1),
        ),
    ),
    ...['"verbose"', '1', 'null', '{"toString":null}'].map((level) =>
      mcp(
        g,
        `logging/setLevel ${level}`,
        `{"jsonrpc":"2.0","id":1,"method":"logging/setLevel","params":{"level":${level}}}`,
        rpcError(200, [-32602], 1),
      ),
    ),
    mcp(
      g,
      'deep params (10k levels)',
      `{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{"x":${deepArray()}}}`,
      invalidRequest,
    ),
    mcp(g, 'deep arguments (10k levels)', call(deepObject()), invalidRequest),
    mcp(g, 'deep id (10k levels)', `{"jsonrpc":"2.0","id":${deepArray()},"method":"ping"}`, invalidRequest),
    mcp(g, 'deep batch (100k levels)', deepArray(100_000), invalidRequest),
    mcp(
      g,
      'deep uri on resources/read',
      `{"jsonrpc":"2.0","id":1,"method":"resources/read","params":{"uri":${deepArray()}}}`,
      invalidRequest,
    ),
    mcp(
      g,
      '900 KB method name',
      () => Buffer.from(`{"jsonrpc":"2.0","id":1,"method":"${'m'.repeat(900_000)}"}`),
      rpcError(200, [-32601], 1),
    ),
    mcp(
      g,
      '900 KB tool name',
      () =>
        Buffer.from(
          `{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"${'n'.repeat(900_000)}"}}`,
        ),
      unknownTool(),
    ),
    mcp(
      g,
      'body of exactly 1 MiB (at the limit)',
      () => padTo(`{"jsonrpc":"2.0","id":1,"method":"no/such-method"}`, MIB),
      rpcError(200, [-32601], 1),
    ),
    mcp(
      g,
      'body of 1 MiB + 1',
      () => padTo('{"jsonrpc":"2.0","id":1,"method":"ping"}', MIB + 1),
      rpcError(413, [-32600]),
    ),
    mcp(
      g,
      '10 MB string',
      () =>
        Buffer.from(`{"jsonrpc":"2.0","id":1,"method":"ping","params":{"s":"${'s'.repeat(10_000_000)}"}}`),
      rpcError(413, [-32600]),
    ),
    mcp(g, '2 MB chunked (no length announced)', filler(2 * MIB), rpcError(413, [-32600]), {
      delivery: 'chunked',
    }),
    mcp(g, 'Content-Length of 10 GB, small body', '{}', rpcError(413, [-32600]), {
      headers: [JSON_TYPE, ['Content-Length', '10737418240']],
    }),
  ];
}

function mcpHeaders(): HostileCase[] {
  const g = 'mcp headers';
  const unknown = '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"no_such_tool"}}';
  const contentTypes = [
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/xml',
    'application/json; charset=utf-16',
    'text/html; charset=<script>',
    '*/*',
  ];
  const modern = (method: string, params: string) =>
    `{"jsonrpc":"2.0","id":7,"method":"${method}","params":{${params}${params ? ',' : ''}${MODERN_META}}}`;
  const base64 = (text: string) => `=?base64?${Buffer.from(text, 'utf8').toString('base64')}?=`;
  return [
    // /mcp does not police Content-Type or Accept (README: lenient, as Claude needs): the body decides.
    ...contentTypes.map((type) =>
      mcp(g, `Content-Type ${type} on an unknown tool`, unknown, unknownTool(), {
        headers: [['Content-Type', type]],
      }),
    ),
    mcp(g, 'no Content-Type on an unknown tool', unknown, unknownTool(), { headers: [] }),
    mcp(g, 'text/plain with broken JSON', '{"jsonrpc":', parseError, {
      headers: [['Content-Type', 'text/plain']],
    }),
    ...['text/html', 'application/xml', '*/*;q=0', 'image/png'].map((accept) =>
      mcp(g, `Accept ${accept}`, unknown, unknownTool(), { headers: [JSON_TYPE, ['Accept', accept]] }),
    ),
    ...['1900-01-01', 'garbage', 'v'.repeat(8000)].map((version) =>
      mcp(g, `legacy MCP-Protocol-Version ${version.slice(0, 12)}`, unknown, unknownTool(), {
        headers: [JSON_TYPE, ['MCP-Protocol-Version', version]],
      }),
    ),
    mcp(g, 'modern: no MCP-Protocol-Version', modern('tools/list', ''), rpcError(400, [-32020], 7), {
      headers: [JSON_TYPE, ['Mcp-Method', 'tools/list']],
    }),
    mcp(g, 'modern: MCP-Protocol-Version 1900-01-01', modern('tools/list', ''), rpcError(400, [-32020], 7), {
      headers: [JSON_TYPE, ['MCP-Protocol-Version', '1900-01-01'], ['Mcp-Method', 'tools/list']],
    }),
    mcp(g, 'modern: no Mcp-Method', modern('tools/list', ''), rpcError(400, [-32020], 7), {
      headers: [JSON_TYPE, ['MCP-Protocol-Version', '2026-07-28']],
    }),
    mcp(g, 'modern: Mcp-Method disagrees', modern('tools/list', ''), rpcError(400, [-32020], 7), {
      headers: modernHeaders('tools/call'),
    }),
    mcp(g, 'modern: Mcp-Method in another case', modern('tools/list', ''), rpcError(400, [-32020], 7), {
      headers: modernHeaders('TOOLS/LIST'),
    }),
    mcp(g, 'modern: no Mcp-Name', modern('tools/call', '"name":"no_such_tool"'), rpcError(400, [-32020], 7), {
      headers: modernHeaders('tools/call'),
    }),
    mcp(
      g,
      'modern: Mcp-Name disagrees',
      modern('tools/call', '"name":"no_such_tool"'),
      rpcError(400, [-32020], 7),
      { headers: modernHeaders('tools/call', 'homeassistant_get_state') },
    ),
    mcp(
      g,
      'modern: Mcp-Name as broken base64',
      modern('tools/call', '"name":"no_such_tool"'),
      rpcError(400, [-32020], 7),
      { headers: modernHeaders('tools/call', '=?base64?!!!?=') },
    ),
    mcp(
      g,
      'modern: RTL tool name, base64 header that matches',
      modern('tools/call', '"name":"no\u202esuch_tool"'),
      rpcError(200, [-32602], 7),
      { headers: modernHeaders('tools/call', base64('no\u202esuch_tool')) },
    ),
    mcp(g, 'modern: name an object', modern('tools/call', '"name":{"a":1}'), rpcError(400, [-32020], 7), {
      headers: modernHeaders('tools/call', 'x'),
    }),
    mcp(
      g,
      'modern: unsupported version in _meta',
      '{"jsonrpc":"2.0","id":7,"method":"tools/list","params":{"_meta":{"io.modelcontextprotocol/protocolVersion":"1900-01-01","io.modelcontextprotocol/clientCapabilities":{}}}}',
      rpcError(400, [-32022], 7),
      { headers: modernHeaders('tools/list') },
    ),
    mcp(
      g,
      'modern: _meta without clientCapabilities',
      '{"jsonrpc":"2.0","id":7,"method":"tools/list","params":{"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28"}}}',
      rpcError(400, [-32602], 7),
      { headers: modernHeaders('tools/list') },
    ),
    mcp(
      g,
      'modern: protocolVersion a number',
      '{"jsonrpc":"2.0","id":7,"method":"tools/list","params":{"_meta":{"io.modelcontextprotocol/protocolVersion":20260728,"io.modelcontextprotocol/clientCapabilities":{}}}}',
      rpcError(400, [-32602], 7),
      { headers: modernHeaders('tools/list') },
    ),
    mcp(
      g,
      'modern: server/discover without _meta',
      '{"jsonrpc":"2.0","id":7,"method":"server/discover"}',
      rpcError(400, [-32602], 7),
      {
        headers: modernHeaders('server/discover'),
      },
    ),
    ...['initialize', 'logging/setLevel', 'no/such-method'].map((method) =>
      mcp(g, `modern: ${method}`, modern(method, ''), rpcError(404, [-32601], 7), {
        headers: modernHeaders(method),
      }),
    ),
    mcp(
      g,
      'Origin https://evil.example',
      unknown,
      { ...invalidRequest, status: [403] },
      {
        headers: [JSON_TYPE, ['Origin', 'https://evil.example']],
      },
    ),
    mcp(
      g,
      'Origin null',
      unknown,
      { ...invalidRequest, status: [403] },
      { headers: [JSON_TYPE, ['Origin', 'null']] },
    ),
    ...[
      'evil.example',
      'evil.example:80',
      'localhost.evil.example',
      '127.0.0.1.nip.io',
      '[::ffff:7f00:1]',
    ].map((host) =>
      mcp(g, `Host ${host} (DNS rebinding)`, unknown, { ...invalidRequest, status: [403] }, { host }),
    ),
    mcp(
      g,
      'no Authorization',
      unknown,
      { ...invalidRequest, status: [401], header: 'www-authenticate' },
      { auth: '' },
    ),
    ...[
      'Basic dXNlcjpwYXNz',
      'Bearer',
      'Bearer ',
      'Bearer a b',
      'Bearer "quoted"',
      'Token abc',
      'Bearer\u00a0abc',
      `Bearer ${'x'.repeat(8000)}`,
      'Bearer a.b.c',
      'Bearer eyJ.eyJ.x',
    ].map((auth) =>
      mcp(
        g,
        `Authorization ${auth.slice(0, 24)}`,
        unknown,
        { ...invalidRequest, status: [401], header: 'www-authenticate' },
        {
          auth,
        },
      ),
    ),
    { ...mcp(g, 'GET /mcp', '', { ...invalidRequest, status: [405] }), method: 'GET', body: undefined },
    { ...mcp(g, 'DELETE /mcp', '', { ...invalidRequest, status: [405] }), method: 'DELETE', body: undefined },
    { ...mcp(g, 'HEAD /mcp', '', { status: [405], body: 'empty' }), method: 'HEAD', body: undefined },
    { ...mcp(g, 'PUT /mcp', unknown, { status: [404], body: 'nest-error' }), method: 'PUT' },
    { ...mcp(g, 'PATCH /mcp', unknown, { status: [404], body: 'nest-error' }), method: 'PATCH' },
    { ...mcp(g, 'TRACE /mcp', '', { status: [404], body: 'nest-error' }), method: 'TRACE', body: undefined },
    ...['/MCP', '//mcp', '/mcp%00', '/mcp/x', '/mcp/..%2fmcp'].map((path) => ({
      ...mcp(g, `POST ${path}`, unknown, { status: [404], body: 'nest-error' as const }),
      path,
    })),
    { ...mcp(g, 'POST /mcp?<script>', unknown, unknownTool()), path: '/mcp?x=%3Cscript%3E' },
  ];
}

function mcpTokens(ctx: CorpusContext): HostileCase[] {
  const unknown = '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"no_such_tool"}}';
  return Object.entries(ctx.forged).map(([name, token]) =>
    mcp(
      'mcp tokens',
      `forged or expired JWT: ${name}`,
      unknown,
      {
        ...invalidRequest,
        status: [401],
        header: 'www-authenticate',
      },
      { auth: `Bearer ${token}` },
    ),
  );
}

function chat(name: string, body: Body, expect: Expectation, more: Partial<HostileCase> = {}): HostileCase {
  return {
    group: 'v1 chat completions',
    name,
    front: 'openai',
    method: 'POST',
    path: '/v1/chat/completions',
    auth: 'token',
    headers: [JSON_TYPE],
    body,
    expect,
    ...more,
  };
}

function openAiChat(ctx: CorpusContext): HostileCase[] {
  const bad = (status: number): Expectation => ({ status: [status], body: 'openai-error' });
  const msg = '[{"role":"user","content":"hi"}]';
  const withModel = (rest: string) => `{"model":"gateway","messages":${msg},${rest}}`;
  const gatewayCall = (text: string) =>
    JSON.stringify({ model: 'gateway', messages: [{ role: 'user', content: text }] });
  const completionError: Expectation = { status: [200], body: 'completion-error' };
  const contentTypes = [
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/xml',
  ];
  return [
    chat('no Authorization', withModel('"stream":false'), bad(401), { auth: '' }),
    chat('garbage bearer', withModel('"stream":false'), bad(401), { auth: 'Bearer garbage' }),
    chat('Basic credentials', withModel('"stream":false'), bad(401), { auth: 'Basic dXNlcjpwYXNz' }),
    chat('an OAuth access token (audience is /mcp)', withModel('"stream":false'), bad(401), {
      auth: `Bearer ${ctx.forged['expired'] ?? 'x.y.z'}`,
    }),
    ...contentTypes.map((type) =>
      chat(`Content-Type ${type}`, withModel('"stream":false'), bad(415), {
        headers: [['Content-Type', type]],
      }),
    ),
    chat('no Content-Type', withModel('"stream":false'), bad(415), { headers: [] }),
    ...['', '{', 'nul', '{"model":"gateway",}', '\ufeff{}'].map((body) =>
      chat(`broken JSON ${JSON.stringify(body)}`, body, bad(400)),
    ),
    ...['null', '[]', '1', '"x"', 'true'].map((body) => chat(`body ${body}`, body, bad(400))),
    chat('empty object', '{}', bad(400)),
    ...['1', 'null', '[]', '{}', 'true', '""'].map((model) =>
      chat(`model ${model}`, `{"model":${model},"messages":${msg}}`, bad(400)),
    ),
    chat(
      'model of 10 MB',
      () => Buffer.from(`{"model":"${'m'.repeat(10_000_000)}","messages":${msg}}`),
      bad(400),
    ),
    chat('model of 257 characters', `{"model":"${'m'.repeat(257)}","messages":${msg}}`, bad(400)),
    chat('unknown model', `{"model":"gpt-evil","messages":${msg}}`, bad(404)),
    chat('upstream model not allowed', `{"model":"hidden-model","messages":${msg}}`, bad(404)),
    chat('unknown model, streaming', `{"model":"gpt-evil","messages":${msg},"stream":true}`, bad(404)),
    chat('model traversal', `{"model":"../../etc/passwd","messages":${msg}}`, bad(404)),
    chat('model constructor', `{"model":"constructor","messages":${msg}}`, bad(404)),
    chat('model only via __proto__', `{"__proto__":{"model":"gateway"},"messages":${msg}}`, bad(400)),
    ...['', '"x"', '[]', '[1]', '[{}]', '[{"role":1}]', '{"0":{"role":"user"}}', '[null]'].map((messages) =>
      chat(
        `messages ${messages || '(missing)'}`,
        messages ? `{"model":"gateway","messages":${messages}}` : '{"model":"gateway"}',
        bad(400),
      ),
    ),
    ...['"yes"', '1', '{}'].map((stream) =>
      chat(`stream ${stream}`, withModel(`"stream":${stream}`), bad(400)),
    ),
    ...['"x"', '[]', '1'].map((o) =>
      chat(`stream_options ${o}`, withModel(`"stream":true,"stream_options":${o}`), bad(400)),
    ),
    ...[
      ['an object', '{}'],
      ['a string', '"x"'],
      ['[1]', '[1]'],
      ['[{}]', '[{}]'],
      ['type a number', '[{"type":1}]'],
      ['function missing', '[{"type":"function"}]'],
      ['function name traversal', '[{"type":"function","function":{"name":"../../etc/passwd"}}]'],
      ['function name RTL override', '[{"type":"function","function":{"name":"get\\u202estate"}}]'],
      ['function name of 65 characters', `[{"type":"function","function":{"name":"${'f'.repeat(65)}"}}]`],
      ['function name empty', '[{"type":"function","function":{"name":""}}]'],
      ['function name an object', '[{"type":"function","function":{"name":{"toString":null}}}]'],
    ].map(([name, tools]) => chat(`tools ${name ?? ''}`, withModel(`"tools":${tools ?? ''}`), bad(400))),
    chat('deep unknown field (10k levels)', withModel(`"extra":${deepArray()}`), bad(400)),
    chat(
      'deep message content (10k levels)',
      `{"model":"gateway","messages":[{"role":"user","content":${deepObject()}}]}`,
      bad(400),
    ),
    chat('body over 20 MiB', filler(20 * MIB + 1, ' '), bad(413)),
    chat('Content-Length of 10 GB', '{}', bad(413), {
      headers: [JSON_TYPE, ['Content-Length', '10737418240']],
    }),
    chat(
      'gateway model: service_data nested 100 deep',
      gatewayCall(
        `/homeassistant_call_service {"domain":"light","service":"turn_on","service_data":{"x":${deepArray(100)}}}`,
      ),
      completionError,
    ),
    chat('gateway model: arguments not JSON', gatewayCall('/homeassistant_get_state NaN'), completionError),
    chat(
      'gateway model: arguments an array',
      gatewayCall('/homeassistant_get_state ["light.kitchen"]'),
      completionError,
    ),
    chat(
      'gateway model: arguments own __proto__',
      gatewayCall('/homeassistant_get_state {"__proto__":{"entity_ids":["light.kitchen"]}}'),
      completionError,
    ),
    chat(
      'gateway model: RTL entity id',
      gatewayCall('/homeassistant_get_state {"entity_id":"light.\u202ekitchen"}'),
      completionError,
    ),
    chat('gateway model: unknown tool', gatewayCall('/no_such_tool {}'), completionError),
    chat('gateway model: prototype key as tool', gatewayCall('/constructor {}'), completionError),
  ];
}

function openAiModelsAndTools(ctx: CorpusContext): HostileCase[] {
  const get = (
    group: string,
    name: string,
    path: string,
    expect: Expectation,
    auth = 'token',
  ): HostileCase => ({
    group,
    name,
    front: 'openai',
    method: 'GET',
    path,
    auth,
    expect,
  });
  const tool = (
    name: string,
    path: string,
    body: Body,
    expect: Expectation,
    more: Partial<HostileCase> = {},
  ): HostileCase => ({
    group: 'tools',
    name,
    front: 'openai',
    method: 'POST',
    path,
    auth: 'token',
    headers: [JSON_TYPE],
    body,
    expect,
    ...more,
  });
  const openaiError = (status: number): Expectation => ({ status: [status], body: 'openai-error' });
  const detail = (status: number): Expectation => ({ status: [status], body: 'detail' });
  const nest = (status: number): Expectation => ({ status: [status], body: 'nest-error' });
  const getState = '/tools/homeassistant_get_state';
  return [
    get('v1 models', 'no Authorization', '/v1/models', openaiError(401), ''),
    get('v1 models', 'garbage bearer', '/v1/models', openaiError(401), 'Bearer \u00ff\u00fe'),
    get(
      'v1 models',
      'an OAuth access token',
      '/v1/models',
      openaiError(401),
      `Bearer ${ctx.forged['wrong audience'] ?? 'a.b.c'}`,
    ),
    ...[
      ['traversal', '..%2f..%2fetc%2fpasswd'],
      ['NUL', '%00'],
      ['NUL after gateway', 'gateway%00'],
      ['__proto__', '__proto__'],
      ['constructor', 'constructor'],
      ['5000 characters', 'm'.repeat(5000)],
      ['RTL override', 'gateway%E2%80%AE'],
    ].map(([name, id]) => get('v1 models', `model id ${name}`, `/v1/models/${id}`, openaiError(404))),
    get('v1 models', 'undecodable model id', '/v1/models/%E0%A4%A', nest(400)),
    get('v1 models', 'model id lone surrogate (invalid UTF-8)', '/v1/models/%ED%A0%80', nest(400)),
    {
      ...get('v1 models', 'POST /v1/models', '/v1/models', nest(404)),
      method: 'POST',
      headers: [JSON_TYPE],
      body: '{}',
    },
    { ...get('v1 models', 'DELETE /v1/models/gateway', '/v1/models/gateway', nest(404)), method: 'DELETE' },
    get('v1 models', 'GET /v1/chat/completions', '/v1/chat/completions', nest(404)),
    ...HOSTILE_TOOL_NAMES.filter(([what, name]) => name !== '' && what !== 'lone surrogate').map(
      ([name, toolName]) =>
        tool(
          `name: ${name}`,
          `/tools/${encodeURIComponent(toolName).replace(/\./g, '%2E')}`,
          '{}',
          detail(404),
        ),
    ),
    tool('name: encoded slashes', '/tools/..%2f..%2fetc%2fpasswd', '{}', detail(404)),
    tool('name: double-encoded traversal', '/tools/%252e%252e%252fetc', '{}', detail(404)),
    tool('name: undecodable', '/tools/%E0%A4%A', '{}', nest(400)),
    tool('name: invalid UTF-8', '/tools/%ED%A0%80', '{}', nest(400)),
    tool('no name', '/tools/', '{}', nest(404)),
    tool('extra path segment', '/tools/homeassistant_get_state/x', '{}', nest(404)),
    ...['', '{', '[]', 'null', '1', '"x"', 'true', '\ufeff{}'].map((body) =>
      tool(`body ${JSON.stringify(body)}`, getState, body, detail(422)),
    ),
    ...[
      ['no arguments', '{}'],
      ['entity_ids a string', '{"entity_ids":"light.kitchen"}'],
      ['entity id traversal', '{"entity_ids":["../../etc/passwd"]}'],
      ['own __proto__', '{"__proto__":{"entity_ids":["light.kitchen"]}}'],
      ['constructor', '{"constructor":{"prototype":{"polluted":true}}}'],
      ['unknown argument', '{"entity_id":"light.kitchen","x":1}'],
      ['1e308', '{"entity_id":1e308}'],
      ['RTL entity id', '{"entity_id":"light.\u202ekitchen"}'],
      ['deep (10k levels)', `{"entity_id":"light.kitchen","x":${deepArray()}}`],
      ['deep but allowed', `{"entity_id":"light.kitchen","x":${deepArray(60)}}`],
    ].map(([name, body]) => tool(`arguments: ${name}`, getState, body ?? '', detail(422))),
    ...[
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/xml',
    ].map((type) =>
      tool(`Content-Type ${type}`, getState, '{"entity_id":"light.kitchen"}', detail(422), {
        headers: [['Content-Type', type]],
      }),
    ),
    tool('no Content-Type', getState, '{"entity_id":"light.kitchen"}', detail(422), { headers: [] }),
    tool('body over 20 MiB (chunked)', getState, filler(20 * MIB + 1, ' '), detail(413), {
      delivery: 'chunked',
    }),
    tool('no Authorization', getState, '{}', openaiError(401), { auth: '' }),
    tool('garbage bearer', getState, '{}', openaiError(401), { auth: 'Bearer !!!' }),
    tool('forged JWT', getState, '{}', openaiError(401), {
      auth: `Bearer ${ctx.forged['alg none'] ?? 'a.b.c'}`,
    }),
    { ...tool('GET a tool', getState, '', nest(404)), method: 'GET', body: undefined },
    get('openapi', 'no Authorization', '/openapi.json', openaiError(401), ''),
    get('openapi', 'garbage bearer', '/openapi.json', openaiError(401), 'Bearer x'),
    get('openapi', 'path with NUL', '/openapi.json%00', nest(404)),
    get('openapi', 'path traversal', '/openapi.json/..%2f..%2fetc%2fpasswd', nest(404)),
    {
      ...get('openapi', 'POST /openapi.json', '/openapi.json', nest(404)),
      method: 'POST',
      headers: [JSON_TYPE],
      body: '{}',
    },
  ];
}

function oauth(
  group: string,
  name: string,
  method: string,
  path: string,
  body: Body | undefined,
  expect: Expectation,
  headers: readonly (readonly [string, string])[] = [],
  more: Partial<HostileCase> = {},
): HostileCase {
  return {
    group,
    name,
    front: 'mcp',
    method,
    path,
    headers,
    ...(body === undefined ? {} : { body }),
    expect,
    ...more,
  };
}

function oauthRegister(): HostileCase[] {
  const g = 'oauth register';
  const meta = (errors: string[] = ['invalid_client_metadata', 'invalid_redirect_uri']): Expectation => ({
    status: [400],
    body: 'oauth-error',
    oauthErrors: errors,
  });
  const reg = (
    name: string,
    body: Body,
    expect: Expectation,
    headers = [JSON_TYPE],
    more: Partial<HostileCase> = {},
  ) => oauth(g, name, 'POST', '/oauth/register', body, expect, headers, more);
  const ok = '"redirect_uris":["https://app.example/cb"]';
  return [
    ...[
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/xml',
    ].map((type) =>
      reg(`Content-Type ${type}`, `{${ok}}`, meta(['invalid_client_metadata']), [['Content-Type', type]]),
    ),
    reg('no Content-Type', `{${ok}}`, meta(['invalid_client_metadata']), []),
    ...['', '{', 'null', '[]', '1', '"x"', '{}'].map((body) =>
      reg(`body ${JSON.stringify(body)}`, body, meta()),
    ),
    ...[
      '"x"',
      '[1]',
      '[null]',
      '[""]',
      '[]',
      '{"0":"https://app.example/cb"}',
      '["javascript:alert(1)"]',
      '["http://evil.example/cb"]',
      '["https://evil.example/cb#frag"]',
      '["data:text/html,x"]',
      '["file:///etc/passwd"]',
      '["https://\\u202eevil.example/cb"]',
      `["https://app.example/${'p'.repeat(3000)}"]`,
    ].map((uris) => reg(`redirect_uris ${uris.slice(0, 40)}`, `{"redirect_uris":${uris}}`, meta())),
    ...[
      ['auth method private_key_jwt', '"token_endpoint_auth_method":"private_key_jwt"'],
      ['auth method {"toString":null}', '"token_endpoint_auth_method":{"toString":null}'],
      ['grant type password', '"grant_types":["password"]'],
      ['grant types a string', '"grant_types":"authorization_code"'],
      ['response type token', '"response_types":["token"]'],
      ['client_name an object', '"client_name":{"toString":null}'],
      ['scope an object', '"scope":{"toString":null}'],
      ['application_type 1', '"application_type":1'],
    ].map(([name, field]) => reg(name ?? '', `{${ok},${field}}`, meta(['invalid_client_metadata']))),
    reg('only via __proto__', `{"__proto__":{${ok}}}`, meta()),
    reg('deep (10k levels)', `{${ok},"x":${deepArray()}}`, meta(['invalid_client_metadata'])),
    reg('body over 64 KiB', () => Buffer.from(`{${ok},"client_name":"${'n'.repeat(70_000)}"}`), {
      status: [413],
      body: 'oauth-error',
      oauthErrors: ['invalid_request'],
    }),
    reg(
      '2 MB chunked',
      filler(2 * MIB),
      { status: [413], body: 'oauth-error', oauthErrors: ['invalid_request'] },
      [JSON_TYPE],
      {
        delivery: 'chunked',
      },
    ),
    oauth(g, 'read without a token', 'GET', '/oauth/register/abc', undefined, {
      status: [401],
      body: 'oauth-error',
      oauthErrors: ['invalid_token'],
      header: 'www-authenticate',
    }),
    oauth(
      g,
      'read with a garbage token',
      'GET',
      '/oauth/register/abc',
      undefined,
      {
        status: [401],
        body: 'oauth-error',
        oauthErrors: ['invalid_token'],
      },
      [],
      { auth: 'Bearer garbage' },
    ),
    oauth(
      g,
      'read a 3000-character client id',
      'GET',
      `/oauth/register/${'c'.repeat(3000)}`,
      undefined,
      {
        status: [400],
        body: 'oauth-error',
        oauthErrors: ['invalid_request'],
      },
      [],
      { auth: 'Bearer garbage' },
    ),
    oauth(
      g,
      'read a traversal client id',
      'GET',
      '/oauth/register/..%2f..%2fetc%2fpasswd',
      undefined,
      {
        status: [401],
        body: 'oauth-error',
      },
      [],
      { auth: 'Bearer garbage' },
    ),
    oauth(
      g,
      'read an undecodable client id',
      'GET',
      '/oauth/register/%E0%A4%A',
      undefined,
      {
        status: [400],
        body: 'nest-error',
      },
      [],
      { auth: 'Bearer garbage' },
    ),
  ];
}

function oauthToken(): HostileCase[] {
  const form = (
    group: string,
    path: string,
    name: string,
    body: Body,
    status: number,
    errors: string[],
    headers: readonly (readonly [string, string])[] = [FORM_TYPE],
  ) =>
    oauth(
      group,
      name,
      'POST',
      path,
      body,
      { status: [status], body: 'oauth-error', oauthErrors: errors },
      headers,
    );
  const basic = (text: string): readonly [string, string] => [
    'Authorization',
    `Basic ${Buffer.from(text, 'latin1').toString('base64')}`,
  ];
  const cases: HostileCase[] = [];
  for (const [group, path] of [
    ['oauth token', '/oauth/token'],
    ['oauth revoke', '/oauth/revoke'],
  ] as const) {
    const token = path === '/oauth/token';
    cases.push(
      ...['application/json', 'text/plain', 'multipart/form-data; boundary=x'].map((type) =>
        form(
          group,
          path,
          `Content-Type ${type}`,
          'grant_type=authorization_code',
          415,
          ['invalid_request'],
          [['Content-Type', type]],
        ),
      ),
      form(group, path, 'no Content-Type', 'grant_type=authorization_code', 415, ['invalid_request'], []),
      form(group, path, 'repeated parameter', 'token=a&token=b&grant_type=x&grant_type=y', 400, [
        'invalid_request',
      ]),
      form(
        group,
        path,
        'value of 9000 characters',
        `token=${'t'.repeat(9000)}&code=${'c'.repeat(9000)}`,
        400,
        ['invalid_request'],
      ),
      form(group, path, 'parameter name of 200 characters', `${'p'.repeat(200)}=1`, 400, ['invalid_request']),
      form(group, path, 'body over 64 KiB', filler(70_000), 413, ['invalid_request']),
      form(
        group,
        path,
        'Basic not base64',
        'token=x',
        400,
        ['invalid_request'],
        [FORM_TYPE, ['Authorization', 'Basic !!!']],
      ),
      form(
        group,
        path,
        'Basic without a colon',
        'token=x',
        400,
        ['invalid_request'],
        [FORM_TYPE, basic('nocolon')],
      ),
      form(
        group,
        path,
        'Basic with broken percent-encoding',
        'token=x',
        400,
        ['invalid_request'],
        [FORM_TYPE, basic('%ZZ:x')],
      ),
      form(
        group,
        path,
        'Basic with a 3000-character client id',
        'token=x&grant_type=authorization_code&code=x',
        400,
        ['invalid_request'],
        [FORM_TYPE, basic(`${'a'.repeat(3000)}:x`)],
      ),
      form(
        group,
        path,
        'Basic for an unknown client',
        'token=x&grant_type=authorization_code&code=x',
        401,
        ['invalid_client'],
        [FORM_TYPE, basic('x:y')],
      ),
      form(
        group,
        path,
        'unknown client_id',
        'token=x&grant_type=refresh_token&refresh_token=x&client_id=nope',
        401,
        ['invalid_client'],
      ),
      form(
        group,
        path,
        '__proto__ and constructor parameters',
        '__proto__=x&constructor=y&token=x&grant_type=authorization_code&code=x',
        401,
        ['invalid_client'],
      ),
      form(
        group,
        path,
        'unicode client_id',
        `token=x&grant_type=authorization_code&code=x&client_id=${encodeURIComponent('\u202e\u200bnope')}`,
        401,
        ['invalid_client'],
      ),
      form(
        group,
        path,
        'a bearer token instead of client auth',
        'token=x&grant_type=authorization_code&code=x',
        401,
        ['invalid_client'],
        [FORM_TYPE, ['Authorization', 'Bearer garbage']],
      ),
    );
    if (token) {
      cases.push(
        form(group, path, 'empty form', '', 400, ['invalid_request']),
        form(group, path, 'grant_type password', 'grant_type=password&username=a&password=b', 400, [
          'unsupported_grant_type',
        ]),
        form(group, path, 'grant_type client_credentials', 'grant_type=client_credentials', 400, [
          'unsupported_grant_type',
        ]),
        form(group, path, 'grant_type undecodable', 'grant_type=%ZZ', 400, ['unsupported_grant_type']),
        form(group, path, 'code without a client', 'grant_type=authorization_code&code=x', 401, [
          'invalid_client',
        ]),
      );
    } else {
      cases.push(form(group, path, 'empty form', '', 401, ['invalid_client']));
    }
  }
  return cases;
}

function oauthAuthorize(): HostileCase[] {
  const g = 'oauth authorize';
  const page = (status: number[] = [400], notReflected?: string): Expectation => ({
    status,
    body: 'html',
    ...(notReflected ? { notReflected } : {}),
  });
  const authorize = (name: string, query: string, expect: Expectation = page()) =>
    oauth(g, `GET ${name}`, 'GET', `/oauth/authorize${query ? `?${query}` : ''}`, undefined, expect);
  const consent = (name: string, body: Body, expect: Expectation, headers = [FORM_TYPE]) =>
    oauth(g, `POST ${name}`, 'POST', '/oauth/authorize', body, expect, headers);
  return [
    authorize('no parameters', ''),
    authorize('unknown client', 'client_id=nope&response_type=code'),
    ...[
      'https://169.254.169.254/latest/meta-data',
      'https://127.0.0.1/c.json',
      'https://[::1]/c.json',
      'https://localhost/c.json',
      'https://10.0.0.1/c.json',
      'https://0x7f.1/c.json',
      'https://2130706433/c.json',
      'http://app.example/c.json',
    ].map((id) =>
      authorize(
        `metadata document at ${id} (SSRF)`,
        `client_id=${encodeURIComponent(id)}&response_type=code`,
      ),
    ),
    authorize('client_id javascript:', 'client_id=javascript:alert(1)&response_type=code'),
    authorize(
      'client_id <script>',
      'client_id=%3Cscript%3Ealert(1)%3C%2Fscript%3E',
      page([400], '<script>alert(1)'),
    ),
    authorize('response_type token', 'client_id=x&response_type=token'),
    authorize('repeated client_id', 'client_id=x&client_id=y'),
    authorize('state of 9000 characters', `client_id=x&state=${'s'.repeat(9000)}`),
    authorize('parameter name of 200 characters', `${'p'.repeat(200)}=1&client_id=x`),
    authorize(
      'redirect_uri with an encoded CRLF',
      'client_id=x&response_type=code&redirect_uri=https%3A%2F%2Fa.example%2Fcb%0d%0aSet-Cookie%3A%20evil%3D1',
      page([400], 'evil=1'),
    ),
    authorize('RTL client_id', `client_id=${encodeURIComponent('\u202enope')}&response_type=code`),
    authorize('undecodable parameter', '%ZZ=1&client_id=%E0%A4%A'),
    ...['application/json', 'text/plain', 'multipart/form-data; boundary=x'].map((type) =>
      consent(`Content-Type ${type}`, 'decision=approve', page([415]), [['Content-Type', type]]),
    ),
    consent('empty form', '', page([400, 403])),
    consent('approve without CSRF', 'decision=approve&password=x', page([403])),
    consent('garbage CSRF token and cookie', 'csrf_token=x&decision=approve', page([403]), [
      FORM_TYPE,
      ['Cookie', 'gw_csrf=garbage'],
    ]),
    consent('repeated fields', 'password=a&password=b', page([400])),
    consent('password of 9000 characters', `password=${'p'.repeat(9000)}`, page([400])),
    consent('form over 16 KiB', filler(20_000), page([413])),
    consent(
      'unknown client approved',
      'client_id=x&redirect_uri=https://a.example/cb&response_type=code&decision=approve&csrf_token=x',
      page([403]),
    ),
  ];
}

function wellKnown(): HostileCase[] {
  const g = 'well-known';
  const nest404: Expectation = { status: [404], body: 'nest-error' };
  const docs = [
    'oauth-protected-resource',
    'oauth-protected-resource/mcp',
    'oauth-authorization-server',
    'openid-configuration',
  ];
  return [
    ...docs.flatMap((doc) => [
      oauth(g, `POST ${doc}`, 'POST', `/.well-known/${doc}`, '{}', nest404, [JSON_TYPE]),
      oauth(g, `DELETE ${doc}`, 'DELETE', `/.well-known/${doc}`, undefined, nest404),
      // Discovery documents come from PUBLIC_URL only: forwarded headers and junk never reach them.
      oauth(
        g,
        `GET ${doc} with forged X-Forwarded-Host and junk query`,
        'GET',
        `/.well-known/${doc}?x=%3Cscript%3Eevil.example`,
        undefined,
        {
          status: [200],
          body: 'json',
          notReflected: 'evil.example',
        },
        [
          ['X-Forwarded-Host', 'evil.example'],
          ['X-Forwarded-Proto', 'gopher'],
          ['Forwarded', 'host=evil.example;proto=http'],
        ],
      ),
    ]),
    oauth(g, 'GET unknown document', 'GET', '/.well-known/security.txt', undefined, nest404),
    oauth(
      g,
      'GET encoded traversal',
      'GET',
      '/.well-known/oauth-protected-resource/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      undefined,
      nest404,
    ),
    oauth(
      g,
      'GET oauth-protected-resource/<other resource>',
      'GET',
      '/.well-known/oauth-protected-resource/evil',
      undefined,
      nest404,
    ),
    oauth(g, 'POST /oauth/jwks', 'POST', '/oauth/jwks', '{}', nest404, [JSON_TYPE]),
    oauth(g, 'GET /oauth/jwks with junk', 'GET', '/oauth/jwks?kid=../../etc/passwd', undefined, {
      status: [200],
      body: 'json',
      notReflected: 'passwd',
    }),
  ];
}

/** Bytes no HTTP library would send: Node's parser must refuse them before any code of ours runs. */
function wire(ctx: CorpusContext): HostileCase[] {
  const g = 'wire';
  const rawCase = (
    name: string,
    front: Front,
    build: (host: string) => string | Buffer,
    expect: Expectation,
  ): HostileCase => ({
    group: g,
    name,
    front,
    method: 'RAW',
    path: '',
    raw: (host) => {
      const built = build(host);
      return Buffer.isBuffer(built) ? built : Buffer.from(built, 'latin1');
    },
    expect,
  });
  const auth = `Authorization: Bearer ${ctx.token}\r\n`;
  const post = (host: string, headers: string, body = '{}', path = '/mcp') =>
    `POST ${path} HTTP/1.1\r\nHost: ${host}\r\n${headers}Connection: close\r\n\r\n${body}`;
  const stall = (
    name: string,
    front: Front,
    path: string,
    status: number,
    body: BodyShape,
    headers: readonly (readonly [string, string])[],
    auth?: string,
  ): HostileCase => ({
    group: 'slow bodies',
    name,
    front,
    method: 'POST',
    path,
    headers,
    ...(auth ? { auth } : {}),
    body: '{"jsonrpc":"2.0",',
    delivery: 'stall',
    // The body deadline is 10 s of silence (BODY_IDLE_MS); allow scheduling slack, never minutes.
    expect: { status: [status], body, closeAllowed: true, withinMs: 14_000 },
  });
  return [
    rawCase(
      'bare CR inside a header value',
      'mcp',
      (h) => post(h, `${auth}X-A: a\rInjected: b\r\nContent-Length: 2\r\n`),
      nodeRefusal(),
    ),
    rawCase(
      'bare LF inside a header value',
      'mcp',
      (h) => post(h, `${auth}X-A: a\nInjected: b\r\nContent-Length: 2\r\n`),
      nodeRefusal(),
    ),
    rawCase(
      'NUL inside a header value',
      'mcp',
      (h) => post(h, `${auth}X-A: a\0b\r\nContent-Length: 2\r\n`),
      nodeRefusal(),
    ),
    rawCase(
      'CRLF injected into Authorization',
      'mcp',
      (h) => post(h, `Authorization: Bearer x\rSet-Cookie: a=b\r\nContent-Length: 2\r\n`),
      nodeRefusal(),
    ),
    rawCase(
      'space inside a header name',
      'mcp',
      (h) => post(h, `X A: b\r\nContent-Length: 2\r\n`),
      nodeRefusal(),
    ),
    rawCase(
      'obsolete line folding',
      'mcp',
      (h) => post(h, `X-A: a\r\n  folded\r\nContent-Length: 2\r\n`),
      nodeRefusal(),
    ),
    rawCase(
      'Content-Length and Transfer-Encoding (smuggling)',
      'mcp',
      (h) => post(h, `Content-Length: 2\r\nTransfer-Encoding: chunked\r\n`, '0\r\n\r\n'),
      nodeRefusal(),
    ),
    rawCase(
      'two different Content-Lengths',
      'mcp',
      (h) => post(h, `Content-Length: 2\r\nContent-Length: 3\r\n`),
      nodeRefusal(),
    ),
    rawCase('negative Content-Length', 'mcp', (h) => post(h, `Content-Length: -1\r\n`), nodeRefusal()),
    rawCase('non-numeric Content-Length', 'mcp', (h) => post(h, `Content-Length: 2abc\r\n`), nodeRefusal()),
    rawCase(
      'Transfer-Encoding gzip only',
      'mcp',
      (h) => post(h, `Transfer-Encoding: gzip\r\n`),
      nodeRefusal(),
    ),
    rawCase(
      'invalid chunk size',
      'mcp',
      (h) => post(h, `${auth}Transfer-Encoding: chunked\r\n`, 'zz\r\n{}\r\n0\r\n\r\n'),
      nodeRefusal(),
    ),
    rawCase(
      'HTTP/1.1 without Host',
      'mcp',
      () => `POST /mcp HTTP/1.1\r\n${auth}Content-Length: 2\r\nConnection: close\r\n\r\n{}`,
      nodeRefusal(),
    ),
    rawCase(
      'HTTP/1.0 without Host (DNS rebinding guard)',
      'mcp',
      () => `POST /mcp HTTP/1.0\r\n${auth}Content-Length: 2\r\n\r\n{}`,
      {
        ...invalidRequest,
        status: [403],
      },
    ),
    rawCase(
      'HTTP/9.9',
      'mcp',
      (h) => `POST /mcp HTTP/9.9\r\nHost: ${h}\r\nContent-Length: 2\r\n\r\n{}`,
      nodeRefusal(),
    ),
    rawCase(
      'TLS handshake on the plain port',
      'mcp',
      () =>
        Buffer.from([
          0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xfc, 0x03, 0x03, 0x0d, 0x0a, 0x0d, 0x0a,
        ]),
      nodeRefusal(),
    ),
    rawCase('HTTP/2 preface', 'mcp', () => 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', nodeRefusal()),
    rawCase(
      'unknown method FOO',
      'mcp',
      (h) => `FOO /mcp HTTP/1.1\r\nHost: ${h}\r\nConnection: close\r\n\r\n`,
      nodeRefusal(),
    ),
    rawCase(
      'control character in the path',
      'openai',
      (h) => `GET /v1/models/a\x01b HTTP/1.1\r\nHost: ${h}\r\n${auth}Connection: close\r\n\r\n`,
      nodeRefusal(),
    ),
    rawCase(
      'space in the path',
      'openai',
      (h) => `GET /v1/models/a b HTTP/1.1\r\nHost: ${h}\r\n${auth}Connection: close\r\n\r\n`,
      nodeRefusal(),
    ),
    rawCase(
      'header of 20 KB',
      'mcp',
      (h) => post(h, `X-Big: ${'a'.repeat(20_000)}\r\nContent-Length: 2\r\n`),
      nodeRefusal(431),
    ),
    rawCase(
      '3000 headers',
      'mcp',
      (h) =>
        post(h, `${Array.from({ length: 3000 }, (_, i) => `X-${i}: 1\r\n`).join('')}Content-Length: 2\r\n`),
      nodeRefusal(431),
    ),
    rawCase(
      'Authorization of 20 KB',
      'openai',
      (h) =>
        post(
          h,
          `Authorization: Bearer ${'t'.repeat(20_000)}\r\nContent-Length: 2\r\n`,
          '{}',
          '/v1/chat/completions',
        ),
      nodeRefusal(431),
    ),
    rawCase(
      'Expect: 200-ok',
      'mcp',
      (h) => post(h, `${auth}Expect: 200-ok\r\nContent-Length: 2\r\n`),
      nodeRefusal(417),
    ),
    rawCase(
      'Expect: 100-continue for 5 MB',
      'mcp',
      (h) => post(h, `${auth}Expect: 100-continue\r\nContent-Length: 5000000\r\n`, ''),
      rpcError(413, [-32600]),
    ),
    rawCase(
      'Content-Length shorter than the body',
      'mcp',
      (h) => post(h, `${auth}Content-Length: 10\r\n`, '{"jsonrpc":"2.0","id":1,"method":"ping"}'),
      {
        status: [400],
        body: 'empty',
        closeAllowed: true,
      },
    ),
    rawCase(
      'UTF-8 bytes in the bearer token',
      'mcp',
      (h) =>
        Buffer.concat([
          Buffer.from(`POST /mcp HTTP/1.1\r\nHost: ${h}\r\nAuthorization: Bearer `),
          Buffer.from('t\u00f6k\u00e9n\u202e', 'utf8'),
          Buffer.from('\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}'),
        ]),
      { ...invalidRequest, status: [401] },
    ),
    rawCase(
      'duplicate Authorization (first one wins)',
      'mcp',
      (h) => post(h, `Authorization: Bearer garbage\r\n${auth}Content-Length: 2\r\n`),
      {
        ...invalidRequest,
        status: [401],
      },
    ),
    rawCase(
      'absolute-form target naming another host',
      'mcp',
      (h) =>
        `POST http://evil.example/mcp HTTP/1.1\r\nHost: ${h}\r\n${auth}Content-Length: 2\r\nConnection: close\r\n\r\n{}`,
      {
        status: [404],
        body: 'nest-error',
      },
    ),
    rawCase(
      'unencoded traversal in the path',
      'openai',
      (h) => post(h, auth + 'Content-Length: 2\r\n', '{}', '/tools/../openapi.json'),
      {
        status: [404],
        body: 'nest-error',
      },
    ),
    rawCase(
      'unencoded traversal under .well-known',
      'mcp',
      (h) =>
        `GET /.well-known/oauth-protected-resource/../../etc/passwd HTTP/1.1\r\nHost: ${h}\r\nConnection: close\r\n\r\n`,
      {
        status: [404],
        body: 'nest-error',
      },
    ),
    stall('/mcp: chunked body that never ends', 'mcp', '/mcp', 400, 'jsonrpc-error', [JSON_TYPE], 'token'),
    stall('/mcp: unauthenticated body that never ends', 'mcp', '/mcp', 401, 'jsonrpc-error', [JSON_TYPE]),
    stall(
      '/v1/chat/completions: body that never ends',
      'openai',
      '/v1/chat/completions',
      408,
      'openai-error',
      [JSON_TYPE],
      'token',
    ),
    stall(
      '/tools: body that never ends',
      'openai',
      '/tools/homeassistant_get_state',
      422,
      'detail',
      [JSON_TYPE],
      'token',
    ),
    stall('/oauth/token: body that never ends', 'mcp', '/oauth/token', 408, 'oauth-error', [FORM_TYPE]),
    stall('/oauth/register: body that never ends', 'mcp', '/oauth/register', 408, 'oauth-error', [JSON_TYPE]),
    stall('/oauth/authorize: form that never ends', 'mcp', '/oauth/authorize', 408, 'html', [FORM_TYPE]),
    {
      group: 'slow bodies',
      name: '/mcp: Content-Length longer than the body',
      front: 'mcp',
      method: 'POST',
      path: '/mcp',
      auth: 'token',
      headers: [JSON_TYPE, ['Content-Length', '100']],
      body: '{"jsonrpc"',
      expect: { ...rpcError(400, [-32600]), closeAllowed: true, withinMs: 14_000 },
    },
  ];
}

/** `text` padded with spaces to exactly `size` bytes (JSON allows trailing whitespace). */
function padTo(text: string, size: number): Buffer {
  const out = Buffer.alloc(size, ' ');
  out.write(text, 0, 'utf8');
  return out;
}

/** Deterministic bytes across the whole range (not random, so a failing case can be replayed). */
function randomishBytes(size: number): Buffer {
  const out = Buffer.alloc(size);
  let digest = createHash('sha256').update('hostile').digest();
  for (let offset = 0; offset < size; offset += digest.length) {
    digest.copy(out, offset);
    digest = createHash('sha256').update(digest).digest();
  }
  return out;
}

export interface SigningKeyRecord {
  readonly kid: string;
  readonly privateJwk: JWK;
  readonly publicJwk: JWK;
}

/**
 * Bearer tokens that must all be refused on `/mcp`: forged (alg none, HS256 keyed with the public key, a
 * foreign key under an unknown or the real `kid`, broken encodings) and — signed with auth's real key —
 * expired, for another audience or issuer, of the wrong type, or with claims of the wrong shape.
 */
export async function mintForgedTokens(options: {
  readonly issuer: string;
  readonly resource: string;
  readonly realKey: SigningKeyRecord;
}): Promise<Record<string, string>> {
  const { issuer, resource, realKey } = options;
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    sub: 'owner',
    client_id: 'forged-client',
    scope: '*',
    jti: randomBytes(8).toString('hex'),
  };
  const key = await importJWK(realKey.privateJwk, 'ES256');
  const foreign = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
  const jwt = (header: Record<string, unknown>) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', ...header })
      .setIssuer(issuer)
      .setAudience(resource)
      .setIssuedAt()
      .setExpirationTime(now + 600);
  const fullClaims = { ...claims, iss: issuer, aud: resource, iat: now, exp: now + 600 };
  // Signed with auth's real key: only the claims named in `extra` are wrong.
  const real = (extra: Record<string, unknown>, header: Record<string, unknown> = {}) =>
    new SignJWT({ ...fullClaims, ...extra })
      .setProtectedHeader({ alg: 'ES256', kid: realKey.kid, typ: 'at+jwt', ...header })
      .sign(key);
  // Shapes jose refuses to produce are signed by hand, with the real key, so only their shape is wrong.
  const signer = createPrivateKey({ key: realKey.privateJwk as JsonWebKey, format: 'jwk' });
  const byHand = (header: Record<string, unknown>, payload: Record<string, unknown>) => {
    const input = `${b64(header)}.${b64(payload)}`;
    const signature = sign('sha256', Buffer.from(input), { key: signer, dsaEncoding: 'ieee-p1363' });
    return `${input}.${signature.toString('base64url')}`;
  };
  const realHeader = { alg: 'ES256', kid: realKey.kid, typ: 'at+jwt' };
  const publicKeyText = JSON.stringify(realKey.publicJwk);
  const hs256Input = `${b64({ alg: 'HS256', kid: realKey.kid, typ: 'at+jwt' })}.${b64(fullClaims)}`;
  return {
    'alg none': new UnsecuredJWT(claims)
      .setIssuer(issuer)
      .setAudience(resource)
      .setIssuedAt()
      .setExpirationTime(now + 600)
      .encode(),
    'alg none with typ at+jwt and the real kid': `${b64({ alg: 'none', typ: 'at+jwt', kid: realKey.kid })}.${b64(fullClaims)}.`,
    'HS256 keyed with the public JWK': `${hs256Input}.${createHmac('sha256', publicKeyText).update(hs256Input).digest('base64url')}`,
    'foreign key, unknown kid': await jwt({ kid: 'forged-kid' }).sign(foreign),
    'foreign key, real kid': await jwt({ kid: realKey.kid }).sign(foreign),
    'foreign key, kid of 6000 characters': await jwt({ kid: 'k'.repeat(6000) }).sign(foreign),
    expired: await real({ exp: now - 3600 }),
    'wrong audience': await real({ aud: 'https://other.example/mcp' }),
    'wrong issuer': await real({ iss: 'https://evil.example' }),
    'typ JWT instead of at+jwt': await real({}, { typ: 'JWT' }),
    'not valid yet (nbf in an hour)': await real({ nbf: now + 3600 }),
    'scope a number': byHand(realHeader, { ...fullClaims, scope: 42 }),
    'scope missing': byHand(realHeader, { ...fullClaims, scope: undefined }),
    'sub an object': byHand(realHeader, { ...fullClaims, sub: { toString: null } }),
    'exp a string': byHand(realHeader, { ...fullClaims, exp: String(now + 600) }),
    'exp 0': byHand(realHeader, { ...fullClaims, exp: 0 }),
    'exp negative': byHand(realHeader, { ...fullClaims, exp: -1 }),
    'aud an array of other resources': await real({ aud: ['https://other.example/mcp', 'x'] }),
    'jti an object': byHand(realHeader, { ...fullClaims, jti: { toString: null } }),
    'sid a number': byHand(realHeader, { ...fullClaims, sid: 42 }),
    'client_id missing': byHand(realHeader, { ...fullClaims, client_id: undefined }),
    'unknown crit header': byHand({ ...realHeader, crit: ['x-evil'], 'x-evil': true }, fullClaims),
    'alg ES256 signature over another payload': `${b64(realHeader)}.${b64({ ...fullClaims, scope: '*' })}.${byHand(realHeader, { ...fullClaims, scope: 'x' }).split('.')[2] ?? ''}`,
    'header not JSON': `${Buffer.from('{not json').toString('base64url')}.${b64(fullClaims)}.c2ln`,
    'payload not JSON': `${b64(realHeader)}.${Buffer.from('[[[').toString('base64url')}.c2ln`,
    'signature of the wrong length': `${b64(realHeader)}.${b64(fullClaims)}.AAAA`,
    'three 5 KB segments': `${'a'.repeat(5000)}.${'b'.repeat(5000)}.${'c'.repeat(5000)}`,
  };
}

function b64(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}
