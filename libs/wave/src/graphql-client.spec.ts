import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BusError } from '@mcp-gateway/contracts';
import { Metrics } from '@mcp-gateway/observability';
import { startWaveSimulator } from '@mcp-gateway/simulator-wave';
import { WaveGraphQLError } from './errors.js';
import { WaveGraphQL } from './graphql-client.js';
import { BackendPolicy, parseRetryAfter } from '@mcp-gateway/connector-kit';
import { backoffMs } from './retry.js';
import { WaveHttp, type GraphQLBody, type GraphQLTransport, type RawResponse } from './transport.js';

/** Answers each POST with the next scripted response and records what was sent. */
class ScriptedTransport implements GraphQLTransport {
  readonly sent: GraphQLBody[] = [];
  constructor(private readonly script: RawResponse[]) {}
  post(body: GraphQLBody): Promise<RawResponse> {
    this.sent.push(body);
    const next = this.script.shift();
    if (!next) throw new Error('script exhausted');
    return Promise.resolve(next);
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

const ok = (data: unknown): RawResponse => ({ status: 200, retryAfter: undefined, body: { data } });
const status = (code: number, retryAfter?: string): RawResponse => ({
  status: code,
  retryAfter,
  body: { errors: [{ message: 'Too many requests', extensions: { code: 'RATE_LIMITED' } }] },
});

function client(script: RawResponse[], now = 1_700_000_000_000) {
  const transport = new ScriptedTransport(script);
  const sleeps: number[] = [];
  const gql = new WaveGraphQL(transport, {
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
    now: () => now,
  });
  return { gql, transport, sleeps };
}

const QUERY = 'query Probe { user { id } }';

describe('WaveGraphQL retries', () => {
  it('computes exponential backoff capped at 8 s and reads Retry-After as seconds or a date', () => {
    assert.deepEqual([0, 1, 2, 3, 4].map(backoffMs), [1000, 2000, 4000, 8000, 8000]);
    assert.equal(parseRetryAfter('3', 0), 3000);
    assert.equal(parseRetryAfter(new Date(10_000).toUTCString(), 4_000), 6_000);
    assert.equal(parseRetryAfter('soon', 0), undefined);
    assert.equal(parseRetryAfter(undefined, 0), undefined);
  });

  it('retries 429 honouring Retry-After, then with backoff, and returns the data', async () => {
    const { gql, transport, sleeps } = client([status(429, '3'), status(429), ok({ user: { id: 'u1' } })]);
    const data = await gql.request<{ user: { id: string } }>(QUERY, {}, { idempotent: false });
    assert.deepEqual(data, { user: { id: 'u1' } });
    assert.deepEqual(sleeps, [3000, 2000]);
    assert.equal(transport.sent.length, 3);
    assert.equal(transport.sent[0]?.operationName, 'Probe');
  });

  it('gives up after two retries with RATE_LIMITED and the wait the caller should respect', async () => {
    const { gql, sleeps } = client([status(429, '1'), status(429, '1'), status(429, '4')]);
    await assert.rejects(
      gql.request(QUERY, {}, { idempotent: true }),
      (e: unknown) =>
        e instanceof BusError &&
        e.code === 'RATE_LIMITED' &&
        e.retryAfterMs === 4000 &&
        e.message.includes('about 4 s'),
    );
    assert.deepEqual(sleeps, [1000, 1000]);
  });

  it('does not sleep through a Retry-After longer than the budget', async () => {
    const { gql, sleeps } = client([status(429, '120')]);
    await assert.rejects(
      gql.request(QUERY, {}, { idempotent: true }),
      (e: unknown) => e instanceof BusError && e.code === 'RATE_LIMITED' && e.retryAfterMs === 120_000,
    );
    assert.deepEqual(sleeps, []);
  });

  it('retries 502/503/504 only for idempotent requests', async () => {
    const retried = client([status(503), ok({ user: null })]);
    assert.deepEqual(await retried.gql.request(QUERY, {}, { idempotent: true }), { user: null });
    assert.deepEqual(retried.sleeps, [1000]);
    const once = client([status(503)]);
    await assert.rejects(
      once.gql.request(QUERY, {}, { idempotent: false }),
      (e: unknown) => e instanceof BusError && e.code === 'BACKEND_ERROR' && e.message.includes('HTTP 503'),
    );
    assert.deepEqual(once.sleeps, []);
  });

  it('stops waiting when the call is cancelled', async () => {
    const transport = new ScriptedTransport([status(429, '5'), ok({})]);
    const controller = new AbortController();
    const gql = new WaveGraphQL(transport);
    const pending = gql.request(QUERY, {}, { idempotent: true, signal: controller.signal });
    setTimeout(() => controller.abort(new BusError('CANCELLED', 'The client cancelled the call.')), 20);
    await assert.rejects(pending, (e: unknown) => e instanceof BusError && e.code === 'CANCELLED');
    assert.equal(transport.sent.length, 1);
  });
});

describe('WaveGraphQL errors', () => {
  it('401/403 at the edge are auth failures that never echo the token', async () => {
    for (const code of [401, 403]) {
      const { gql } = client([{ status: code, retryAfter: undefined, body: 'Unauthorized' }]);
      await assert.rejects(
        gql.request(QUERY, {}, { idempotent: true }),
        (e: unknown) =>
          e instanceof BusError && e.code === 'BACKEND_AUTH_FAILED' && e.message.includes(`HTTP ${code}`),
      );
    }
  });

  it('GraphQL errors in a 200 (or 400) body become the mapped error', async () => {
    const body = {
      data: null,
      errors: [{ message: 'You must be authenticated', extensions: { code: 'UNAUTHENTICATED' } }],
    };
    const { gql } = client([{ status: 200, retryAfter: undefined, body }]);
    await assert.rejects(
      gql.request(QUERY, {}, { idempotent: true }),
      (e: unknown) => e instanceof BusError && e.code === 'BACKEND_AUTH_FAILED',
    );
    const invalid = client([
      {
        status: 400,
        retryAfter: undefined,
        body: {
          errors: [{ message: 'Variable "$id" got invalid value 5', extensions: { code: 'BAD_USER_INPUT' } }],
        },
      },
    ]);
    await assert.rejects(
      invalid.gql.request(QUERY, {}, { idempotent: true }),
      (e: unknown) => e instanceof WaveGraphQLError,
    );
  });

  it('a partial answer with errors fails, and an answer without data is a backend error', async () => {
    const partial = client([
      {
        status: 200,
        retryAfter: undefined,
        body: {
          data: { business: null },
          errors: [{ message: 'Business not found.', path: ['business'], extensions: { code: 'NOT_FOUND' } }],
        },
      },
    ]);
    await assert.rejects(
      partial.gql.request(QUERY, {}, { idempotent: true }),
      (e: unknown) => e instanceof WaveGraphQLError && e.all('NOT_FOUND'),
    );
    const empty = client([{ status: 200, retryAfter: undefined, body: '<html>maintenance</html>' }]);
    await assert.rejects(
      empty.gql.request(QUERY, {}, { idempotent: true }),
      (e: unknown) => e instanceof BusError && e.code === 'BACKEND_ERROR' && !e.message.includes('html'),
    );
  });
});

describe('WaveHttp against the simulator', () => {
  it('sends the bearer token and reads Retry-After from a real 429', async () => {
    const sim = await startWaveSimulator({ port: 0, token: 'http-token' });
    const sleeps: number[] = [];
    const transport = new WaveHttp({
      url: new URL(sim.graphqlUrl),
      token: 'http-token',
      timeoutMs: 2_000,
      metrics: new Metrics('test'),
      policy: new BackendPolicy({ connector: 'wave', displayName: 'Wave' }),
    });
    const gql = new WaveGraphQL(transport, {
      sleep: (ms) => {
        sleeps.push(ms);
        return Promise.resolve();
      },
    });
    try {
      sim.rateLimitNext(1, 2);
      const data = await gql.request<{ user: { firstName: string } }>(
        'query Me { user { firstName } }',
        {},
        { idempotent: true },
      );
      assert.equal(data.user.firstName, 'Alex');
      assert.deepEqual(sleeps, [2000]);
    } finally {
      await gql.close();
      await sim.close();
    }
  });

  it('maps an unreachable endpoint to BACKEND_UNAVAILABLE', async () => {
    const gql = new WaveGraphQL(
      new WaveHttp({
        url: new URL('http://127.0.0.1:1/graphql/public'),
        token: 't',
        timeoutMs: 1_000,
        metrics: new Metrics('test'),
        policy: new BackendPolicy({ connector: 'wave', displayName: 'Wave' }),
      }),
    );
    try {
      await assert.rejects(
        gql.request(QUERY, {}, { idempotent: true }),
        (e: unknown) => e instanceof BusError && e.code === 'BACKEND_UNAVAILABLE',
      );
    } finally {
      await gql.close();
    }
  });
});
