import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FormParams } from '@mcp-gateway/contracts';
import { sha256Hex } from './secrets.js';
import {
  ADMIN_PASSWORD,
  approve,
  pkcePair,
  registerClient,
  startSpecAuth,
  type SpecAuth,
} from './spec-harness.js';
import { startHttpsServer, type SpecHttpsServer } from './spec-tls.js';

const CALLBACK = 'https://claude.ai/api/mcp/auth_callback';

describe('AuthorizeEndpoint (real NATS KV)', () => {
  let auth: SpecAuth;
  let client: { clientId: string; redirectUri: string };
  let params: FormParams;

  before(async () => {
    auth = await startSpecAuth('authz');
    client = await registerClient(auth);
    params = {
      response_type: 'code',
      client_id: client.clientId,
      redirect_uri: CALLBACK,
      code_challenge: pkcePair().challenge,
      code_challenge_method: 'S256',
      state: 'xyz',
      scope: 'homeassistant:read offline_access',
      resource: 'https://gw.example.com/mcp',
    };
  });
  after(() => auth.close());

  describe('check', () => {
    it('asks for consent with what the page must show', async () => {
      const answer = await auth.service.authorize.check(params);
      assert.equal(answer.outcome, 'consent');
      assert.deepEqual(answer.request, {
        clientId: client.clientId,
        clientName: 'Claude',
        redirectUri: CALLBACK,
        redirectHost: 'claude.ai',
        metadataDocument: false,
        localhostOnly: false,
        scopes: ['homeassistant:read', 'offline_access'],
      });
      assert.ok(answer.csrf.nonce.length >= 16 && answer.csrf.token.length >= 16);
    });

    it('grants * when no scope is asked, and uses the only redirect URI when none is sent', async () => {
      const { scope: _s, redirect_uri: _r, ...rest } = params;
      const answer = await auth.service.authorize.check(rest);
      assert.equal(answer.outcome, 'consent');
      assert.deepEqual(answer.request.scopes, ['*']);
      assert.equal(answer.request.redirectUri, CALLBACK);
    });

    it('accepts the resource with a trailing slash or none at all', async () => {
      for (const resource of ['https://gw.example.com/mcp/', undefined]) {
        const { resource: _r, ...rest } = params;
        const answer = await auth.service.authorize.check(resource ? { ...rest, resource } : rest);
        assert.equal(answer.outcome, 'consent', String(resource));
      }
    });

    for (const [name, change, error] of [
      ['no client_id', { client_id: undefined }, 'invalid_request'],
      ['an unknown client_id', { client_id: 'nobody' }, 'invalid_client'],
      ['an unregistered redirect_uri', { redirect_uri: 'https://evil.example/cb' }, 'invalid_request'],
      ['a redirect_uri differing by a slash', { redirect_uri: `${CALLBACK}/` }, 'invalid_request'],
      ['an oversized state', { state: 's'.repeat(1025) }, 'invalid_request'],
    ] as const) {
      it(`shows ${name} on the page instead of redirecting`, async () => {
        const answer = await auth.service.authorize.check(without({ ...params, ...change }));
        assert.equal(answer.outcome, 'error');
        assert.equal(answer.error, error);
        assert.equal(answer.status, 400);
      });
    }

    it('needs redirect_uri when the client registered several', async () => {
      const multi = await registerClient(auth, {
        redirect_uris: [CALLBACK, 'https://claude.com/api/mcp/auth_callback'],
      });
      const answer = await auth.service.authorize.check(
        without({ ...params, client_id: multi.clientId, redirect_uri: undefined }),
      );
      assert.equal(answer.outcome, 'error');
      assert.match(answer.outcome === 'error' ? answer.description : '', /redirect_uri is required/);
    });

    for (const [name, change, error] of [
      ['no response_type', { response_type: undefined }, 'invalid_request'],
      ['response_type=token', { response_type: 'token' }, 'unsupported_response_type'],
      ['no code_challenge', { code_challenge: undefined }, 'invalid_request'],
      ['no code_challenge_method', { code_challenge_method: undefined }, 'invalid_request'],
      ['code_challenge_method=plain', { code_challenge_method: 'plain' }, 'invalid_request'],
      ['a short code_challenge', { code_challenge: 'abc' }, 'invalid_request'],
      ['another resource', { resource: 'https://other.example/mcp' }, 'invalid_target'],
      ['a malformed scope', { scope: 'openid' }, 'invalid_scope'],
    ] as const) {
      it(`redirects ${name} as ${error} with state and iss`, async () => {
        const answer = await auth.service.authorize.check(without({ ...params, ...change }));
        assert.equal(answer.outcome, 'redirect');
        const url = new URL(answer.location);
        assert.equal(`${url.origin}${url.pathname}`, CALLBACK);
        assert.equal(url.searchParams.get('error'), error);
        assert.ok(url.searchParams.get('error_description'));
        assert.equal(url.searchParams.get('state'), 'xyz');
        assert.equal(url.searchParams.get('iss'), 'https://gw.example.com');
        assert.equal(url.searchParams.get('code'), null);
      });
    }

    it('says PKCE with S256 is required', async () => {
      const answer = await auth.service.authorize.check(
        without({ ...params, code_challenge_method: 'plain' }),
      );
      assert.equal(answer.outcome, 'redirect');
      assert.equal(
        new URL(answer.location).searchParams.get('error_description'),
        'PKCE with S256 is required',
      );
    });

    it('grants at most the scopes a client registered', async () => {
      const narrow = await registerClient(auth, { scope: 'wave:read homeassistant:read' });
      const base = { ...params, client_id: narrow.clientId };
      for (const [scope, granted] of [
        ['wave:read wave:write offline_access', ['wave:read', 'offline_access']],
        ['wave:write', ['wave:read', 'homeassistant:read']],
        ['*', ['wave:read', 'homeassistant:read']],
        [undefined, ['wave:read', 'homeassistant:read']],
      ] as const) {
        const answer = await auth.service.authorize.check(without({ ...base, scope }));
        assert.equal(answer.outcome, 'consent', String(scope));
        assert.deepEqual(answer.request.scopes, granted, String(scope));
      }
    });
  });

  describe('decide', () => {
    const submit = async (
      overrides: Partial<Parameters<SpecAuth['service']['authorize']['decide']>[0]> = {},
      remote = '203.0.113.9',
    ) => {
      const check = await auth.service.authorize.check(params);
      assert.equal(check.outcome, 'consent');
      return auth.service.authorize.decide({
        params,
        decision: 'approve',
        password: ADMIN_PASSWORD,
        csrfNonce: check.csrf.nonce,
        csrfToken: check.csrf.token,
        remote,
        ...overrides,
      });
    };

    it('refuses a form without the cookie nonce or with altered parameters, before anything else', async () => {
      for (const answer of [
        await submit({ csrfNonce: '' }),
        await submit({ csrfToken: 'x'.repeat(43) }),
        await submit({ params: { ...params, scope: '*' } }),
        await submit({ params: { ...params, client_id: 'nobody' } }),
      ]) {
        assert.equal(answer.outcome, 'error');
        assert.equal(answer.status, 403);
        assert.equal(answer.description, 'the form expired or was not submitted from the consent page');
      }
    });

    it('redirects a denial as access_denied', async () => {
      const answer = await submit({ decision: 'deny', password: '' });
      assert.equal(answer.outcome, 'redirect');
      const url = new URL(answer.location);
      assert.equal(url.searchParams.get('error'), 'access_denied');
      assert.equal(url.searchParams.get('state'), 'xyz');
      assert.equal(url.searchParams.get('iss'), 'https://gw.example.com');
    });

    it('asks again after a wrong password, then backs off without checking the password', async () => {
      const remote = '192.0.2.44';
      const wrong = await submit({ password: 'guess' }, remote);
      assert.equal(wrong.outcome, 'retry');
      assert.equal(wrong.message, 'Wrong password');
      assert.equal(wrong.request.clientId, client.clientId);
      const blocked = await submit({}, remote);
      assert.equal(blocked.outcome, 'retry');
      assert.equal(blocked.retryAfterMs, 1000);
      assert.match(blocked.message, /Wait 1 second,/);
      auth.clock.advance(1000);
      assert.equal((await submit({}, remote)).outcome, 'redirect');
    });

    it('issues a single code bound to the request, with state and iss (RFC 9207)', async () => {
      const answer = await submit();
      assert.equal(answer.outcome, 'redirect');
      const url = new URL(answer.location);
      assert.equal(`${url.origin}${url.pathname}`, CALLBACK);
      const code = url.searchParams.get('code') ?? '';
      assert.match(code, /^[A-Za-z0-9_-]{43}$/);
      assert.equal(url.searchParams.get('state'), 'xyz');
      assert.equal(url.searchParams.get('iss'), 'https://gw.example.com');
      const stored = await auth.store.get<Record<string, unknown>>('codes', `code.${sha256Hex(code)}`);
      assert.deepEqual(stored?.value, {
        clientId: client.clientId,
        redirectUri: CALLBACK,
        redirectUriSent: true,
        codeChallenge: params['code_challenge'],
        resource: 'https://gw.example.com/mcp',
        scopes: ['homeassistant:read', 'offline_access'],
        expiresAt: new Date(auth.clock.now().getTime() + 60_000).toISOString(),
        used: false,
        familyId: null,
      });
    });

    it('keeps the query a redirect URI already has', async () => {
      const withQuery = await registerClient(auth, { redirect_uris: ['https://app.example/cb?tenant=7'] });
      const location = await approve(auth, {
        ...params,
        client_id: withQuery.clientId,
        redirect_uri: 'https://app.example/cb?tenant=7',
      });
      const url = new URL(location);
      assert.equal(url.searchParams.get('tenant'), '7');
      assert.ok(url.searchParams.get('code'));
    });
  });
});

describe('AuthorizeEndpoint with a metadata-document client', () => {
  let auth: SpecAuth;
  let server: SpecHttpsServer;
  before(async () => {
    server = await startHttpsServer((req, res, port) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          client_id: `https://localhost:${port}${req.url ?? ''}`,
          client_name: 'Local App',
          redirect_uris: ['http://localhost:7777/callback'],
        }),
      );
    });
    auth = await startSpecAuth('cimdauthz', { cimdCa: server.cert, cimdAllowPrivate: true });
  });
  after(async () => {
    await auth.close();
    await server.close();
  });

  it('shows the document client on the consent page, flagged as local', async () => {
    const clientId = `https://localhost:${server.port}/client.json`;
    const base = {
      response_type: 'code',
      client_id: clientId,
      redirect_uri: 'http://localhost:7777/callback',
      code_challenge: pkcePair().challenge,
      code_challenge_method: 'S256',
    };
    const answer = await auth.service.authorize.check(base);
    assert.equal(answer.outcome, 'consent');
    assert.deepEqual(answer.request, {
      clientId,
      clientName: 'Local App',
      redirectUri: 'http://localhost:7777/callback',
      redirectHost: 'localhost:7777',
      metadataDocument: true,
      localhostOnly: true,
      scopes: ['*'],
    });
    const unlisted = await auth.service.authorize.check({
      ...base,
      redirect_uri: 'http://localhost:7778/callback',
    });
    assert.equal(unlisted.outcome, 'error');
  });
});

function without(params: Record<string, string | undefined>): FormParams {
  return Object.fromEntries(
    Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}
