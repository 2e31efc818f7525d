import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { elapsedMs, hostileString } from '@mcp-gateway/testing';
import { decodeHeaderValue, modernHeaderProblem } from './modern-headers.js';
import { LEGACY_VERSIONS, MODERN_VERSION } from './protocol.js';

const RUNS = { numRuns: 1000 };

const encoded = (text: string) => `=?base64?${Buffer.from(text, 'utf8').toString('base64')}?=`;

describe('modern request-metadata headers under arbitrary input', () => {
  it('decodes any header value without throwing, and round-trips the base64 form of any text', () => {
    fc.assert(
      fc.property(hostileString(200), fc.string({ unit: 'grapheme', maxLength: 60 }), (raw, text) => {
        assert.equal(typeof decodeHeaderValue(raw), 'string');
        assert.equal(decodeHeaderValue(encoded(text)), text);
      }),
      RUNS,
    );
  });

  it('answers any set of headers with a sentence or undefined, and undefined only when they agree', () => {
    const header = fc.option(hostileString(), { nil: undefined });
    fc.assert(
      fc.property(
        fc.record({ version: header, method: header, name: header }),
        hostileString(),
        fc.option(hostileString(), { nil: undefined }),
        (sent, method, name) => {
          const headers: Record<string, string | undefined> = {
            'mcp-protocol-version': sent.version,
            'mcp-method': sent.method,
            'mcp-name': sent.name,
          };
          const problem = modernHeaderProblem((h) => headers[h], method, MODERN_VERSION, name);
          if (problem === undefined) {
            assert.ok(
              sent.version === MODERN_VERSION ||
                (LEGACY_VERSIONS as readonly unknown[]).includes(sent.version),
            );
            assert.equal(decodeHeaderValue(sent.method ?? ''), method);
            if (name !== undefined) assert.equal(decodeHeaderValue(sent.name ?? ''), name);
          } else {
            assert.match(problem, /^Header mismatch: /);
          }
        },
      ),
      RUNS,
    );
  });

  it('accepts headers that match the body, plain or base64-encoded', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme' }),
        fc.string({ unit: 'grapheme' }),
        fc.boolean(),
        (method, name, b64) => {
          const headers: Record<string, string> = {
            'mcp-protocol-version': MODERN_VERSION,
            'mcp-method': b64 ? encoded(method) : method,
            'mcp-name': b64 ? encoded(name) : name,
          };
          // A plain value that happens to look like the encoded form is decoded first, as the spec says.
          if (!b64 && (method.startsWith('=?base64?') || name.startsWith('=?base64?'))) return;
          assert.equal(
            modernHeaderProblem((h) => headers[h], method, MODERN_VERSION, name),
            undefined,
          );
        },
      ),
      RUNS,
    );
  });

  it('decodes a megabyte of near-miss encoded text in linear time', () => {
    const nearMiss = `=?base64?${'A'.repeat(1_048_576)}?`;
    assert.ok(elapsedMs(() => decodeHeaderValue(nearMiss)) < 200);
  });
});
