import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  brokenJsonText,
  elapsedMs,
  hostileJsonText,
  hostileJsonValue,
  nestedJsonText,
} from '@mcp-gateway/testing';
import { MessageError, classifyMessage, errorMessage, parseJson, resultMessage } from './jsonrpc.js';
import { RPC } from './protocol.js';
import { MAX_JSON_DEPTH } from '@mcp-gateway/contracts';

const RUNS = { numRuns: 1000 };

/** Calls `fn`; returns its value, or the MessageError it threw. Anything else thrown fails the property. */
function outcome<T>(fn: () => T): T | MessageError {
  try {
    return fn();
  } catch (error) {
    assert.ok(error instanceof MessageError, `unexpected ${String(error)}`);
    return error;
  }
}

describe('parseJson under arbitrary input', () => {
  it('turns any text into a value, a -32700 or a -32600, and the value always serialises again', () => {
    const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), hostileJsonText(), brokenJsonText());
    fc.assert(
      fc.property(text, (input) => {
        const result = outcome(() => parseJson(input));
        if (result instanceof MessageError) {
          assert.ok([RPC.parseError, RPC.invalidRequest].includes(result.code as -32700 | -32600));
          assert.equal(result.id, null);
        } else {
          JSON.stringify(result);
        }
      }),
      RUNS,
    );
  });

  it('accepts exactly the documents nested at most MAX_JSON_DEPTH levels', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 * MAX_JSON_DEPTH }), fc.boolean(), (levels, arrays) => {
        const result = outcome(() => parseJson(nestedJsonText(levels, arrays ? 'array' : 'object')));
        if (levels <= MAX_JSON_DEPTH) assert.ok(!(result instanceof MessageError), `${levels} levels`);
        else assert.equal((result as MessageError).code, RPC.invalidRequest);
      }),
      { numRuns: 300 },
    );
  });

  it('stays linear on pathological megabyte inputs (each well under a second)', () => {
    const mib = 1_048_576;
    const inputs = [
      nestedJsonText(mib / 2 - 1),
      nestedJsonText(mib / 6, 'object'),
      '['.repeat(mib),
      `"${'\\u0000'.repeat(mib / 6)}"`,
      `[${'1e999,'.repeat(mib / 6)}0]`,
      `{${Array.from({ length: 40_000 }, (_, i) => `"__proto__${i}":${i}`).join(',')}}`,
    ];
    for (const input of inputs) {
      const ms = elapsedMs(() => outcome(() => parseJson(input)));
      assert.ok(ms < 1000, `${input.slice(0, 20)}… took ${ms} ms`);
    }
  });
});

describe('classifyMessage under arbitrary input', () => {
  const id = fc.oneof(
    fc.integer(),
    fc.double(),
    fc.string(),
    fc.constant(null),
    fc.boolean(),
    fc.constant({}),
  );
  const rpcLike = fc.record(
    {
      jsonrpc: fc.oneof(fc.constant('2.0'), hostileJsonValue(2)),
      id,
      method: fc.oneof(fc.constantFrom('ping', 'tools/call', '__proto__'), hostileJsonValue(2)),
      params: fc.oneof(fc.dictionary(fc.string(), hostileJsonValue(2)), hostileJsonValue(2)),
      result: hostileJsonValue(2),
    },
    { requiredKeys: [] },
  );

  it('classifies any JSON value as a request, notification or response, or refuses it with -32600/-32602', () => {
    fc.assert(
      fc.property(fc.oneof(hostileJsonValue(), rpcLike), (body) => {
        const result = outcome(() => classifyMessage(body));
        if (result instanceof MessageError) {
          assert.ok([RPC.invalidRequest, RPC.invalidParams].includes(result.code as -32600 | -32602));
          const errorId = result.id;
          assert.ok(errorId === null || typeof errorId === 'string' || Number.isFinite(errorId));
          return;
        }
        if (result.kind === 'response') return;
        assert.equal(typeof result.method, 'string');
        assert.ok(
          result.params !== null && typeof result.params === 'object' && !Array.isArray(result.params),
        );
        if (result.kind === 'request') {
          assert.ok(typeof result.id === 'string' || Number.isFinite(result.id), 'ids are strings or finite');
        }
      }),
      RUNS,
    );
  });

  it('builds answers that parse back to the same id and payload', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })),
        hostileJsonValue(),
        fc.string(),
        (requestId, result, message) => {
          const ok = JSON.parse(resultMessage(requestId, result)) as { id: unknown; result: unknown };
          assert.equal(JSON.stringify(ok.id), JSON.stringify(requestId));
          assert.deepEqual(ok.result, JSON.parse(JSON.stringify(result)));
          const failed = JSON.parse(errorMessage(requestId, { code: -32602, message })) as {
            error: { message: string };
          };
          assert.equal(failed.error.message, JSON.parse(JSON.stringify(message)));
        },
      ),
      RUNS,
    );
  });
});

describe('regression: deep nesting (found by the hostile corpus)', () => {
  it('refuses 10k levels with -32600 instead of failing later in JSON.stringify (was an HTTP 500)', () => {
    const deep = `{"jsonrpc":"2.0","id":1,"method":"resources/read","params":{"uri":${nestedJsonText(10_000)}}}`;
    assert.throws(
      () => parseJson(deep),
      (e: unknown) => e instanceof MessageError && e.code === RPC.invalidRequest && e.id === null,
    );
    assert.doesNotThrow(() => parseJson(`{"a":${nestedJsonText(MAX_JSON_DEPTH - 1)}}`));
  });
});
