import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CsrfGuard } from './csrf.js';
import { openSpecStore, type SpecStore } from './spec-harness.js';

describe('CsrfGuard (real NATS KV)', () => {
  let spec: SpecStore;
  before(async () => {
    spec = await openSpecStore('csrf');
  });
  after(() => spec.close());

  const params = {
    client_id: 'c1',
    redirect_uri: 'https://claude.ai/api/mcp/auth_callback',
    code_challenge: 'x'.repeat(43),
    code_challenge_method: 'S256',
    response_type: 'code',
    state: 's',
  };

  it('shares one key between replicas and verifies across them', async () => {
    const [a, b] = await Promise.all([CsrfGuard.open(spec.store), CsrfGuard.open(spec.store)]);
    const material = a.issue(params);
    assert.equal(b.verify(params, material.nonce, material.token), true);
  });

  it('binds the token to the nonce and to every parameter that matters', async () => {
    const guard = await CsrfGuard.open(spec.store);
    const { nonce, token } = guard.issue(params);
    assert.equal(guard.verify({ ...params, unrelated: 'x' }, nonce, token), true);
    assert.equal(guard.verify(params, '', token), false, 'no cookie');
    assert.equal(guard.verify(params, nonce, ''), false, 'no form token');
    assert.equal(guard.verify(params, guard.issue(params).nonce, token), false, 'another nonce');
    for (const name of ['client_id', 'redirect_uri', 'code_challenge', 'state', 'response_type']) {
      assert.equal(guard.verify({ ...params, [name]: 'changed' }, nonce, token), false, name);
    }
    assert.equal(guard.verify({ ...params, scope: 'wave:write' }, nonce, token), false, 'added scope');
    assert.equal(guard.verify({ ...params, resource: 'https://x' }, nonce, token), false, 'added resource');
  });
});
