import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough, Readable } from 'node:stream';
import type { IncomingMessage, ServerResponse } from 'node:http';
import fc from 'fast-check';
import { BusError, MAX_JSON_DEPTH } from '@mcp-gateway/contracts';
import type { BusClient } from '@mcp-gateway/bus';
import { publicIdentity } from '@mcp-gateway/config';
import {
  brokenJsonText,
  elapsedMs,
  hostileJsonText,
  hostileString,
  nestedJsonText,
  PROTOTYPE_KEYS,
} from '@mcp-gateway/testing';
import { clientAddress } from './client-address.js';
import {
  BodyError,
  MAX_PARAM_NAME,
  MAX_PARAM_VALUE,
  basicCredentials,
  formRecord,
  parseCookies,
  readForm,
  readJsonObject,
  readLimited,
} from './forms.js';
import { OAuthEndpoints } from './oauth-endpoints.js';

const RUNS = { numRuns: 1000 };

function request(body: string | Buffer, headers: Record<string, string | undefined>): IncomingMessage {
  return Object.assign(Readable.from([Buffer.from(body)]), { headers }) as unknown as IncomingMessage;
}

/** Resolves with the value, or with the BodyError thrown; anything else fails the property. */
async function settle<T>(work: Promise<T> | (() => T)): Promise<T | BodyError> {
  try {
    return typeof work === 'function' ? work() : await work;
  } catch (error) {
    assert.ok(error instanceof BodyError, `unexpected ${String(error)}`);
    return error;
  }
}

const CONTENT_TYPES = [
  undefined,
  '',
  'application/json',
  'application/json; charset=utf-8',
  'APPLICATION/JSON',
  'application/merge-patch+json',
  'application/x-www-form-urlencoded',
  'text/plain',
  'multipart/form-data; boundary=x',
];

describe('form and JSON body readers under arbitrary input', () => {
  it('formRecord: any query string is a flat record within the contract limits, or a 400', async () => {
    const query = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc
        .array(fc.tuple(fc.oneof(hostileString(), fc.constantFrom(...PROTOTYPE_KEYS)), hostileString()), {
          maxLength: 6,
        })
        .map((pairs) => new URLSearchParams(pairs).toString()),
    );
    await fc.assert(
      fc.asyncProperty(query, async (text) => {
        const result = await settle(() => formRecord(new URLSearchParams(text)));
        if (result instanceof BodyError) return assert.equal(result.status, 400);
        for (const [name, value] of Object.entries(result)) {
          assert.equal(typeof value, 'string');
          assert.ok(name.length <= MAX_PARAM_NAME && value.length <= MAX_PARAM_VALUE);
        }
        assert.equal(
          Object.getPrototypeOf(result),
          Object.prototype,
          'a __proto__ parameter never swaps the prototype',
        );
      }),
      RUNS,
    );
  });

  it('readForm and readJsonObject: any body under any content type is a value or a 400/413/415', async () => {
    const body = fc.oneof(hostileJsonText(), brokenJsonText(), fc.string({ unit: 'binary', maxLength: 300 }));
    await fc.assert(
      fc.asyncProperty(body, fc.constantFrom(...CONTENT_TYPES), fc.boolean(), async (text, type, form) => {
        const req = request(text, { 'content-type': type });
        const result = await settle(form ? readForm(req, 200) : readJsonObject(req, 200));
        if (result instanceof BodyError) return assert.ok([400, 413, 415].includes(result.status));
        assert.ok(result !== null && typeof result === 'object' && !Array.isArray(result));
        JSON.stringify(result);
      }),
      RUNS,
    );
  });

  it('readJsonObject accepts exactly the objects nested at most MAX_JSON_DEPTH levels', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 3 * MAX_JSON_DEPTH }), async (levels) => {
        const text = `{"a":${nestedJsonText(levels)}}`;
        const result = await settle(
          readJsonObject(request(text, { 'content-type': 'application/json' }), 1e6),
        );
        assert.equal(result instanceof BodyError, levels + 1 > MAX_JSON_DEPTH, `${levels + 1} levels`);
      }),
      { numRuns: 200 },
    );
  });

  it('basicCredentials: any Authorization header is absent, credentials, or a 400 — in linear time', () => {
    const header = fc.oneof(
      fc.option(hostileString(300), { nil: undefined }),
      fc
        .string({ unit: 'binary', maxLength: 100 })
        .map((s) => `Basic ${Buffer.from(s, 'latin1').toString('base64')}`),
      fc
        .tuple(hostileString(), hostileString())
        .map(([id, secret]) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`),
    );
    fc.assert(
      fc.property(header, (value) => {
        let result: ReturnType<typeof basicCredentials> | BodyError | undefined;
        const ms = elapsedMs(() => {
          try {
            result = basicCredentials(value);
          } catch (error) {
            assert.ok(error instanceof BodyError && error.status === 400, String(error));
            result = error;
          }
        });
        assert.ok(ms < 50, `${ms} ms`);
        if (result && !(result instanceof BodyError)) {
          assert.equal(typeof result.clientId, 'string');
          assert.equal(typeof result.clientSecret, 'string');
        }
      }),
      RUNS,
    );
    const nearMiss = `Basic ${'A'.repeat(1_000_000)}!`;
    assert.ok(elapsedMs(() => assert.throws(() => basicCredentials(nearMiss), BodyError)) < 200);
  });

  it('parseCookies and clientAddress never throw on any header', () => {
    fc.assert(
      fc.property(
        hostileString(300),
        fc.option(fc.oneof(hostileString(), fc.array(hostileString())), { nil: undefined }),
        fc.boolean(),
        (cookie, forwarded, trust) => {
          for (const [name, value] of parseCookies(cookie))
            assert.ok(typeof name === 'string' && typeof value === 'string');
          const req = { headers: { 'x-forwarded-for': forwarded }, socket: { remoteAddress: '10.0.0.1' } };
          assert.equal(typeof clientAddress(req as unknown as IncomingMessage, trust), 'string');
        },
      ),
      RUNS,
    );
  });
});

describe('regressions found by the hostile corpus', () => {
  it('refuses a JSON body nested 10k levels deep with a 400 (it was a 500 or 503 further on)', async () => {
    const result = await settle(
      readJsonObject(request(`{"x":${nestedJsonText(10_000)}}`, { 'content-type': 'application/json' })),
    );
    assert.ok(result instanceof BodyError && result.status === 400, 'a 400 BodyError');
  });

  it('refuses parameters longer than the auth service accepts with a 400 (they were a 500)', () => {
    assert.throws(
      () => formRecord(new URLSearchParams({ code: 'c'.repeat(MAX_PARAM_VALUE + 1) })),
      /longer than 8192/,
    );
    assert.throws(
      () => formRecord(new URLSearchParams({ ['p'.repeat(MAX_PARAM_NAME + 1)]: '1' })),
      /longer than 100/,
    );
    assert.deepEqual(formRecord(new URLSearchParams({ code: 'c'.repeat(MAX_PARAM_VALUE) })), {
      code: 'c'.repeat(MAX_PARAM_VALUE),
    });
  });

  it('answers a body that stalls with a 408 and hangs up, instead of waiting five minutes', async () => {
    const body = new PassThrough();
    let hungUp = false;
    const req = Object.assign(body, { headers: {}, socket: { destroySoon: () => (hungUp = true) } });
    body.write('grant_type=');
    const result = await settle(readLimited(req as unknown as IncomingMessage, 1000, { idleMs: 50 }));
    assert.ok(result instanceof BodyError && result.status === 408, String(result));
    await new Promise((r) => setImmediate(r));
    assert.ok(hungUp);
  });

  it('turns a request the auth service refuses as malformed into a 400, not a 500', async () => {
    const bus = {
      request: () =>
        Promise.reject(
          new BusError('INVALID_REQUEST', 'Invalid auth.token.exchange: /basic/clientId too long'),
        ),
    } as unknown as BusClient;
    const endpoints = new OAuthEndpoints({
      identity: publicIdentity(new URL('https://gw.example.com')),
      bus,
      scopes: () => [],
      remoteAddress: () => '127.0.0.1',
      log: () => undefined,
    });
    const answer = { status: 0, body: '' };
    const res = {
      headersSent: false,
      writeHead: (status: number) => (answer.status = status),
      end: (text?: string) => (answer.body = text ?? ''),
    } as unknown as ServerResponse;
    const basic = `Basic ${Buffer.from(`${'a'.repeat(3000)}:x`).toString('base64')}`;
    await endpoints.token(
      request('grant_type=authorization_code&code=x', {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: basic,
      }),
      res,
    );
    assert.equal(answer.status, 400);
    assert.equal((JSON.parse(answer.body) as { error: string }).error, 'invalid_request');
    assert.doesNotMatch(answer.body, /auth\.token\.exchange/, 'internal operation names stay inside');
  });
});
