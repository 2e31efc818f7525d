import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough, Readable } from 'node:stream';
import type { IncomingMessage } from 'node:http';
import fc from 'fast-check';
import { hostileString } from '@mcp-gateway/testing';
import {
  BodyTimeoutError,
  BodyTooLargeError,
  hostProblem,
  originProblem,
  readBody,
  type OriginPolicy,
} from './http-guards.js';
import { MessageError } from './jsonrpc.js';
import { RPC } from './protocol.js';

function request(chunks: readonly Buffer[], headers: Record<string, string> = {}): IncomingMessage {
  return Object.assign(Readable.from(chunks), { headers }) as unknown as IncomingMessage;
}

/** A request whose body arrives only as the test writes it, on a socket that records being hung up on. */
function slowRequest(): { req: IncomingMessage; body: PassThrough; hungUp: () => boolean } {
  const body = new PassThrough();
  let hungUp = false;
  const socket = { destroySoon: () => (hungUp = true) };
  const req = Object.assign(body, { headers: {}, socket }) as unknown as IncomingMessage;
  return { req, body, hungUp: () => hungUp };
}

const policy: OriginPolicy = {
  allowedOrigins: new Set(['https://claude.ai']),
  publicOrigin: 'https://gw.example.com',
  loopbackBind: true,
  publicHost: 'gw.example.com',
};

describe('readBody under arbitrary bodies', () => {
  it('returns the UTF-8 text of any chunking up to the limit and refuses anything larger', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.uint8Array({ maxLength: 200 }), { maxLength: 12 }),
        fc.integer({ min: 1, max: 1500 }),
        fc.constantFrom('none', 'true', 'false', 'garbage'),
        async (parts, limit, declared) => {
          const chunks = parts.map((p) => Buffer.from(p));
          const total = Buffer.concat(chunks);
          const headers: Record<string, string> =
            declared === 'none'
              ? {}
              : {
                  'content-length':
                    declared === 'true' ? String(total.length) : declared === 'false' ? '0' : 'x1',
                };
          try {
            const text = await readBody(request(chunks, headers), limit, { idleMs: 1000, totalMs: 2000 });
            assert.ok(total.length <= limit);
            assert.equal(text, total.toString('utf8'));
          } catch (error) {
            assert.ok(error instanceof BodyTooLargeError, String(error));
            assert.ok(total.length > limit);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('Origin and Host checks under arbitrary headers', () => {
  it('never throw, and let through only an absent or allowed Origin and a loopback or public Host', () => {
    fc.assert(
      fc.property(
        fc.option(fc.oneof(hostileString(), fc.constantFrom('https://claude.ai', 'https://gw.example.com')), {
          nil: undefined,
        }),
        fc.option(
          fc.oneof(
            hostileString(),
            fc.constantFrom('localhost:8080', '127.0.0.1', '[::1]:1', 'gw.example.com'),
          ),
          {
            nil: undefined,
          },
        ),
        (origin, host) => {
          const req = { headers: { origin, host } } as unknown as IncomingMessage;
          const originAnswer = originProblem(req, policy);
          assert.equal(
            originAnswer === undefined,
            origin === undefined || origin === 'https://claude.ai' || origin === 'https://gw.example.com',
          );
          const hostAnswer = hostProblem(req, policy);
          if (hostAnswer === undefined) {
            const name = (host ?? '').replace(/:\d+$/, '').toLowerCase();
            assert.ok(
              ['localhost', '127.0.0.1', '[::1]', 'gw.example.com'].includes(name),
              `${host} let through`,
            );
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('regression: bodies that never end (found by the hostile corpus)', () => {
  it('gives up on a body that stalls, as a -32600 MessageError, and hangs up (it used to wait five minutes)', async () => {
    const { req, body, hungUp } = slowRequest();
    body.write('{"jsonrpc":');
    const started = performance.now();
    const error = await readBody(req, 1000, { idleMs: 50, totalMs: 5000 }).catch((e: unknown) => e);
    assert.ok(error instanceof BodyTimeoutError && error instanceof MessageError);
    assert.equal(error.code, RPC.invalidRequest);
    assert.ok(performance.now() - started < 1000);
    await new Promise((r) => setImmediate(r));
    assert.ok(hungUp(), 'the stalled connection is closed after the answer');
  });

  it('gives up on a body that trickles in forever, at the total deadline', async () => {
    const { req, body } = slowRequest();
    const drip = setInterval(() => body.write('a'), 10);
    try {
      const error = await readBody(req, 1_000_000, { idleMs: 1000, totalMs: 100 }).catch((e: unknown) => e);
      assert.ok(error instanceof BodyTimeoutError);
      assert.equal(error.afterMs, 100);
    } finally {
      clearInterval(drip);
    }
  });

  it('treats a client that hangs up mid-body as a bad request, not a server failure', async () => {
    const { req, body } = slowRequest();
    body.write('{"a":');
    setImmediate(() => body.destroy(new Error('aborted')));
    const error = await readBody(req, 1000).catch((e: unknown) => e);
    assert.ok(error instanceof MessageError && error.code === RPC.invalidRequest);
  });
});
