import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { BusError, type Revocation } from '@mcp-gateway/contracts';
import { NATS_URL, uniquePrefix } from '@mcp-gateway/testing';
import { ApiTokens } from './api-tokens.js';
import type { RevocationSink } from './revocations.js';
import { AuthStore } from './store.js';

class RecordingSink implements RevocationSink {
  readonly calls: Revocation[] = [];
  revoke(revocation: Revocation): Promise<void> {
    this.calls.push(revocation);
    return Promise.resolve();
  }
}

const T0 = Date.parse('2030-01-01T00:00:00.000Z');
const newHash = () => createHash('sha256').update(randomBytes(48).toString('base64url')).digest('hex');
const code = (expected: string) => (error: unknown) => error instanceof BusError && error.code === expected;

describe('ApiTokens (real NATS KV)', () => {
  let nc: NatsConnection;
  let store: AuthStore;
  let sink: RecordingSink;
  let clock: number;
  let tokens: ApiTokens;

  before(async () => {
    nc = await connect({ servers: NATS_URL.split(',') });
    store = await AuthStore.open(nc, { prefix: uniquePrefix('apitok'), codeRetentionMs: 60_000 });
    sink = new RecordingSink();
    clock = T0;
    tokens = new ApiTokens(store, sink, () => new Date(clock));
  });
  after(async () => {
    await store.destroy();
    await nc.close();
  });

  const create = (name: string, tokenHash = newHash(), expiresAt: string | null = null) =>
    tokens.create({ name, scopes: ['*'], tokenHash, expiresAt });

  it('stores the record under its id and only the hash as a lookup key', async () => {
    const hash = newHash();
    const info = await tokens.create({
      name: 'ci bot',
      scopes: ['homeassistant:read', 'erpnext:write', 'homeassistant:read'],
      tokenHash: hash,
      expiresAt: '2030-03-01T00:00:00Z',
    });
    assert.match(info.id, /^tok_[A-Za-z0-9_-]{12}$/);
    assert.deepEqual(info, {
      id: info.id,
      name: 'ci bot',
      scopes: ['homeassistant:read', 'erpnext:write'],
      createdAt: new Date(T0).toISOString(),
      lastUsedAt: null,
      expiresAt: '2030-03-01T00:00:00.000Z',
    });
    const record = await store.get<Record<string, unknown>>('main', `apitoken.${info.id}`);
    assert.equal(record?.value['tokenHash'], hash);
    assert.deepEqual((await store.get('main', `apitoken-hash.${hash}`))?.value, { id: info.id });
  });

  it('refuses a second token with the same name (CONFLICT), and a past expiry (INVALID_REQUEST)', async () => {
    await create('dup');
    await assert.rejects(
      create('dup'),
      (e: unknown) => code('CONFLICT')(e) && (e as Error).message === 'A token named "dup" already exists.',
    );
    await assert.rejects(
      create('past', newHash(), new Date(T0 - 1000).toISOString()),
      code('INVALID_REQUEST'),
    );
  });

  it('lets exactly one of many concurrent creates of one name win', async () => {
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => create('race')));
    const won = results.filter((r) => r.status === 'fulfilled');
    assert.equal(won.length, 1);
    for (const r of results) if (r.status === 'rejected') assert.ok(code('CONFLICT')(r.reason));
    assert.equal((await tokens.list()).filter((t) => t.name === 'race').length, 1);
  });

  it('refuses a token hash that is already registered, and frees the name again', async () => {
    const hash = newHash();
    await create('first', hash);
    await assert.rejects(create('second', hash), code('CONFLICT'));
    await create('second');
  });

  it('takes over a name reservation that a crashed create left behind, but only after a grace', async () => {
    const orphanKey = `apitoken-name.${createHash('sha256').update('orphan').digest('hex')}`;
    await store.put('main', orphanKey, { id: 'tok_AAAAAAAAAAAA', reservedAt: new Date(T0).toISOString() });
    await assert.rejects(create('orphan'), code('CONFLICT'));
    clock = T0 + 61_000;
    try {
      const info = await create('orphan');
      assert.equal((await store.get<{ id: string }>('main', orphanKey))?.value.id, info.id);
    } finally {
      clock = T0;
    }
  });

  it('verifies a known hash, and says why an unknown or expired one is invalid', async () => {
    const hash = newHash();
    const info = await create('verify-me', hash, new Date(T0 + 3_600_000).toISOString());
    const ok = await tokens.verify(hash);
    assert.equal(ok.outcome, 'ok');
    assert.equal(ok.outcome === 'ok' && ok.token.id, info.id);
    assert.equal(ok.outcome === 'ok' && 'tokenHash' in ok.token, false);
    assert.deepEqual(await tokens.verify(newHash()), { outcome: 'invalid', reason: 'unknown token' });
    clock = T0 + 3_600_000;
    try {
      assert.deepEqual(await tokens.verify(hash), { outcome: 'invalid', reason: 'token expired' });
    } finally {
      clock = T0;
    }
    await tokens.flush();
  });

  it('writes lastUsedAt in the background, at most once a minute per token', async () => {
    const hash = newHash();
    const info = await create('busy', hash);
    const key = `apitoken.${info.id}`;
    const before = (await store.get('main', key))!.revision;
    clock = T0 + 1_000;
    try {
      await Promise.all(Array.from({ length: 10 }, () => tokens.verify(hash)));
      await tokens.flush();
      const first = (await store.get<{ lastUsedAt: string }>('main', key))!;
      assert.equal(first.value.lastUsedAt, new Date(T0 + 1_000).toISOString());
      assert.equal(first.revision, before + 1, 'ten concurrent verifications wrote once');

      clock = T0 + 40_000;
      await tokens.verify(hash);
      await tokens.flush();
      assert.equal((await store.get('main', key))!.revision, first.revision, 'no write within the minute');

      clock = T0 + 62_000;
      const answer = await tokens.verify(hash);
      assert.equal(answer.outcome === 'ok' && answer.token.lastUsedAt, new Date(T0 + 1_000).toISOString());
      await tokens.flush();
      const listed = (await tokens.list()).find((t) => t.id === info.id);
      assert.equal(listed?.lastUsedAt, new Date(T0 + 62_000).toISOString());
    } finally {
      clock = T0;
    }
  });

  it('revokes by id and by name: records gone, revocation announced for ten minutes, name free again', async () => {
    const byIdHash = newHash();
    const byId = await create('revoke-by-id', byIdHash);
    const byName = await create('revoke by name');
    sink.calls.length = 0;

    assert.deepEqual(await tokens.revoke(byId.id), { id: byId.id, name: 'revoke-by-id' });
    assert.deepEqual(await tokens.revoke('revoke by name'), { id: byName.id, name: 'revoke by name' });
    assert.deepEqual(sink.calls, [
      { kind: 'api-token', id: byId.id, until: new Date(T0 + 600_000).toISOString() },
      { kind: 'api-token', id: byName.id, until: new Date(T0 + 600_000).toISOString() },
    ]);
    assert.deepEqual(await tokens.verify(byIdHash), { outcome: 'invalid', reason: 'unknown token' });
    assert.equal(await store.get('main', `apitoken.${byId.id}`), undefined);
    assert.equal(await store.get('main', `apitoken-hash.${byIdHash}`), undefined);
    const ids = (await tokens.list()).map((t) => t.id);
    assert.ok(!ids.includes(byId.id) && !ids.includes(byName.id));
    await create('revoke-by-id');
  });

  it('answers NOT_FOUND for an unknown reference and announces nothing', async () => {
    sink.calls.length = 0;
    await assert.rejects(tokens.revoke('tok_ZZZZZZZZZZZZ'), code('NOT_FOUND'));
    await assert.rejects(tokens.revoke('no such token'), code('NOT_FOUND'));
    assert.deepEqual(sink.calls, []);
  });

  it('a lastUsedAt write racing a revocation does not bring the token back', async () => {
    const hash = newHash();
    const info = await create('racing', hash);
    clock = T0 + 5_000;
    try {
      await tokens.verify(hash);
      await tokens.revoke(info.id);
      await tokens.flush();
      assert.equal(await store.get('main', `apitoken.${info.id}`), undefined);
    } finally {
      clock = T0;
    }
  });

  it('lists every token oldest first, never with its hash', async () => {
    clock = T0 - 10_000;
    let older;
    try {
      older = await create('older');
    } finally {
      clock = T0;
    }
    const list = await tokens.list();
    assert.equal(list[0]?.id, older.id);
    const created = list.map((t) => t.createdAt);
    assert.deepEqual(created, [...created].sort());
    for (const token of list) assert.equal('tokenHash' in token, false);
  });
});
