import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SignJWT, createLocalJWKSet, exportJWK, generateKeyPair, jwtVerify } from 'jose';
import { SigningKeys } from './signing-keys.js';
import { SpecClock, openSpecStore, type SpecStore } from './spec-harness.js';

const DAY = 86_400_000;

describe('SigningKeys (real NATS KV)', () => {
  let spec: SpecStore;
  let clock: SpecClock;
  const replica = () =>
    new SigningKeys(spec.store, { rotationDays: 30, accessTokenTtlSeconds: 3600, now: clock.now });

  before(async () => {
    spec = await openSpecStore('keys');
    clock = new SpecClock();
  });
  after(() => spec.close());

  it('lets replicas starting at once agree on one key', async () => {
    const replicas = [replica(), replica(), replica(), replica()];
    await Promise.all(replicas.map((r) => r.refresh()));
    const kids = new Set(replicas.map((r) => r.signingKey().kid));
    assert.equal(kids.size, 1);
    const names = (await spec.store.keys('main', 'key.*')).filter((k) => k !== 'key.current');
    assert.equal(names.length, 1, 'the losers deleted their keys');
  });

  it('publishes public members only', async () => {
    const keys = replica();
    await keys.refresh();
    const { keys: jwks, currentKid } = keys.jwks();
    assert.equal(jwks.length, 1);
    const [jwk] = jwks;
    assert.deepEqual(Object.keys(jwk ?? {}).sort(), ['alg', 'crv', 'kid', 'kty', 'use', 'x', 'y']);
    assert.equal(jwk?.kid, currentKid);
    assert.equal(jwk?.alg, 'ES256');
    assert.equal(jwk?.use, 'sig');
    assert.equal(jwk?.crv, 'P-256');
  });

  it('rotates after the rotation period and keeps the old key published until its tokens expired', async () => {
    const keys = replica();
    await keys.refresh();
    const old = keys.signingKey();
    const oldToken = await new SignJWT({})
      .setProtectedHeader({ alg: 'ES256', kid: old.kid })
      .setIssuedAt(Math.floor(clock.now().getTime() / 1000))
      .sign(old.key);

    clock.advance(29 * DAY);
    await keys.refresh();
    assert.equal(keys.signingKey().kid, old.kid, 'not due yet');

    clock.advance(DAY);
    await keys.refresh();
    const fresh = keys.signingKey();
    assert.notEqual(fresh.kid, old.kid);
    assert.equal(keys.jwks().currentKid, fresh.kid);
    assert.deepEqual(
      keys.jwks().keys.map((k) => k.kid),
      [fresh.kid, old.kid],
    );
    const other = replica();
    await other.refresh();
    assert.equal(other.signingKey().kid, fresh.kid, 'another replica follows the pointer');
    const jwks = createLocalJWKSet({ keys: other.jwks().keys });
    await jwtVerify(oldToken, jwks, { currentDate: clock.now() });

    // Access-token TTL (1 h) + 5 min after retirement the old key goes.
    clock.advance(3_600_000 + 300_000);
    await keys.refresh();
    assert.deepEqual(
      keys.jwks().keys.map((k) => k.kid),
      [fresh.kid, old.kid],
    );
    clock.advance(1_000);
    await keys.refresh();
    assert.deepEqual(
      keys.jwks().keys.map((k) => k.kid),
      [fresh.kid],
    );
    assert.equal(await spec.store.get('main', `key.${old.kid}`), undefined);
    assert.equal(keys.verificationKey(old.kid), undefined);
  });

  it('retires a key orphaned by an interrupted rotation instead of dropping it', async () => {
    const keys = replica();
    await keys.refresh();
    const current = keys.signingKey().kid;
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    await spec.store.put('main', 'key.orphan', {
      kid: 'orphan',
      privateJwk: await exportJWK(privateKey),
      publicJwk: await exportJWK(publicKey),
      createdAt: clock.now().toISOString(),
      retiredAt: null,
    });
    await keys.refresh();
    assert.equal(keys.signingKey().kid, current);
    assert.deepEqual(
      keys.jwks().keys.map((k) => k.kid),
      [current, 'orphan'],
    );
    const stored = await spec.store.get<{ retiredAt: string | null }>('main', 'key.orphan');
    assert.equal(stored?.value.retiredAt, clock.now().toISOString());
  });

  it('skips a damaged key record rather than failing', async () => {
    const keys = replica();
    await spec.store.put('main', 'key.damaged', {
      kid: 'damaged',
      privateJwk: {},
      publicJwk: { kty: 'EC', crv: 'P-256', x: 'x', y: 'y' },
      createdAt: clock.now().toISOString(),
      retiredAt: clock.now().toISOString(),
    });
    await keys.refresh();
    assert.ok(!keys.jwks().keys.some((k) => k.kid === 'damaged'));
  });
});
