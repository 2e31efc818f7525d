import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { connect } from '@nats-io/transport-node';
import { Kvm } from '@nats-io/kv';
import { SignJWT, importJWK, type JWK } from 'jose';
import { AuthStore } from '@mcp-gateway/auth-service';
import { NATS_URL, REPO_ROOT } from '@mcp-gateway/testing';
import { startGateway, type RunningGateway } from './gateway-harness.js';
import { consent, submitConsent } from './oauth-helpers.js';

const run = promisify(execFile);
const REDIRECT = 'https://claude.ai/api/mcp/auth_callback';

function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

interface Registered {
  readonly clientId: string;
  readonly clientSecret: string;
}

async function register(issuer: string): Promise<Registered> {
  const res = await fetch(`${issuer}/oauth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      redirect_uris: [REDIRECT],
      token_endpoint_auth_method: 'client_secret_post',
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      client_name: 'Claude',
    }),
  });
  assert.equal(res.status, 201);
  const body = (await res.json()) as { client_id: string; client_secret: string };
  return { clientId: body.client_id, clientSecret: body.client_secret };
}

function authorizeUrl(issuer: string, params: Record<string, string | undefined>): URL {
  const url = new URL(`${issuer}/oauth/authorize`);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
  return url;
}

async function token(
  issuer: string,
  form: Record<string, string>,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${issuer}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function mcpStatus(gateway: RunningGateway, bearer: string): Promise<Response> {
  return fetch(gateway.mcpUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
  });
}

describe('OAuth refusals', () => {
  let gateway: RunningGateway;
  let issuer: string;
  let client: Registered;

  /** Runs authorize + consent for `client` and returns the code (and the verifier used). */
  async function code(scope = 'homeassistant:read'): Promise<{ code: string; verifier: string }> {
    const { verifier, challenge } = pkce();
    const url = authorizeUrl(issuer, {
      response_type: 'code',
      client_id: client.clientId,
      redirect_uri: REDIRECT,
      code_challenge: challenge,
      code_challenge_method: 'S256',
      state: 's1',
      scope,
      resource: `${issuer}/mcp`,
    });
    const decided = await consent(url, { password: gateway.adminPassword });
    const back = new URL(decided.location!);
    return { code: back.searchParams.get('code')!, verifier };
  }

  function exchange(c: { code: string; verifier: string }, extra: Record<string, string> = {}) {
    return token(issuer, {
      grant_type: 'authorization_code',
      code: c.code,
      redirect_uri: REDIRECT,
      code_verifier: c.verifier,
      client_id: client.clientId,
      client_secret: client.clientSecret,
      resource: `${issuer}/mcp`,
      ...extra,
    });
  }

  before(async () => {
    gateway = await startGateway({ authEnv: { OAUTH_CODE_TTL: '10' } });
    issuer = gateway.env['PUBLIC_URL']!;
    client = await register(issuer);
  });
  after(async () => {
    await gateway?.stop();
  });

  it('refuses a missing or plain PKCE challenge, by redirect with invalid_request', async () => {
    for (const method of [undefined, 'plain']) {
      const url = authorizeUrl(issuer, {
        response_type: 'code',
        client_id: client.clientId,
        redirect_uri: REDIRECT,
        state: 'st',
        ...(method ? { code_challenge: 'a'.repeat(43), code_challenge_method: method } : {}),
      });
      const res = await fetch(url, { redirect: 'manual' });
      assert.equal(res.status, 302, `PKCE ${method ?? 'missing'}`);
      const back = new URL(res.headers.get('location')!);
      assert.equal(back.searchParams.get('error'), 'invalid_request');
      assert.equal(back.searchParams.get('state'), 'st');
      assert.equal(back.searchParams.get('iss'), issuer);
    }
  });

  it('never redirects to an unregistered redirect URI or for an unknown client', async () => {
    const { challenge } = pkce();
    for (const params of [
      { client_id: client.clientId, redirect_uri: 'https://evil.example/callback' },
      { client_id: 'no-such-client', redirect_uri: REDIRECT },
    ]) {
      const res = await fetch(
        authorizeUrl(issuer, {
          response_type: 'code',
          code_challenge: challenge,
          code_challenge_method: 'S256',
          ...params,
        }),
        { redirect: 'manual' },
      );
      assert.equal(res.status >= 400 && res.status < 500, true, `status ${res.status}`);
      assert.equal(res.headers.get('location'), null);
      assert.match(res.headers.get('content-type') ?? '', /text\/html/);
    }
  });

  it('refuses a resource other than this gateway with invalid_target', async () => {
    const { challenge } = pkce();
    const res = await fetch(
      authorizeUrl(issuer, {
        response_type: 'code',
        client_id: client.clientId,
        redirect_uri: REDIRECT,
        code_challenge: challenge,
        code_challenge_method: 'S256',
        resource: 'https://other.example/mcp',
      }),
      { redirect: 'manual' },
    );
    assert.equal(new URL(res.headers.get('location')!).searchParams.get('error'), 'invalid_target');
    // One trailing slash is tolerated.
    const ok = await fetch(
      authorizeUrl(issuer, {
        response_type: 'code',
        client_id: client.clientId,
        redirect_uri: REDIRECT,
        code_challenge: challenge,
        code_challenge_method: 'S256',
        resource: `${issuer}/mcp/`,
      }),
      { redirect: 'manual' },
    );
    assert.equal(ok.status, 200);
  });

  it('refuses a wrong verifier, a reused code and a redirect URI that differs at the token endpoint', async () => {
    const first = await code();
    const wrong = await exchange({ ...first, verifier: pkce().verifier });
    assert.equal(wrong.status, 400);
    assert.equal(wrong.body['error'], 'invalid_grant');

    const second = await code();
    const mismatch = await exchange(second, { redirect_uri: 'https://claude.com/api/mcp/auth_callback' });
    assert.equal(mismatch.body['error'], 'invalid_grant');

    const third = await code();
    const ok = await exchange(third);
    assert.equal(ok.status, 200);
    const reused = await exchange(third);
    assert.equal(reused.status, 400);
    assert.equal(reused.body['error'], 'invalid_grant');
  });

  it('refuses an expired code', async () => {
    const c = await code();
    await new Promise((r) => setTimeout(r, 11_000));
    const expired = await exchange(c);
    assert.equal(expired.body['error'], 'invalid_grant');
  });

  it('refuses tokens for another audience, expired tokens, and revoked API tokens on /mcp', async () => {
    // A second front for another public URL, on the same bus and auth: this gateway's tokens are not for it.
    const c = await code();
    const { body } = await exchange(c);
    const accessToken = String(body['access_token']);
    assert.equal((await mcpStatus(gateway, accessToken)).status, 200);

    // Sign with auth's real current key, but with an expiry in the past and with another audience.
    const nc = await connect({ servers: NATS_URL });
    const kv = await new Kvm(nc).open(AuthStore.bucketNames(gateway.prefix).main);
    const keys = [];
    for await (const k of await kv.keys('key.*')) if (k !== 'key.current') keys.push(k);
    const stored = (await kv.get(keys[0]!))!.json<{ kid: string; privateJwk: JWK }>();
    await nc.close();
    const key = await importJWK(stored.privateJwk, 'ES256');
    const forge = (claims: Record<string, unknown>, exp: number) =>
      new SignJWT({
        sub: 'owner',
        client_id: client.clientId,
        scope: '*',
        jti: randomBytes(8).toString('hex'),
        ...claims,
      })
        .setProtectedHeader({ alg: 'ES256', kid: stored.kid, typ: 'at+jwt' })
        .setIssuer(issuer)
        .setIssuedAt()
        .setExpirationTime(exp)
        .sign(key);
    const now = Math.floor(Date.now() / 1000);
    const expired = await mcpStatus(gateway, await forge({ aud: `${issuer}/mcp` }, now - 120));
    assert.equal(expired.status, 401);
    assert.match(
      expired.headers.get('www-authenticate') ?? '',
      /error="invalid_token", error_description="The access token has expired/,
    );
    const otherAudience = await mcpStatus(
      gateway,
      await forge({ aud: 'https://other.example/mcp' }, now + 600),
    );
    assert.equal(otherAudience.status, 401);
    assert.match(otherAudience.headers.get('www-authenticate') ?? '', /not issued for this resource/);

    // API tokens: created with the CLI, accepted on /mcp, refused the moment they are revoked.
    const cli = (args: string[]) =>
      run(process.execPath, ['dist/apps/cli/main.js', ...args], {
        cwd: REPO_ROOT,
        env: { ...process.env, ...gateway.env },
      });
    const created = JSON.parse(
      (await cli(['token', 'create', '--name', 'webui', '--scopes', 'homeassistant:read', '--json'])).stdout,
    ) as {
      token: string;
    };
    assert.match(created.token, /^[A-Za-z0-9_-]{64}$/);
    assert.equal((await mcpStatus(gateway, created.token)).status, 200);
    await cli(['token', 'revoke', 'webui']);
    const revoked = await mcpStatus(gateway, created.token);
    assert.equal(revoked.status, 401);
  });
  // Last: the failed logins start a backoff that would hold up the other tests' consents.
  it('refuses a consent post without the CSRF cookie, and a wrong password with backoff', async () => {
    const { challenge } = pkce();
    const url = authorizeUrl(issuer, {
      response_type: 'code',
      client_id: client.clientId,
      redirect_uri: REDIRECT,
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    const noCookie = await consent(url, { password: gateway.adminPassword, dropCookie: true });
    assert.equal(noCookie.status, 403);
    assert.equal(noCookie.location, null);

    const wrong = await consent(url, { password: 'not-the-password' });
    assert.equal(wrong.status, 401);
    assert.match(wrong.html, /Wrong password/);
    // Right after a failure, even the right password waits (backoff), on the page it came back with.
    const page = await fetch(url);
    const retry = await submitConsent(url, await page.text(), page.headers.get('set-cookie'), {
      password: 'still-wrong',
    });
    assert.ok(retry.status === 401 || retry.status === 429, `status ${retry.status}`);
    const denied = await consent(url, { password: '', decision: 'deny' });
    assert.equal(new URL(denied.location!).searchParams.get('error'), 'access_denied');
  });
});
