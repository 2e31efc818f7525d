import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ClientRegistry } from './client-registry.js';
import { sha256Hex } from './secrets.js';
import { SpecClock, openSpecStore, type SpecStore } from './spec-harness.js';

const ISSUER = 'https://gw.example.com';
const CLAUDE = {
  redirect_uris: ['https://claude.ai/api/mcp/auth_callback'],
  token_endpoint_auth_method: 'client_secret_post',
  grant_types: ['authorization_code', 'refresh_token'],
  response_types: ['code'],
  client_name: 'Claude',
};

describe('ClientRegistry (real NATS KV)', () => {
  let spec: SpecStore;
  const clock = new SpecClock();
  let registry: ClientRegistry;

  before(async () => {
    spec = await openSpecStore('clients');
    registry = new ClientRegistry(spec.store, { issuer: ISSUER, now: clock.now, maxClients: 6 });
  });
  after(() => spec.close());

  it("answers Claude.ai's registration with the full RFC 7591 body", async () => {
    const answer = await registry.register(CLAUDE);
    assert.equal(answer.outcome, 'ok');
    const client = answer.client;
    const clientId = client['client_id'] as string;
    assert.match(clientId, /^[A-Za-z0-9_-]{24}$/);
    assert.match(client['client_secret'] as string, /^[A-Za-z0-9_-]{43}$/);
    assert.match(client['registration_access_token'] as string, /^[A-Za-z0-9_-]{43}$/);
    assert.deepEqual(
      { ...client, client_id: 'X', client_secret: 'S', registration_access_token: 'R' },
      {
        client_id: 'X',
        client_secret: 'S',
        client_id_issued_at: Math.floor(clock.now().getTime() / 1000),
        client_secret_expires_at: 0,
        ...CLAUDE,
        registration_client_uri: `${ISSUER}/oauth/register/${clientId}`,
        registration_access_token: 'R',
      },
    );
    assert.equal(client['registration_client_uri'], `${ISSUER}/oauth/register/${clientId}`);
    const stored = await registry.find(clientId);
    assert.equal(stored?.value.secretHash, sha256Hex(client['client_secret'] as string));
    assert.ok(!JSON.stringify(stored).includes(client['client_secret'] as string), 'no plain secret stored');
    assert.ok(!JSON.stringify(stored).includes(client['registration_access_token'] as string));
  });

  it('issues no secret to a public client (Claude Desktop)', async () => {
    const answer = await registry.register({ ...CLAUDE, token_endpoint_auth_method: 'none' });
    assert.equal(answer.outcome, 'ok');
    assert.equal(answer.client['client_secret'], undefined);
    assert.equal(answer.client['token_endpoint_auth_method'], 'none');
  });

  it('registers Open WebUI with a client_secret_basic secret', async () => {
    const answer = await registry.register({
      client_name: 'Open WebUI',
      redirect_uris: ['https://webui.example/oauth/clients/abc/callback'],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
    });
    assert.equal(answer.outcome, 'ok');
    assert.equal(answer.client['token_endpoint_auth_method'], 'client_secret_basic');
    assert.equal(typeof answer.client['client_secret'], 'string');
  });

  it('reads a client back with its registration access token only (RFC 7592)', async () => {
    const answer = await registry.register(CLAUDE);
    assert.equal(answer.outcome, 'ok');
    const clientId = answer.client['client_id'] as string;
    const token = answer.client['registration_access_token'] as string;
    const read = await registry.read(clientId, token);
    assert.equal(read.outcome, 'ok');
    const { client_secret: _s, registration_access_token: _r, ...expected } = answer.client;
    assert.deepEqual(read.client, expected);
    for (const [id, presented] of [
      [clientId, 'wrong'],
      ['unknown-client', token],
    ] as const) {
      const refused = await registry.read(id, presented);
      assert.equal(refused.outcome, 'error');
      assert.equal(refused.error, 'invalid_token');
      assert.equal(refused.status, 401);
    }
  });

  it('refuses a bad registration with the RFC 7591 error', async () => {
    const answer = await registry.register({ redirect_uris: ['http://evil.example/cb'] });
    assert.equal(answer.outcome, 'error');
    assert.equal(answer.error, 'invalid_redirect_uri');
  });

  it('caps the number of clients', async () => {
    let answer = await registry.register(CLAUDE);
    for (let i = 0; i < 10 && answer.outcome === 'ok'; i++) answer = await registry.register(CLAUDE);
    assert.equal(answer.outcome, 'error');
    assert.equal(answer.error, 'invalid_client_metadata');
    assert.match(answer.description, /too many clients/);
    assert.equal((await spec.store.keys('main', 'client.*')).length, 6);
  });

  it('sweeps clients unused a day after registering and clients idle for 90 days', async () => {
    clock.advance(24 * 3_600_000 + 1);
    assert.equal(await registry.sweep(), 6);
    assert.equal((await registry.register(CLAUDE)).outcome, 'ok', 'room again after the sweep');

    const used = await registry.register(CLAUDE);
    assert.equal(used.outcome, 'ok');
    const usedId = used.client['client_id'] as string;
    await registry.markUsed(usedId);
    const firstUse = (await registry.find(usedId))?.value.lastUsedAt;
    assert.equal(firstUse, clock.now().toISOString());
    clock.advance(30 * 60_000);
    await registry.markUsed(usedId);
    assert.equal((await registry.find(usedId))?.value.lastUsedAt, firstUse, 'written at most hourly');

    clock.advance(24 * 3_600_000);
    assert.equal(await registry.sweep(), 1);
    assert.deepEqual(await spec.store.keys('main', 'client.*'), [`client.${sha256Hex(usedId)}`]);

    clock.advance(90 * 24 * 3_600_000);
    assert.equal(await registry.sweep(), 1);
    assert.equal(await registry.find(usedId), undefined);
  });
});
