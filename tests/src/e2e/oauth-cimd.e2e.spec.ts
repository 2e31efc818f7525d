import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGateway, type RunningGateway } from './gateway-harness.js';
import { consent } from './oauth-helpers.js';

const REDIRECT = 'https://claude.ai/api/mcp/auth_callback';

/**
 * Client ID Metadata Documents: the client_id is an https URL the authorisation server fetches. Our AS
 * metadata advertises CIMD and the `none` method, which is exactly when Claude prefers CIMD over DCR.
 * The document is served here over https with a throwaway certificate the auth service is told to trust
 * (NODE_EXTRA_CA_CERTS), from a loopback address (OAUTH_CIMD_ALLOW_PRIVATE=1; without it the SSRF guard
 * refuses loopback, as the auth-service unit tests show).
 */
describe('OAuth with a client metadata document (CIMD)', () => {
  let dir: string;
  let server: Server;
  let base: string;
  let gateway: RunningGateway;
  const fetched: string[] = [];
  const documents = new Map<string, (url: string) => unknown>();

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cimd-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=DNS:localhost,IP:127.0.0.1',
      ],
      { stdio: 'ignore' },
    );
    server = createServer(
      { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) },
      (req, res) => {
        const url = `${base}${req.url ?? ''}`;
        fetched.push(url);
        const doc = documents.get(req.url ?? '');
        if (!doc) {
          res.writeHead(404).end();
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'max-age=300' });
        res.end(JSON.stringify(doc(url)));
      },
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `https://localhost:${(server.address() as AddressInfo).port}`;
    documents.set('/oauth/mcp-oauth-client-metadata', (url) => ({
      client_id: url,
      client_name: 'Claude',
      redirect_uris: [REDIRECT, 'https://claude.com/api/mcp/auth_callback'],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
    }));
    documents.set('/impostor', () => ({
      client_id: 'https://claude.ai/oauth/mcp-oauth-client-metadata',
      client_name: 'Claude',
      redirect_uris: [REDIRECT],
    }));
    gateway = await startGateway({
      authEnv: { NODE_EXTRA_CA_CERTS: join(dir, 'cert.pem'), OAUTH_CIMD_ALLOW_PRIVATE: '1' },
    });
  });
  after(async () => {
    await gateway?.stop();
    server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function authorizeUrl(clientId: string, challenge: string, redirectUri = REDIRECT): URL {
    const url = new URL(`${gateway.env['PUBLIC_URL']}/oauth/authorize`);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: clientId,
      redirect_uri: redirectUri,
      code_challenge: challenge,
      code_challenge_method: 'S256',
      state: 'cimd',
      scope: 'homeassistant:read',
      resource: `${gateway.env['PUBLIC_URL']}/mcp`,
    }).toString();
    return url;
  }

  it('authorises a client known only by its metadata URL, and issues tokens to it as a public client', async () => {
    const clientId = `${base}/oauth/mcp-oauth-client-metadata`;
    const verifier = randomBytes(32).toString('base64url');
    const url = authorizeUrl(clientId, createHash('sha256').update(verifier).digest('base64url'));
    const page = await fetch(url);
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /Allow <strong>Claude<\/strong>/);
    assert.match(html, /identifies itself by/);

    const decided = await consent(url, { password: gateway.adminPassword });
    assert.equal(decided.status, 303, decided.html);
    const code = new URL(decided.location!).searchParams.get('code')!;
    const res = await fetch(`${gateway.env['PUBLIC_URL']}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: REDIRECT,
        code_verifier: verifier,
        client_id: clientId,
        resource: `${gateway.env['PUBLIC_URL']}/mcp`,
      }),
    });
    const tokens = (await res.json()) as { access_token: string; error?: string };
    assert.equal(res.status, 200, tokens.error);
    const mcp = await fetch(gateway.mcpUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.access_token}` },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    assert.equal(mcp.status, 200);
    // The document is cached (max-age=300): the page, the consent and the token step fetched it once.
    assert.equal(fetched.filter((u) => u === clientId).length, 1);
  });

  it('refuses a document whose client_id is not its URL, and a redirect URI it does not list, without redirecting', async () => {
    const challenge = createHash('sha256').update('x'.repeat(43)).digest('base64url');
    for (const url of [
      authorizeUrl(`${base}/impostor`, challenge),
      authorizeUrl(`${base}/oauth/mcp-oauth-client-metadata`, challenge, 'https://evil.example/callback'),
      authorizeUrl(`${base}/missing`, challenge),
    ]) {
      const res = await fetch(url, { redirect: 'manual' });
      assert.equal(res.status, 400, url.href);
      assert.equal(res.headers.get('location'), null);
    }
  });
});
