import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, EnvReader } from '@mcp-gateway/config';
import { EdgeRateLimits, RateLimited, callerKey, retryAfterSeconds } from './edge-rate-limits.js';
import { parseRate, readRateLimits } from './rate-config.js';
import { TokenBuckets, type Take } from './token-buckets.js';

/** A clock the test moves by hand. */
function clock(start = 1_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

const refused = (take: Take): number => {
  assert.equal(take.ok, false, 'refused');
  return (take as { retryAfterMs: number }).retryAfterMs;
};

describe('TokenBuckets', () => {
  it('lets a burst through at once, then refills continuously at the rate, never above the burst', () => {
    const time = clock();
    const buckets = new TokenBuckets({ perMinute: 60, burst: 3 }, { now: time.now });
    for (let i = 0; i < 3; i++) assert.deepEqual(buckets.take('a'), { ok: true });
    assert.equal(refused(buckets.take('a')), 1000, 'one token a second');
    time.advance(400);
    assert.equal(refused(buckets.take('a')), 600, 'the wait shrinks as the bucket refills');
    time.advance(600);
    assert.deepEqual(buckets.take('a'), { ok: true });
    assert.equal(refused(buckets.take('a')), 1000);
    time.advance(3_600_000);
    for (let i = 0; i < 3; i++) assert.deepEqual(buckets.take('a'), { ok: true }, 'an hour idle saves 3');
    assert.ok(!buckets.take('a').ok, 'and no more');
  });

  it('counts fractions of a token and rounds the wait up to whole milliseconds', () => {
    const time = clock();
    const buckets = new TokenBuckets({ perMinute: 7, burst: 1 }, { now: time.now });
    assert.ok(buckets.take('a').ok);
    const wait = refused(buckets.take('a'));
    assert.equal(wait, Math.ceil(60_000 / 7));
    time.advance(wait - 1);
    assert.ok(!buckets.take('a').ok, 'a millisecond early is too early');
    time.advance(1);
    assert.ok(buckets.take('a').ok, 'exactly Retry-After later it works');
  });

  it('a refused take costs nothing; a cost above one waits for that many tokens', () => {
    const time = clock();
    const buckets = new TokenBuckets({ perMinute: 60, burst: 5 }, { now: time.now });
    assert.ok(buckets.take('a', 4).ok);
    assert.equal(refused(buckets.take('a', 3)), 2000);
    assert.equal(refused(buckets.take('a', 3)), 2000, 'the refusal took nothing');
    assert.ok(buckets.take('a', 1).ok);
    assert.throws(() => buckets.take('a', 6), RangeError, 'more than the burst can never succeed');
    assert.throws(() => buckets.take('a', 0), RangeError);
    assert.throws(() => new TokenBuckets({ perMinute: 0, burst: 1 }), RangeError);
  });

  it('keeps keys apart', () => {
    const buckets = new TokenBuckets({ perMinute: 1, burst: 1 }, { now: clock().now });
    assert.ok(buckets.take('a').ok);
    assert.ok(!buckets.take('a').ok);
    assert.ok(buckets.take('b').ok);
  });

  it('forgets idle buckets once they are full again, so memory follows the active keys', () => {
    const time = clock();
    const buckets = new TokenBuckets({ perMinute: 60, burst: 2 }, { now: time.now });
    for (let i = 0; i < 1000; i++) buckets.take(`key-${i}`);
    assert.equal(buckets.size, 1000);
    time.advance(999);
    buckets.take('busy');
    assert.equal(buckets.size, 1001, 'not yet full: kept (forgetting them would hand out tokens)');
    time.advance(1);
    for (let i = 0; i < 500; i++) buckets.take('busy', 0.001);
    assert.equal(buckets.size, 1, 'only the busy key is left');
  });

  it('caps the number of keys, forgetting the least recently used first', () => {
    const time = clock();
    const buckets = new TokenBuckets({ perMinute: 1, burst: 1 }, { now: time.now, maxKeys: 10 });
    buckets.take('first');
    for (let i = 0; i < 8; i++) buckets.take(`key-${i}`);
    assert.ok(!buckets.take('first').ok, 'refused, and now the most recently used');
    buckets.take('key-8');
    assert.equal(buckets.size, 10);
    buckets.take('key-9');
    assert.equal(buckets.size, 10, 'one over the cap: the least recently used goes');
    assert.ok(!buckets.take('first').ok, 'first was used recently and keeps its state');
    assert.ok(buckets.take('key-0').ok, 'key-0 was forgotten: a fresh bucket');
    for (let i = 10; i < 100; i++) buckets.take(`key-${i}`);
    assert.equal(buckets.size, 10);
  });
});

describe('rate settings', () => {
  it('parses <per minute> and <per minute>/<burst>; 0 is no limit', () => {
    assert.deepEqual(parseRate('600'), { perMinute: 600, burst: 600 });
    assert.deepEqual(parseRate(' 600/60 '), { perMinute: 600, burst: 60 });
    assert.equal(parseRate('0'), undefined);
    assert.equal(parseRate('0/0'), undefined);
    for (const bad of ['', 'abc', '-1', '1.5', '10/', '/10', '600/0', '0/5', '10/5/1', '2000000'])
      assert.equal(typeof parseRate(bad), 'string', `"${bad}" is refused`);
  });

  it('defaults to 600/120 per token, 60/30 per address on OAuth, and no tool limits', () => {
    const reader = new EnvReader({});
    const config = readRateLimits(reader);
    reader.done();
    assert.deepEqual(config.perToken, { perMinute: 600, burst: 120 });
    assert.deepEqual(config.oauthPerAddress, { perMinute: 60, burst: 30 });
    assert.equal(config.perTool.size, 0);
  });

  it('reads every variable, and RATE_LIMIT_TOOLS as tool=rate[/burst] pairs', () => {
    const reader = new EnvReader({
      RATE_LIMIT: '0',
      OAUTH_RATE_LIMIT: '10',
      RATE_LIMIT_TOOLS: 'homeassistant_call_service=30/10, erpnext_create_document=20,wave_list_invoices=0',
    });
    const config = readRateLimits(reader);
    reader.done();
    assert.equal(config.perToken, undefined);
    assert.deepEqual(config.oauthPerAddress, { perMinute: 10, burst: 10 });
    assert.deepEqual(
      [...config.perTool],
      [
        ['homeassistant_call_service', { perMinute: 30, burst: 10 }],
        ['erpnext_create_document', { perMinute: 20, burst: 20 }],
      ],
    );
  });

  it('reports every mistake at once, naming the variable', () => {
    const reader = new EnvReader({
      RATE_LIMIT: '600/0',
      OAUTH_RATE_LIMIT: 'lots',
      RATE_LIMIT_TOOLS: 'homeassistant_call_service,a=1=2,bad name=3,x=1,x=2,y=1.5',
    });
    readRateLimits(reader);
    assert.throws(
      () => reader.done(),
      (e: unknown) => {
        assert.ok(e instanceof ConfigError);
        assert.deepEqual(e.problems, [
          'RATE_LIMIT: the burst must be at least 1 (got "600/0")',
          'RATE_LIMIT_TOOLS entries must be <tool name>=<calls per minute>[/<burst>] (got "homeassistant_call_service")',
          'RATE_LIMIT_TOOLS entries must be <tool name>=<calls per minute>[/<burst>] (got "a=1=2")',
          'RATE_LIMIT_TOOLS entries must be <tool name>=<calls per minute>[/<burst>] (got "bad name=3")',
          'RATE_LIMIT_TOOLS names x twice',
          'RATE_LIMIT_TOOLS y: expected <requests per minute> or <requests per minute>/<burst>, such as 600/120 (got "1.5")',
          'OAUTH_RATE_LIMIT: expected <requests per minute> or <requests per minute>/<burst>, such as 600/120 (got "lots")',
        ]);
        return true;
      },
    );
  });
});

describe('EdgeRateLimits', () => {
  const config = {
    perToken: { perMinute: 60, burst: 2 },
    perTool: new Map([['homeassistant_call_service', { perMinute: 1, burst: 1 }]]),
    oauthPerAddress: { perMinute: 30, burst: 1 },
  };

  it('refuses a token past its burst with a readable message, Retry-After and a count per surface', () => {
    const counted: string[] = [];
    const limits = new EdgeRateLimits(config, {
      now: clock().now,
      onRefused: (surface, limit) => counted.push(`${surface}/${limit}`),
    });
    const caller = { subject: 'api-token:scripts' };
    assert.equal(limits.token(caller, 'mcp'), undefined);
    assert.equal(limits.token(caller, 'openai'), undefined);
    const refusal = limits.token(caller, 'openapi');
    assert.ok(refusal instanceof RateLimited);
    assert.equal(refusal.limit, 'token');
    assert.equal(refusal.retryAfterMs, 1000);
    assert.equal(refusal.retryAfterSeconds, 1);
    assert.equal(
      refusal.message,
      'Rate limit exceeded: this token may make 60 requests per minute (bursts of 2); retry after 1 s',
    );
    assert.equal(limits.token({ subject: 'api-token:other' }, 'mcp'), undefined, 'another token');
    assert.deepEqual(counted, ['openapi/token']);
  });

  it('limits only the tools configured, per token, and tells OAuth clients of one owner apart', () => {
    const limits = new EdgeRateLimits(config, { now: clock().now });
    const claude = { subject: 'owner', clientId: 'claude' };
    assert.equal(limits.tool(claude, 'homeassistant_call_service', 'mcp'), undefined);
    const refusal = limits.tool(claude, 'homeassistant_call_service', 'mcp');
    assert.equal(
      refusal?.message,
      'Rate limit exceeded: homeassistant_call_service may be called 1 time per minute per token; retry after 60 s',
    );
    assert.equal(refusal?.limit, 'tool');
    for (let i = 0; i < 5; i++)
      assert.equal(limits.tool(claude, 'homeassistant_get_state', 'mcp'), undefined);
    assert.equal(
      limits.tool({ subject: 'owner', clientId: 'inspector' }, 'homeassistant_call_service', 'mcp'),
      undefined,
    );
    assert.equal(limits.tool({ subject: 'owner' }, 'homeassistant_call_service', 'mcp'), undefined);
    assert.notEqual(callerKey({ subject: 'owner', clientId: 'x' }), callerKey({ subject: 'owner' }));
  });

  it('limits client addresses, and a disabled limit never refuses', () => {
    const limits = new EdgeRateLimits(config, { now: clock().now });
    assert.equal(limits.address('192.0.2.1', 'oauth'), undefined);
    assert.match(
      limits.address('192.0.2.1', 'oauth')?.message ?? '',
      /^Too many requests from this address: at most 30 per minute \(bursts of 1\); retry after 2 s$/,
    );
    assert.equal(limits.address('192.0.2.2', 'oauth'), undefined);
    const open = new EdgeRateLimits({ perToken: undefined, perTool: new Map(), oauthPerAddress: undefined });
    for (let i = 0; i < 1000; i++) {
      assert.equal(open.token({ subject: 'a' }, 'mcp'), undefined);
      assert.equal(open.address('a', 'oauth'), undefined);
    }
  });

  it('rounds Retry-After up to whole seconds, at least one', () => {
    assert.deepEqual([0, 1, 999, 1000, 1001, 59_001].map(retryAfterSeconds), [1, 1, 1, 1, 2, 60]);
  });
});
