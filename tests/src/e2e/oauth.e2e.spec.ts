import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as oauth from 'oauth4webapi';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { UnauthorizedError, extractWWWAuthenticateParams } from '@modelcontextprotocol/sdk/client/auth.js';
import { startGateway, type RunningGateway } from './gateway-harness.js';
import { CLAUDE_REGISTRATION, TestOAuthProvider, consent } from './oauth-helpers.js';

const insecure = { [oauth.allowInsecureRequests]: true } as const;

async function bearerClient(gateway: RunningGateway, token: string): Promise<Client> {
  const client = new Client({ name: 'oauth-e2e', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(gateway.mcpUrl), {
      requestInit: { headers: { Authorization: `Bearer ${token}` } },
    }),
  );
  return client;
}

async function postMcp(gateway: RunningGateway, token: string | undefined, body: unknown): Promise<Response> {
  return fetch(gateway.mcpUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
}

describe('Claude.ai connecting through OAuth 2.1 (oauth4webapi as the client)', () => {
  let gateway: RunningGateway;
  let as: oauth.AuthorizationServer;
  let client: oauth.Client;
  let clientAuth: oauth.ClientAuth;
  let tokens: oauth.TokenEndpointResponse;
  const redirectUri = CLAUDE_REGISTRATION.redirect_uris[0]!;

  before(async () => {
    gateway = await startGateway();
  });
  after(async () => {
    await gateway?.stop();
  });

  it('discovers the authorisation server from the 401 on /mcp', async () => {
    const res = await postMcp(gateway, undefined, { jsonrpc: '2.0', id: 1, method: 'tools/list' });
    assert.equal(res.status, 401);
    // The MCP SDK's own challenge parser, as MCP clients read it.
    const challenge = extractWWWAuthenticateParams(res);
    assert.equal(
      challenge.resourceMetadataUrl?.href,
      `${gateway.env['PUBLIC_URL']}/.well-known/oauth-protected-resource/mcp`,
    );
    assert.equal(challenge.scope, 'homeassistant:read homeassistant:write');

    const resource = new URL(gateway.mcpUrl.replace('127.0.0.1', 'localhost'));
    const rs = await oauth.processResourceDiscoveryResponse(
      resource,
      await oauth.resourceDiscoveryRequest(resource, insecure),
    );
    assert.deepEqual(rs.scopes_supported, ['homeassistant:read', 'homeassistant:write']);
    const issuer = new URL(rs.authorization_servers![0]!);
    as = await oauth.processDiscoveryResponse(
      issuer,
      await oauth.discoveryRequest(issuer, { algorithm: 'oauth2', ...insecure }),
    );
    assert.deepEqual(as.code_challenge_methods_supported, ['S256']);
    // The OIDC alias serves the same document.
    const oidc = await oauth.processDiscoveryResponse(
      issuer,
      await oauth.discoveryRequest(issuer, { algorithm: 'oidc', ...insecure }),
    );
    assert.equal(oidc.token_endpoint, as.token_endpoint);
  });

  it("registers with Claude's exact body and gets the full RFC 7591 response", async () => {
    const res = await fetch(as.registration_endpoint!, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(CLAUDE_REGISTRATION),
    });
    assert.equal(res.status, 201);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    const body = (await res.json()) as Record<string, unknown>;
    assert.equal(typeof body['client_id'], 'string');
    assert.equal(typeof body['client_secret'], 'string');
    assert.equal(typeof body['client_id_issued_at'], 'number');
    assert.equal(body['token_endpoint_auth_method'], 'client_secret_post');
    assert.deepEqual(body['redirect_uris'], CLAUDE_REGISTRATION.redirect_uris);
    assert.deepEqual(body['grant_types'], CLAUDE_REGISTRATION.grant_types);
    assert.equal(body['registration_client_uri'], `${as.issuer}/oauth/register/${String(body['client_id'])}`);
    // RFC 7592 read with the registration access token.
    const read = await fetch(String(body['registration_client_uri']), {
      headers: { authorization: `Bearer ${String(body['registration_access_token'])}` },
    });
    assert.equal(read.status, 200);
    assert.equal(((await read.json()) as { client_name: string }).client_name, 'Claude');
    client = { client_id: String(body['client_id']) };
    clientAuth = oauth.ClientSecretPost(String(body['client_secret']));
  });

  it('authorises with PKCE through the consent page and exchanges the code', async () => {
    const verifier = oauth.generateRandomCodeVerifier();
    const state = oauth.generateRandomState();
    const url = new URL(as.authorization_endpoint!);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: client.client_id,
      redirect_uri: redirectUri,
      code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      scope: 'homeassistant:read homeassistant:write offline_access',
      resource: `${as.issuer}/mcp`,
    }).toString();

    const page = await fetch(url);
    assert.equal(page.status, 200);
    assert.equal(page.headers.get('x-frame-options'), 'DENY');
    assert.match(page.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
    const html = await page.text();
    assert.match(html, /Claude/);
    assert.match(html, /claude\.ai/);
    assert.match(html, /homeassistant:write/);

    const decided = await consent(url, { password: gateway.adminPassword });
    assert.equal(decided.status, 303);
    const callback = new URL(decided.location!);
    assert.equal(`${callback.origin}${callback.pathname}`, redirectUri);
    assert.equal(callback.searchParams.get('iss'), as.issuer);
    const params = oauth.validateAuthResponse(as, client, callback, state);

    const response = await oauth.authorizationCodeGrantRequest(
      as,
      client,
      clientAuth,
      params,
      redirectUri,
      verifier,
      {
        additionalParameters: { resource: `${as.issuer}/mcp` },
        ...insecure,
      },
    );
    assert.equal(response.headers.get('cache-control'), 'no-store');
    tokens = await oauth.processAuthorizationCodeResponse(as, client, response);
    assert.equal(tokens.token_type, 'bearer');
    assert.ok(tokens.refresh_token, 'a refresh token is always issued');
    assert.match(tokens.scope ?? '', /homeassistant:write/);
    const [, payload] = tokens.access_token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
    assert.equal(claims['iss'], as.issuer);
    assert.equal(claims['aud'], `${as.issuer}/mcp`);
    assert.equal(claims['client_id'], client.client_id);
    assert.equal(typeof claims['jti'], 'string');
    assert.equal(typeof claims['exp'], 'number');
  });

  it('calls /mcp with the access token through the MCP SDK client', async () => {
    const mcp = await bearerClient(gateway, tokens.access_token);
    const { tools } = await mcp.listTools();
    assert.ok(tools.some((t) => t.name === 'homeassistant_call_service'));
    const result = await mcp.callTool({
      name: 'homeassistant_get_state',
      arguments: { entity_ids: ['light.kitchen_ceiling'] },
    });
    assert.notEqual(result.isError, true);
    await mcp.close();
  });

  it('rotates the refresh token, and a reused one revokes the whole family', async () => {
    const first = tokens.refresh_token!;
    const rotated = await oauth.processRefreshTokenResponse(
      as,
      client,
      await oauth.refreshTokenGrantRequest(as, client, clientAuth, first, insecure),
    );
    assert.notEqual(rotated.refresh_token, first);
    assert.notEqual(rotated.access_token, tokens.access_token);
    assert.equal(
      (await postMcp(gateway, rotated.access_token, { jsonrpc: '2.0', id: 1, method: 'ping' })).status,
      200,
    );

    const reuse = await oauth.refreshTokenGrantRequest(as, client, clientAuth, first, insecure);
    assert.equal(reuse.status, 400);
    assert.equal(((await reuse.json()) as { error: string }).error, 'invalid_grant');
    // The family is gone: the rotated refresh token no longer works, nor do its access tokens.
    const next = await oauth.refreshTokenGrantRequest(
      as,
      client,
      clientAuth,
      rotated.refresh_token!,
      insecure,
    );
    assert.equal(next.status, 400);
    for (let i = 0; i < 50; i++) {
      if (
        (await postMcp(gateway, rotated.access_token, { jsonrpc: '2.0', id: 1, method: 'ping' })).status ===
        401
      )
        break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const refused = await postMcp(gateway, rotated.access_token, { jsonrpc: '2.0', id: 1, method: 'ping' });
    assert.equal(refused.status, 401);
    assert.match(refused.headers.get('www-authenticate') ?? '', /error="invalid_token"/);
  });

  it('revokes access and refresh tokens (RFC 7009), and answers invalid_client (401) for an unknown client', async () => {
    const unknown = await fetch(as.token_endpoint!, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: 'x', client_id: 'nobody' }),
    });
    assert.equal(unknown.status, 401);
    assert.equal(((await unknown.json()) as { error: string }).error, 'invalid_client');
    // Unknown tokens are not an error (RFC 7009 §2.2).
    await oauth.processRevocationResponse(
      await oauth.revocationRequest(as, client, clientAuth, 'not-a-token', insecure),
    );

    // A fresh grant: revoking its access token shuts it out of /mcp at once (the revocation is broadcast)…
    const verifier = oauth.generateRandomCodeVerifier();
    const url = new URL(as.authorization_endpoint!);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: client.client_id,
      redirect_uri: redirectUri,
      code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      scope: 'homeassistant:read',
    }).toString();
    const decided = await consent(url, { password: gateway.adminPassword });
    const params = oauth.validateAuthResponse(as, client, new URL(decided.location!), oauth.expectNoState);
    const fresh = await oauth.processAuthorizationCodeResponse(
      as,
      client,
      await oauth.authorizationCodeGrantRequest(
        as,
        client,
        clientAuth,
        params,
        redirectUri,
        verifier,
        insecure,
      ),
    );
    assert.equal(
      (await postMcp(gateway, fresh.access_token, { jsonrpc: '2.0', id: 1, method: 'ping' })).status,
      200,
    );
    await oauth.processRevocationResponse(
      await oauth.revocationRequest(as, client, clientAuth, fresh.access_token, insecure),
    );
    let status = 200;
    for (let i = 0; i < 50 && status !== 401; i++) {
      status = (await postMcp(gateway, fresh.access_token, { jsonrpc: '2.0', id: 1, method: 'ping' })).status;
      if (status !== 401) await new Promise((r) => setTimeout(r, 20));
    }
    assert.equal(status, 401);
    // …and revoking its refresh token ends the grant.
    await oauth.processRevocationResponse(
      await oauth.revocationRequest(as, client, clientAuth, fresh.refresh_token!, insecure),
    );
    const refresh = await oauth.refreshTokenGrantRequest(
      as,
      client,
      clientAuth,
      fresh.refresh_token!,
      insecure,
    );
    assert.equal(refresh.status, 400);
    assert.equal(((await refresh.json()) as { error: string }).error, 'invalid_grant');
  });
});

describe("the MCP SDK client's own OAuth support", () => {
  let gateway: RunningGateway;
  before(async () => {
    gateway = await startGateway();
  });
  after(async () => {
    await gateway?.stop();
  });

  it('discovers, registers (public client), authorises and calls tools', async () => {
    const provider = new TestOAuthProvider(gateway.adminPassword);
    const url = new URL(gateway.env['PUBLIC_URL'] + '/mcp');
    const first = new StreamableHTTPClientTransport(url, { authProvider: provider });
    const client = new Client({ name: 'sdk-oauth', version: '1.0.0' });
    await assert.rejects(client.connect(first), UnauthorizedError);
    assert.ok(provider.code, 'the consent page produced a code');
    assert.equal(provider.lastAuthorizationUrl?.searchParams.get('code_challenge_method'), 'S256');
    assert.equal(provider.lastAuthorizationUrl?.searchParams.get('resource'), url.href);
    await first.finishAuth(provider.code);
    assert.ok(provider.tokens()?.refresh_token);

    const connected = new Client({ name: 'sdk-oauth', version: '1.0.0' });
    await connected.connect(new StreamableHTTPClientTransport(url, { authProvider: provider }));
    const { tools } = await connected.listTools();
    assert.ok(tools.length >= 6);
    await connected.close();
  });
});
