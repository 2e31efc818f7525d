import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO_BUSINESS_ID, DEMO_PERSONAL_BUSINESS_ID } from '@mcp-gateway/simulator-wave';
import { startHarness, type Harness } from './spec-harness.js';

describe('WaveBackend', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  it('probes with a one-row businesses query', async () => {
    assert.deepEqual(await h.backend.probe(AbortSignal.timeout(2_000)), {
      healthy: true,
      detail: 'Wave API reachable; 2 businesses visible',
    });
  });

  it('defaults to the only non-personal business, and lists it as the default', async () => {
    assert.equal(await h.backend.resolveBusinessId(undefined), DEMO_BUSINESS_ID);
    const listed = await h.json<{
      default_business_id: string;
      businesses: { id: string; personal?: boolean; is_default?: boolean }[];
    }>('wave_list_businesses', {});
    assert.equal(listed.default_business_id, DEMO_BUSINESS_ID);
    assert.deepEqual(
      listed.businesses.map((b) => [b.id, b.personal ?? false, b.is_default ?? false]),
      [
        [DEMO_BUSINESS_ID, false, true],
        [DEMO_PERSONAL_BUSINESS_ID, true, false],
      ],
    );
  });

  it('asks for business_id when several businesses could be meant', async () => {
    const other = await startHarness();
    try {
      const personal = other.sim.books.businesses.get(DEMO_PERSONAL_BUSINESS_ID);
      assert.ok(personal);
      personal.isPersonal = false;
      const text = await other.toolError('wave_list_customers', {});
      assert.match(
        text,
        /Several Wave businesses are visible: .*Northwind Studio.*Personal.*Pass business_id/,
      );
      const rows = await other.json<{ customers: unknown[] }>('wave_list_customers', {
        business_id: DEMO_PERSONAL_BUSINESS_ID,
      });
      assert.deepEqual(rows.customers, []);
    } finally {
      await other.close();
    }
  });

  it('says where to find the right id when a business does not exist', async () => {
    const text = await h.toolError('wave_list_invoices', { business_id: 'QnVzaW5lc3M6bm9uZQ==' });
    assert.match(text, /no business QnVzaW5lc3M6bm9uZQ== .*wave_list_businesses/);
  });

  it('a rejected token is BACKEND_AUTH_FAILED, both as a GraphQL error and as an HTTP 401', async () => {
    const wrong = await startHarness({ token: 'wrong-token' });
    try {
      const graphql = await wrong.wireError('wave_list_customers', { business_id: DEMO_BUSINESS_ID });
      assert.equal(graphql.code, 'BACKEND_AUTH_FAILED');
      assert.match(graphql.message, /UNAUTHENTICATED/);
      assert.doesNotMatch(graphql.message, /wrong-token/);
      const probe = await wrong.backend.probe(AbortSignal.timeout(2_000));
      assert.equal(probe.healthy, false);
      // Rotating the token revokes the old one: Wave's edge then answers 401.
      wrong.sim.control.setToken('wrong-token');
      wrong.sim.control.setToken('rotated');
      const edge = await wrong.wireError('wave_list_customers', { business_id: DEMO_BUSINESS_ID });
      assert.equal(edge.code, 'BACKEND_AUTH_FAILED');
      assert.match(edge.message, /HTTP 401/);
    } finally {
      await wrong.close();
    }
  });

  it('retries a rate-limited call with backoff and succeeds', async () => {
    h.sleeps.length = 0;
    h.sim.rateLimitNext(2, 1);
    const result = await h.json<{ customers: unknown[] }>('wave_list_customers', {
      business_id: DEMO_BUSINESS_ID,
    });
    assert.ok(result.customers.length > 0);
    assert.deepEqual(h.sleeps, [1000, 1000]);
  });

  it('reports RATE_LIMITED when Wave keeps refusing', async () => {
    h.sim.rateLimitNext(3, 2);
    const error = await h.wireError('wave_list_vendors', { business_id: DEMO_BUSINESS_ID });
    assert.equal(error.code, 'RATE_LIMITED');
    assert.equal(error.retryAfterMs, 2000);
  });
});
