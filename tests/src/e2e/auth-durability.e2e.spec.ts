import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { REPO_ROOT, waitFor } from '@mcp-gateway/testing';
import { startGateway, type RunningGateway } from './gateway-harness.js';
import { consent } from './oauth-helpers.js';

const run = promisify(execFile);
const REDIRECT = 'https://claude.ai/api/mcp/auth_callback';

interface Tokens {
  access_token: string;
  refresh_token: string;
  scope: string;
}

describe('scopes on /mcp, and auth state surviving restarts', () => {
  let gateway: RunningGateway;
  let issuer: string;
  let clientId: string;
  let tokens: Tokens;
  let apiToken: string;

  async function authorize(scope: string): Promise<Tokens> {
    const verifier = randomBytes(32).toString('base64url');
    const url = new URL(`${issuer}/oauth/authorize`);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: clientId,
      redirect_uri: REDIRECT,
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
      scope,
      resource: `${issuer}/mcp`,
    }).toString();
    const decided = await consent(url, { password: gateway.adminPassword });
    assert.equal(decided.status, 303, decided.html);
    const code = new URL(decided.location!).searchParams.get('code')!;
    return grant({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier });
  }

  async function grant(form: Record<string, string>): Promise<Tokens> {
    const res = await fetch(`${issuer}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...form, client_id: clientId }),
    });
    const body = (await res.json()) as Tokens & { error?: string };
    assert.equal(res.status, 200, body.error);
    return body;
  }

  async function client(bearer: string): Promise<Client> {
    const mcp = new Client({ name: 'scopes-e2e', version: '1.0.0' });
    await mcp.connect(
      new StreamableHTTPClientTransport(new URL(gateway.mcpUrl), {
        requestInit: { headers: { Authorization: `Bearer ${bearer}` } },
      }),
    );
    return mcp;
  }

  before(async () => {
    gateway = await startGateway();
    issuer = gateway.env['PUBLIC_URL']!;
    const res = await fetch(`${issuer}/oauth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        redirect_uris: [REDIRECT],
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        client_name: 'Claude Desktop',
      }),
    });
    clientId = ((await res.json()) as { client_id: string }).client_id;
  });
  after(async () => {
    await gateway?.stop();
  });

  it('a read-only grant lists only read-only tools; a write call gets 403 insufficient_scope naming the scopes', async () => {
    tokens = await authorize('homeassistant:read');
    const mcp = await client(tokens.access_token);
    const { tools } = await mcp.listTools();
    assert.ok(tools.length > 0);
    assert.ok(
      tools.every((t) => t.annotations?.readOnlyHint === true),
      'only read-only tools',
    );
    assert.ok(!tools.some((t) => t.name === 'homeassistant_call_service'));
    await mcp.close();

    const res = await fetch(gateway.mcpUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.access_token}` },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 7,
        method: 'tools/call',
        params: { name: 'homeassistant_call_service', arguments: { domain: 'light', service: 'turn_on' } },
      }),
    });
    assert.equal(res.status, 403);
    const challenge = res.headers.get('www-authenticate') ?? '';
    assert.match(challenge, /error="insufficient_scope"/);
    assert.match(challenge, /scope="homeassistant:write homeassistant:read"/);
    assert.match(
      challenge,
      /resource_metadata="http:\/\/localhost:\d+\/\.well-known\/oauth-protected-resource\/mcp"/,
    );
  });

  it('keeps clients, refresh tokens, API tokens and signing keys across restarts of auth and the front', async () => {
    const { stdout } = await run(
      process.execPath,
      ['dist/apps/cli/main.js', 'token', 'create', '--name', 'durable', '--json'],
      { cwd: REPO_ROOT, env: { ...process.env, ...gateway.env } },
    );
    apiToken = (JSON.parse(stdout) as { token: string }).token;

    await gateway.restartAuth();
    await gateway.restartFront();

    // The access token issued before still verifies: the front fetched the same keys again.
    const mcp = await client(tokens.access_token);
    assert.ok((await mcp.listTools()).tools.length > 0);
    await mcp.close();
    // The refresh token and its client survived.
    const refreshed = await grant({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
    assert.notEqual(refreshed.refresh_token, tokens.refresh_token);
    // The API token survived.
    const withApiToken = await client(apiToken);
    assert.ok((await withApiToken.listTools()).tools.length > 0);
    await withApiToken.close();
    const status = (await (await fetch(`${gateway.baseUrl}/status`)).json()) as {
      auth: { signingKeys: number; revocationsLoaded: boolean };
    };
    assert.ok(status.auth.signingKeys >= 1);
    assert.equal(status.auth.revocationsLoaded, true);
    // The registered client can still authorise.
    const again = await authorize('homeassistant:read homeassistant:write');
    assert.match(again.scope, /homeassistant:write/);
  });

  it('a revoked API token is refused by every front at once', async () => {
    const second = await gateway.addFront();
    const cli = (args: string[]) =>
      run(process.execPath, ['dist/apps/cli/main.js', ...args], {
        cwd: REPO_ROOT,
        env: { ...process.env, ...gateway.env },
      });
    const { stdout } = await cli(['token', 'create', '--name', 'shared', '--json']);
    const shared = (JSON.parse(stdout) as { token: string }).token;
    const ping = (url: string) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${shared}` },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }),
      }).then((r) => r.status);
    // Both fronts have verified (and cached) the token.
    assert.deepEqual([await ping(gateway.mcpUrl), await ping(second.mcpUrl)], [200, 200]);
    await cli(['token', 'revoke', 'shared']);
    // The broadcast evicts both caches: well within 2 s, not after the 30-second cache runs out.
    const deadline = Date.now() + 2_000;
    let statuses = [0, 0];
    do {
      statuses = [await ping(gateway.mcpUrl), await ping(second.mcpUrl)];
    } while (statuses.some((s) => s !== 401) && Date.now() < deadline);
    assert.deepEqual(statuses, [401, 401]);
  });

  it('with auth down: JWTs still verify, a cached API token works, an uncached one gets 503 with Retry-After; all work once auth is back', async () => {
    const cli = (args: string[]) =>
      run(process.execPath, ['dist/apps/cli/main.js', ...args], {
        cwd: REPO_ROOT,
        env: { ...process.env, ...gateway.env },
      });
    const created = (
      JSON.parse((await cli(['token', 'create', '--name', 'never-seen', '--json'])).stdout) as {
        token: string;
      }
    ).token;
    const ping = (bearer: string) =>
      fetch(gateway.mcpUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
      });
    // The front restarted in the previous test: let it verify (and cache) the durable API token now.
    assert.equal((await ping(apiToken)).status, 200);

    await gateway.auth?.stop();
    // OAuth access tokens are checked locally against the keys the front already has.
    const withJwt = await client(tokens.access_token);
    assert.ok((await withJwt.listTools()).tools.length > 0);
    await withJwt.close();
    // An API token verified within the cache window (30 s) still works.
    assert.equal((await ping(apiToken)).status, 200);
    // One the front has never seen cannot be checked: 503, not 401 (the client must keep its token).
    const unchecked = await ping(created);
    assert.equal(unchecked.status, 503);
    assert.match(unchecked.headers.get('retry-after') ?? '', /^\d+$/);
    // The static token never needs auth.
    assert.equal((await ping(gateway.token)).status, 200);

    await gateway.restartAuth();
    await waitFor(
      async () => (await ping(created)).status === 200,
      10_000,
      'the new API token once auth is back',
    );
  });
});
