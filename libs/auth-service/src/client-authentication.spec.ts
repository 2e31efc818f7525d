import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CimdFetcher } from './cimd.js';
import { ClientAuthenticator } from './client-authentication.js';
import { ClientRegistry } from './client-registry.js';
import { ClientResolver } from './clients.js';
import { isOAuthFailure } from './oauth-failure.js';
import { openSpecStore, type SpecStore } from './spec-harness.js';

describe('ClientAuthenticator (real NATS KV)', () => {
  let spec: SpecStore;
  let authenticator: ClientAuthenticator;
  let cimd: CimdFetcher;
  let confidential: { id: string; secret: string };
  let publicId: string;

  before(async () => {
    spec = await openSpecStore('clientauth');
    const registry = new ClientRegistry(spec.store, { issuer: 'https://gw.example.com' });
    cimd = new CimdFetcher();
    authenticator = new ClientAuthenticator(new ClientResolver(registry, cimd));
    const redirect_uris = ['https://claude.ai/api/mcp/auth_callback'];
    const a = await registry.register({ redirect_uris, token_endpoint_auth_method: 'client_secret_post' });
    const b = await registry.register({ redirect_uris, token_endpoint_auth_method: 'none' });
    assert.ok(a.outcome === 'ok' && b.outcome === 'ok');
    confidential = { id: a.client['client_id'] as string, secret: a.client['client_secret'] as string };
    publicId = b.client['client_id'] as string;
  });
  after(async () => {
    await cimd.close();
    await spec.close();
  });

  const accepted = async (...args: Parameters<ClientAuthenticator['authenticate']>) => {
    const client = await authenticator.authenticate(...args);
    assert.ok(!isOAuthFailure(client), JSON.stringify(client));
    return client;
  };
  const refused = async (
    error: string,
    status: number,
    ...args: Parameters<ClientAuthenticator['authenticate']>
  ) => {
    const failure = await authenticator.authenticate(...args);
    assert.ok(isOAuthFailure(failure));
    assert.equal(failure.error, error, failure.description);
    assert.equal(failure.status, status);
  };

  it('accepts a confidential client by form post or by HTTP Basic', async () => {
    await accepted({ client_id: confidential.id, client_secret: confidential.secret }, undefined);
    await accepted({}, { clientId: confidential.id, clientSecret: confidential.secret });
    await accepted(
      { client_id: confidential.id },
      { clientId: confidential.id, clientSecret: confidential.secret },
    );
  });

  it('accepts a public client by client_id, also with an empty Basic password', async () => {
    const client = await accepted({ client_id: publicId }, undefined);
    assert.equal(client.authMethod, 'none');
    await accepted({}, { clientId: publicId, clientSecret: '' });
  });

  it('answers invalid_request when credentials come both ways or disagree', async () => {
    const basic = { clientId: confidential.id, clientSecret: confidential.secret };
    await refused('invalid_request', 400, { client_secret: confidential.secret }, basic);
    await refused('invalid_request', 400, { client_id: publicId }, basic);
  });

  it('answers 401 invalid_client for unknown clients and wrong, missing or unexpected secrets', async () => {
    await refused('invalid_client', 401, {}, undefined);
    await refused('invalid_client', 401, { client_id: 'gone' }, undefined);
    await refused('invalid_client', 401, { client_id: confidential.id }, undefined);
    await refused('invalid_client', 401, { client_id: confidential.id, client_secret: 'wrong' }, undefined);
    await refused(
      'invalid_client',
      401,
      {},
      { clientId: confidential.id, clientSecret: `${confidential.secret}x` },
    );
    await refused('invalid_client', 401, { client_id: publicId, client_secret: 'anything' }, undefined);
    await refused('invalid_client', 401, { client_id: 'https://127.0.0.1/client.json' }, undefined);
  });
});
