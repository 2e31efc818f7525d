import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import type { FormParams, RequestOf, AuthTokenExchange } from '@mcp-gateway/contracts';
import { waitFor } from '@mcp-gateway/testing';
import {
  approve,
  obtainCode,
  pkcePair,
  registerClient,
  startSpecAuth,
  type SpecAuth,
} from './spec-harness.js';

type Exchange = Awaited<ReturnType<SpecAuth['service']['token']['exchange']>>;
type Tokens = Extract<Exchange, { outcome: 'ok' }>['tokens'];

describe('TokenEndpoint (real NATS KV)', () => {
  let auth: SpecAuth;
  let claude: { clientId: string; clientSecret: string | undefined; redirectUri: string };

  before(async () => {
    auth = await startSpecAuth('token');
    claude = await registerClient(auth);
  });
  after(() => auth.close());

  const exchange = (form: FormParams, basic?: RequestOf<typeof AuthTokenExchange>['basic']) =>
    auth.service.token.exchange(basic ? { form, basic } : { form });

  const codeForm = (code: string, verifier: string, client = claude): FormParams => ({
    grant_type: 'authorization_code',
    code,
    code_verifier: verifier,
    redirect_uri: client.redirectUri,
    client_id: client.clientId,
    ...(client.clientSecret ? { client_secret: client.clientSecret } : {}),
    resource: 'https://gw.example.com/mcp',
  });

  const refreshForm = (refreshToken: string, extra: FormParams = {}): FormParams => ({
    grant_type: 'refresh_token',
    refresh_token: refreshToken,
    client_id: claude.clientId,
    client_secret: claude.clientSecret ?? '',
    ...extra,
  });

  const ok = (answer: Exchange): Tokens => {
    assert.equal(answer.outcome, 'ok', JSON.stringify(answer));
    return answer.tokens;
  };
  const fails = (answer: Exchange, error: string, status = 400) => {
    assert.equal(answer.outcome, 'error');
    assert.equal(answer.error, error, answer.description);
    assert.equal(answer.status, status);
  };

  const sidOf = (accessToken: string): string =>
    (JSON.parse(Buffer.from(accessToken.split('.')[1] ?? '', 'base64url').toString()) as { sid: string }).sid;

  it('exchanges a code for a signed access token and a refresh token', async () => {
    const { code, verifier } = await obtainCode(auth, claude, { scope: 'homeassistant:read offline_access' });
    const tokens = ok(await exchange(codeForm(code, verifier)));
    assert.equal(tokens.token_type, 'Bearer');
    assert.equal(tokens.expires_in, 3600);
    assert.equal(tokens.scope, 'homeassistant:read offline_access');
    assert.match(tokens.refresh_token, /^[A-Za-z0-9_-]{43}$/);
    const header = decodeProtectedHeader(tokens.access_token);
    assert.deepEqual(header, { alg: 'ES256', kid: auth.service.keys.jwks().currentKid, typ: 'at+jwt' });
    const { payload } = await jwtVerify(
      tokens.access_token,
      createLocalJWKSet({ keys: auth.service.keys.jwks().keys }),
      {
        issuer: 'https://gw.example.com',
        audience: 'https://gw.example.com/mcp',
        typ: 'at+jwt',
        currentDate: auth.clock.now(),
      },
    );
    assert.equal(payload.sub, 'owner');
    assert.equal(payload['client_id'], claude.clientId);
    assert.equal(payload['scope'], 'homeassistant:read offline_access');
    assert.equal((payload.exp ?? 0) - (payload.iat ?? 0), 3600);
    assert.match(payload.jti ?? '', /^[0-9a-f-]{36}$/);
    assert.match(String(payload['sid']), /^[A-Za-z0-9_-]{22}$/);
  });

  it('accepts the secret by HTTP Basic too, but not both ways at once', async () => {
    const { code, verifier } = await obtainCode(auth, claude);
    const { client_secret: _s, ...form } = codeForm(code, verifier);
    const basic = { clientId: claude.clientId, clientSecret: claude.clientSecret ?? '' };
    fails(await exchange(codeForm(code, verifier), basic), 'invalid_request');
    ok(await exchange(form, basic));
  });

  it('answers 401 invalid_client for an unknown client, a wrong or a missing secret', async () => {
    const { code, verifier } = await obtainCode(auth, claude);
    const form = codeForm(code, verifier);
    fails(await exchange({ ...form, client_id: 'deleted-client' }), 'invalid_client', 401);
    fails(await exchange({ ...form, client_secret: 'wrong' }), 'invalid_client', 401);
    const { client_secret: _s, ...noSecret } = form;
    fails(await exchange(noSecret), 'invalid_client', 401);
    ok(await exchange(form));
  });

  it('serves a public client (Claude Desktop) by client_id alone', async () => {
    const desktop = await registerClient(auth, { token_endpoint_auth_method: 'none' });
    const { code, verifier } = await obtainCode(auth, desktop);
    ok(await exchange(codeForm(code, verifier, desktop)));
  });

  it('refuses a wrong or missing PKCE verifier without burning the code', async () => {
    const { code, verifier } = await obtainCode(auth, claude);
    fails(await exchange({ ...codeForm(code, verifier), code_verifier: 'x'.repeat(43) }), 'invalid_grant');
    const { code_verifier: _v, ...missing } = codeForm(code, verifier);
    fails(await exchange(missing), 'invalid_grant');
    ok(await exchange(codeForm(code, verifier)));
  });

  it('checks redirect_uri, resource and the client against the code', async () => {
    const { code, verifier } = await obtainCode(auth, claude);
    const form = codeForm(code, verifier);
    fails(
      await exchange({ ...form, redirect_uri: 'https://claude.com/api/mcp/auth_callback' }),
      'invalid_grant',
    );
    const { redirect_uri: _r, ...noRedirect } = form;
    fails(await exchange(noRedirect), 'invalid_grant');
    fails(await exchange({ ...form, resource: 'https://gw.example.com/other' }), 'invalid_target');
    const other = await registerClient(auth);
    fails(
      await exchange({ ...form, client_id: other.clientId, client_secret: other.clientSecret ?? '' }),
      'invalid_grant',
    );
    ok(await exchange({ ...form, resource: 'https://gw.example.com/mcp/' }));
  });

  it('does not need redirect_uri when the authorization request had none', async () => {
    const { verifier, challenge } = pkcePair();
    const location = await approve(auth, {
      response_type: 'code',
      client_id: claude.clientId,
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    const code = new URL(location).searchParams.get('code') ?? '';
    const { redirect_uri: _r, ...form } = codeForm(code, verifier);
    ok(await exchange(form));
  });

  it('refuses an expired code', async () => {
    const { code, verifier } = await obtainCode(auth, claude);
    auth.clock.advance(60_001);
    fails(await exchange(codeForm(code, verifier)), 'invalid_grant');
  });

  it('lets exactly one of several concurrent redemptions win, and revokes what it issued', async () => {
    const { code, verifier } = await obtainCode(auth, claude);
    const answers = await Promise.all(Array.from({ length: 6 }, () => exchange(codeForm(code, verifier))));
    const winners = answers.filter((a) => a.outcome === 'ok');
    assert.equal(winners.length, 1);
    for (const loser of answers.filter((a) => a.outcome !== 'ok')) fails(loser, 'invalid_grant');
    const tokens = ok(winners[0] as Exchange);
    const sid = sidOf(tokens.access_token);
    await waitFor(
      () => auth.published.some((r) => r.kind === 'grant' && r.id === sid),
      5_000,
      'grant revocation',
    );
    fails(await exchange(refreshForm(tokens.refresh_token)), 'invalid_grant');
  });

  it('revokes the grant when a redeemed code is presented again', async () => {
    const { code, verifier } = await obtainCode(auth, claude);
    const tokens = ok(await exchange(codeForm(code, verifier)));
    fails(await exchange(codeForm(code, verifier)), 'invalid_grant');
    const sid = sidOf(tokens.access_token);
    await waitFor(
      () => auth.published.some((r) => r.kind === 'grant' && r.id === sid),
      5_000,
      'grant revocation',
    );
    fails(await exchange(refreshForm(tokens.refresh_token)), 'invalid_grant');
  });

  it('rotates refresh tokens and revokes the family when a used one comes back', async () => {
    const { code, verifier } = await obtainCode(auth, claude);
    const first = ok(await exchange(codeForm(code, verifier)));
    const second = ok(await exchange(refreshForm(first.refresh_token)));
    assert.notEqual(second.refresh_token, first.refresh_token);
    assert.equal(sidOf(second.access_token), sidOf(first.access_token), 'same family');
    const third = ok(await exchange(refreshForm(second.refresh_token)));

    fails(await exchange(refreshForm(first.refresh_token)), 'invalid_grant');
    const sid = sidOf(first.access_token);
    await waitFor(
      () => auth.published.some((r) => r.kind === 'grant' && r.id === sid),
      5_000,
      'grant revocation',
    );
    const revocation = auth.published.find((r) => r.id === sid);
    assert.equal(revocation?.until, new Date(auth.clock.now().getTime() + 3_600_000).toISOString());
    fails(await exchange(refreshForm(third.refresh_token)), 'invalid_grant');
  });

  it('rotates exactly once under concurrent refreshes', async () => {
    const { code, verifier } = await obtainCode(auth, claude);
    const first = ok(await exchange(codeForm(code, verifier)));
    const answers = await Promise.all(
      Array.from({ length: 4 }, () => exchange(refreshForm(first.refresh_token))),
    );
    assert.equal(answers.filter((a) => a.outcome === 'ok').length, 1);
  });

  it('narrows scope on refresh but never widens it', async () => {
    const { code, verifier } = await obtainCode(auth, claude, { scope: 'wave:read wave:write' });
    const first = ok(await exchange(codeForm(code, verifier)));
    fails(await exchange(refreshForm(first.refresh_token, { scope: 'erpnext:read' })), 'invalid_scope');
    fails(await exchange(refreshForm(first.refresh_token, { scope: 'bad scope!' })), 'invalid_scope');
    const narrowed = ok(await exchange(refreshForm(first.refresh_token, { scope: 'wave:read' })));
    assert.equal(narrowed.scope, 'wave:read');
    const again = ok(await exchange(refreshForm(narrowed.refresh_token)));
    assert.equal(again.scope, 'wave:read wave:write', 'the family keeps its scopes');
  });

  it("refuses another client's refresh token and an expired family", async () => {
    const { code, verifier } = await obtainCode(auth, claude);
    const tokens = ok(await exchange(codeForm(code, verifier)));
    const other = await registerClient(auth);
    fails(
      await exchange({
        ...refreshForm(tokens.refresh_token),
        client_id: other.clientId,
        client_secret: other.clientSecret ?? '',
      }),
      'invalid_grant',
    );
    auth.clock.advance(30 * 86_400_000);
    fails(await exchange(refreshForm(tokens.refresh_token)), 'invalid_grant');
  });

  for (const [name, form, error] of [
    ['no grant_type', { code: 'x' }, 'invalid_request'],
    ['client_credentials', { grant_type: 'client_credentials' }, 'unsupported_grant_type'],
    ['password', { grant_type: 'password' }, 'unsupported_grant_type'],
    ['no code', { grant_type: 'authorization_code' }, 'invalid_request'],
    ['no refresh_token', { grant_type: 'refresh_token' }, 'invalid_request'],
    [
      'an unknown code',
      { grant_type: 'authorization_code', code: 'nope', code_verifier: 'v'.repeat(43) },
      'invalid_grant',
    ],
  ] as const) {
    it(`answers ${name} with ${error}`, async () => {
      fails(
        await exchange({ ...form, client_id: claude.clientId, client_secret: claude.clientSecret ?? '' }),
        error,
      );
    });
  }
});
