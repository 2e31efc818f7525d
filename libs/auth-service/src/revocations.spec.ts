import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AuthRevoked, type Revocation } from '@mcp-gateway/contracts';
import { waitFor } from '@mcp-gateway/testing';
import { Revocations } from './revocations.js';
import { SpecClock, openSpecStore, type SpecStore } from './spec-harness.js';

describe('Revocations (real NATS KV and bus)', () => {
  let spec: SpecStore;
  const clock = new SpecClock();
  const heard: Revocation[] = [];

  before(async () => {
    spec = await openSpecStore('revoc');
    spec.client.subscribe(AuthRevoked, {}, (r) => heard.push(r));
    await spec.bus.nc.flush();
  });
  after(() => spec.close());

  it('stores a revocation, publishes it, lists it until it runs out, then sweeps it', async () => {
    const revocations = new Revocations(spec.store, spec.client, clock.now);
    const soon: Revocation = {
      kind: 'access-token',
      id: 'jti-1',
      until: new Date(clock.now().getTime() + 60_000).toISOString(),
    };
    const later: Revocation = {
      kind: 'api-token',
      id: 'tok with spaces/and.dots',
      until: new Date(clock.now().getTime() + 600_000).toISOString(),
    };
    await revocations.revoke(soon);
    await revocations.revoke(later);
    await waitFor(() => heard.length === 2, 5_000, 'two AuthRevoked events');
    assert.deepEqual(heard, [soon, later]);
    const listed = await revocations.list();
    assert.deepEqual(
      listed.sort((a, b) => a.id.localeCompare(b.id)),
      [soon, later].sort((a, b) => a.id.localeCompare(b.id)),
    );

    clock.advance(60_000);
    assert.deepEqual(await revocations.list(), [later]);
    assert.equal(await revocations.sweep(), 1);
    assert.equal((await spec.store.keys('main', 'revoked.>')).length, 1);
  });
});
