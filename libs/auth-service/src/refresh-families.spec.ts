import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Revocation } from '@mcp-gateway/contracts';
import { AuthorizationCodes, type CodeGrant } from './authorization-codes.js';
import { RefreshFamilies } from './refresh-families.js';
import type { RevocationSink } from './revocations.js';
import { SpecClock, openSpecStore, type SpecStore } from './spec-harness.js';

class RecordingSink implements RevocationSink {
  readonly calls: Revocation[] = [];
  revoke(revocation: Revocation): Promise<void> {
    this.calls.push(revocation);
    return Promise.resolve();
  }
}

const GRANT = { clientId: 'c1', scopes: ['*'], resource: 'https://gw.example.com/mcp' };

describe('RefreshFamilies and AuthorizationCodes (real NATS KV)', () => {
  let spec: SpecStore;
  const clock = new SpecClock();
  const sink = new RecordingSink();
  let families: RefreshFamilies;
  let codes: AuthorizationCodes;

  before(async () => {
    spec = await openSpecStore('families');
    families = new RefreshFamilies(spec.store, sink, {
      refreshTokenTtlSeconds: 86_400,
      accessTokenTtlSeconds: 600,
      now: clock.now,
    });
    codes = new AuthorizationCodes(spec.store, 60, clock.now);
  });
  after(() => spec.close());

  it('stores refresh tokens only as hashes', async () => {
    const token = await families.start('fam-plain', GRANT);
    assert.ok(token);
    const keys = await spec.store.keys('main', 'refresh.*');
    assert.ok(keys.every((k) => /^refresh\.[0-9a-f]{64}$/.test(k)));
    assert.ok(!keys.some((k) => k.includes(token)));
  });

  it('leaves a revoked tombstone so a family revoked before it started never starts', async () => {
    await families.revoke('fam-early');
    assert.equal(await families.start('fam-early', GRANT), undefined);
    assert.deepEqual(sink.calls.at(-1), {
      kind: 'grant',
      id: 'fam-early',
      until: new Date(clock.now().getTime() + 600_000).toISOString(),
    });
  });

  it('sweeps expired families and refresh tokens', async () => {
    const token = await families.start('fam-old', GRANT);
    assert.ok(token);
    clock.advance(86_400_000);
    assert.ok((await families.sweep()) >= 2);
    assert.equal(await families.lookup(token), undefined);
  });

  it('redeems a code once under concurrency, leaving the winner’s family for replays to revoke', async () => {
    const grant: CodeGrant = {
      clientId: 'c1',
      redirectUri: 'https://claude.ai/api/mcp/auth_callback',
      redirectUriSent: true,
      codeChallenge: 'x'.repeat(43),
      resource: 'https://gw.example.com/mcp',
      scopes: ['*'],
    };
    const code = await codes.issue(grant);
    const results = await Promise.all(Array.from({ length: 8 }, () => codes.redeem(code, () => undefined)));
    const redeemed = results.filter((r) => r.outcome === 'redeemed');
    assert.equal(redeemed.length, 1);
    const familyId = redeemed[0]?.outcome === 'redeemed' ? redeemed[0].familyId : '';
    for (const other of results.filter((r) => r.outcome !== 'redeemed')) {
      assert.equal(other.outcome, 'replayed');
      assert.equal(other.outcome === 'replayed' ? other.familyId : '', familyId);
    }
    assert.deepEqual(redeemed[0]?.outcome === 'redeemed' ? redeemed[0].grant : undefined, grant);
  });

  it('does not consume a code on a refused request, and expires it', async () => {
    const code = await codes.issue({
      clientId: 'c1',
      redirectUri: 'https://a.example/cb',
      redirectUriSent: false,
      codeChallenge: 'y'.repeat(43),
      resource: 'https://gw.example.com/mcp',
      scopes: ['*'],
    });
    const refused = await codes.redeem(code, () => ({
      outcome: 'error',
      error: 'invalid_grant',
      description: 'no',
      status: 400,
    }));
    assert.equal(refused.outcome, 'refused');
    clock.advance(60_000);
    const expired = await codes.redeem(code, () => undefined);
    assert.equal(expired.outcome, 'refused');
    assert.equal(expired.outcome === 'refused' ? expired.failure.error : '', 'invalid_grant');
  });
});
