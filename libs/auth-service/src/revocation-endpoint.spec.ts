import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodeJwt } from 'jose';
import type { FormParams } from '@mcp-gateway/contracts';
import { waitFor } from '@mcp-gateway/testing';
import { obtainCode, registerClient, startSpecAuth, type SpecAuth } from './spec-harness.js';

describe('RevocationEndpoint (RFC 7009, real NATS KV)', () => {
  let auth: SpecAuth;
  let claude: Awaited<ReturnType<typeof registerClient>>;
  let other: Awaited<ReturnType<typeof registerClient>>;

  before(async () => {
    auth = await startSpecAuth('revoke');
    claude = await registerClient(auth);
    other = await registerClient(auth);
  });
  after(() => auth.close());

  const credentials = (client = claude): FormParams => ({
    client_id: client.clientId,
    client_secret: client.clientSecret ?? '',
  });

  async function tokens(): Promise<{ access: string; refresh: string }> {
    const { code, verifier } = await obtainCode(auth, claude);
    const answer = await auth.service.token.exchange({
      form: {
        grant_type: 'authorization_code',
        code,
        code_verifier: verifier,
        redirect_uri: claude.redirectUri,
        ...credentials(),
      },
    });
    assert.equal(answer.outcome, 'ok');
    return { access: answer.tokens.access_token, refresh: answer.tokens.refresh_token };
  }

  const refresh = (token: string) =>
    auth.service.token.exchange({
      form: { grant_type: 'refresh_token', refresh_token: token, ...credentials() },
    });

  it('revokes the whole family for a refresh token', async () => {
    const { access, refresh: rt } = await tokens();
    assert.deepEqual(await auth.service.revocation.revoke({ form: { token: rt, ...credentials() } }), {
      outcome: 'ok',
    });
    const sid = String(decodeJwt(access)['sid']);
    await waitFor(
      () => auth.published.some((r) => r.kind === 'grant' && r.id === sid),
      5_000,
      'grant revocation',
    );
    assert.equal((await refresh(rt)).outcome, 'error');
  });

  it('revokes an access token by jti until it would expire, with Basic credentials', async () => {
    const { access, refresh: rt } = await tokens();
    const answer = await auth.service.revocation.revoke({
      form: { token: access, token_type_hint: 'access_token' },
      basic: { clientId: claude.clientId, clientSecret: claude.clientSecret ?? '' },
    });
    assert.deepEqual(answer, { outcome: 'ok' });
    const { jti, exp } = decodeJwt(access);
    await waitFor(
      () => auth.published.some((r) => r.kind === 'access-token' && r.id === jti),
      5_000,
      'revocation',
    );
    const revocation = auth.published.find((r) => r.id === jti);
    assert.equal(revocation?.until, new Date((exp ?? 0) * 1000).toISOString());
    assert.equal((await refresh(rt)).outcome, 'ok', 'the refresh token lives on');
  });

  it("answers ok without effect for unknown tokens and another client's tokens", async () => {
    const { access, refresh: rt } = await tokens();
    const before = auth.published.length;
    for (const token of [rt, access]) {
      assert.deepEqual(await auth.service.revocation.revoke({ form: { token, ...credentials(other) } }), {
        outcome: 'ok',
      });
    }
    for (const token of ['unknown', 'a.b.c']) {
      assert.deepEqual(await auth.service.revocation.revoke({ form: { token, ...credentials() } }), {
        outcome: 'ok',
      });
    }
    assert.equal(auth.published.length, before);
    assert.equal((await refresh(rt)).outcome, 'ok');
  });

  it('authenticates the client and needs a token', async () => {
    const bad = await auth.service.revocation.revoke({
      form: { token: 'x', client_id: claude.clientId, client_secret: 'no' },
    });
    assert.equal(bad.outcome, 'error');
    assert.equal(bad.error, 'invalid_client');
    assert.equal(bad.status, 401);
    const missing = await auth.service.revocation.revoke({ form: credentials() });
    assert.equal(missing.outcome, 'error');
    assert.equal(missing.error, 'invalid_request');
  });
});
