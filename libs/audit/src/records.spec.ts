import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AuditRecord, compileSchema, describeValidationErrors } from '@mcp-gateway/contracts';
import {
  MAX_ARGUMENTS_CHARS,
  MAX_STRING,
  REDACTED,
  argumentsDigest,
  authFailureRecord,
  redactArguments,
  toolCallRecord,
} from './records.js';

const validate = compileSchema(AuditRecord.message);

describe('redactArguments', () => {
  it('replaces the values of secret-looking keys, in any case, nested in objects and arrays', () => {
    const { arguments: out, truncated } = redactArguments({
      domain: 'lock',
      service_data: { code: '1234', Password: 'hunter2', nested: [{ api_key: 'k', note: 'fine' }] },
      headers: { Authorization: 'Bearer abc', Cookie: 'sid=1', 'X-Api-Key': 'k2' },
      list: [{ client_secret: 's', access_token: 't', refresh_token: 'r' }, 'plain'],
      private_key: { kty: 'EC', d: 'secret-part' },
      credentials: ['a', 'b'],
      passwd: 1,
      apiKey: 'camel',
    });
    assert.deepEqual(out, {
      domain: 'lock',
      service_data: { code: REDACTED, Password: REDACTED, nested: [{ api_key: REDACTED, note: 'fine' }] },
      headers: { Authorization: REDACTED, Cookie: REDACTED, 'X-Api-Key': REDACTED },
      list: [{ client_secret: REDACTED, access_token: REDACTED, refresh_token: REDACTED }, 'plain'],
      private_key: REDACTED,
      credentials: REDACTED,
      passwd: REDACTED,
      apiKey: REDACTED,
    });
    assert.equal(truncated, false, 'redaction alone does not count as truncation');
  });

  it('leaves ordinary keys alone, including ones that merely contain "code" or "pass"', () => {
    const args = { item_code: 'SKU-1', bypass: true, entity_id: 'light.kitchen', count: 3, ok: null };
    assert.deepEqual(redactArguments(args), { arguments: args, truncated: false });
  });

  it('cuts strings over 1,000 characters and says so', () => {
    const { arguments: out, truncated } = redactArguments({ template: 'x'.repeat(5_000), short: 'y' });
    assert.equal(truncated, true);
    assert.equal(out['template'], `${'x'.repeat(MAX_STRING)}…`);
    assert.equal(out['short'], 'y');
  });

  it('caps the whole object at about 8 KB, keeping what comes first', () => {
    const items = Array.from({ length: 500 }, (_, i) => ({ name: `item ${i}`, text: 'z'.repeat(100) }));
    const { arguments: out, truncated } = redactArguments({ doctype: 'Item', items });
    assert.equal(truncated, true);
    assert.equal(out['doctype'], 'Item');
    const kept = out['items'] as { name: string }[];
    assert.ok(kept.length > 10 && kept.length < 500, `kept ${kept.length}`);
    assert.equal(kept[0]?.name, 'item 0');
    assert.ok(JSON.stringify(out).length < MAX_ARGUMENTS_CHARS + 2 * MAX_STRING);
  });

  it('keeps a key named __proto__ as data', () => {
    const args = JSON.parse('{"__proto__": {"token": "t"}, "a": 1}') as Record<string, unknown>;
    const { arguments: out } = redactArguments(args);
    assert.equal(JSON.stringify(out), '{"__proto__":{"token":"[redacted]"},"a":1}');
    assert.equal(Object.getPrototypeOf(out), Object.prototype);
  });
});

describe('argumentsDigest', () => {
  it('is the sha256 of the canonical JSON: stable across key order, different for different values', () => {
    const a = argumentsDigest({ b: { y: 2, x: 1 }, a: [1, { d: 4, c: 3 }] });
    assert.equal(a, argumentsDigest({ a: [1, { c: 3, d: 4 }], b: { x: 1, y: 2 } }));
    assert.match(a, /^[0-9a-f]{64}$/);
    assert.notEqual(a, argumentsDigest({ a: [1, { c: 3, d: 5 }], b: { x: 1, y: 2 } }));
    // The digest is of the arguments as sent, so a changed secret changes it.
    assert.notEqual(argumentsDigest({ password: 'a' }), argumentsDigest({ password: 'b' }));
    assert.equal(
      argumentsDigest({}),
      '44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a', // sha256("{}")
    );
  });
});

describe('records', () => {
  it('a tool call becomes a valid record with the caller, instance, digest and redacted arguments', () => {
    const args = { template: '{{ x }}', variables: { password: 'hunter2' } };
    const record = toolCallRecord({
      tool: 'homeassistant_render_template',
      connector: 'homeassistant',
      instance: 'ha-1',
      outcome: 'ok',
      startedAt: Date.parse('2030-01-01T00:00:00.000Z'),
      durationMs: 12.6,
      retries: 0,
      caller: {
        surface: 'openapi',
        subject: 'api-token:ci',
        tokenKind: 'api-token',
        tokenId: 'tok_1',
        tokenName: 'ci',
      },
      args,
    });
    assert.equal(validate(record), true, describeValidationErrors(validate.errors));
    assert.deepEqual(
      { ...record, id: 'id' },
      {
        id: 'id',
        at: '2030-01-01T00:00:00.000Z',
        kind: 'tool-call',
        surface: 'openapi',
        caller: { subject: 'api-token:ci', tokenId: 'tok_1', tokenName: 'ci', tokenKind: 'api-token' },
        tool: 'homeassistant_render_template',
        connector: 'homeassistant',
        instance: 'ha-1',
        argumentsDigest: argumentsDigest(args),
        arguments: { template: '{{ x }}', variables: { password: REDACTED } },
        truncated: false,
        outcome: 'ok',
        durationMs: 13,
        retries: 0,
      },
    );
    assert.ok(!JSON.stringify(record).includes('hunter2'));
  });

  it('an auth failure keeps the fingerprint, the address and the path without its query', () => {
    const record = authFailureRecord({
      surface: 'mcp',
      reason: 'invalid',
      detail: 'The API token is not valid (unknown).',
      tokenKind: 'opaque',
      tokenFingerprint: '0a1b2c3d',
      remoteAddress: '::1',
      url: '/mcp?token=oops',
    });
    assert.equal(validate(record), true, describeValidationErrors(validate.errors));
    assert.equal(record.path, '/mcp');
    assert.equal(record.tokenFingerprint, '0a1b2c3d');
  });
});
