import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseClientMetadata } from './client-metadata.js';
import { isOAuthFailure } from './oauth-failure.js';
import { isLoopbackUri, redirectUriProblem } from './redirect-uris.js';

const CLAUDE = {
  redirect_uris: ['https://claude.ai/api/mcp/auth_callback'],
  token_endpoint_auth_method: 'client_secret_post',
  grant_types: ['authorization_code', 'refresh_token'],
  response_types: ['code'],
  client_name: 'Claude',
};
const CLAUDE_DESKTOP = { ...CLAUDE, token_endpoint_auth_method: 'none' };
const OPEN_WEBUI = {
  client_name: 'Open WebUI',
  redirect_uris: ['https://webui.example/oauth/clients/abc/callback'],
  grant_types: ['authorization_code', 'refresh_token'],
  response_types: ['code'],
};

const BASE = { redirect_uris: ['https://a.example/cb'] };

describe('redirect URI rules', () => {
  for (const ok of [
    'https://claude.ai/api/mcp/auth_callback',
    'https://claude.com/api/mcp/auth_callback?x=1',
    'http://localhost:33418/callback',
    'http://127.0.0.1/cb',
    'http://[::1]:8080/cb',
  ]) {
    it(`accepts ${ok}`, () => assert.equal(redirectUriProblem(ok), undefined));
  }
  for (const [bad, why] of [
    ['http://claude.ai/api/mcp/auth_callback', /https/],
    ['https://claude.ai/cb#frag', /fragment/],
    ['https://claude.ai/cb#', /fragment/],
    ['/relative/callback', /absolute/],
    ['cursor://anysphere.cursor-retrieval/oauth/callback', /https/],
    ['javascript:alert(1)', /https/],
    ['http://127.0.0.2/cb', /https/],
    ['https://user:pw@claude.ai/cb', /user information/],
    ['', /non-empty/],
    [`https://a.example/${'x'.repeat(2050)}`, /2048/],
    ['https://claude.ai/api/mcp/auth_\r\ncallback', /control characters/],
    ['https://claude.ai/cb\tx', /control characters/],
    ['https://claude.ai/c b', /control characters/],
  ] as const) {
    it(`refuses ${bad.slice(0, 60)}`, () => assert.match(redirectUriProblem(bad) ?? '', why));
  }
  it('knows loopback URIs', () => {
    assert.equal(isLoopbackUri('http://localhost:1/cb'), true);
    assert.equal(isLoopbackUri('https://claude.ai/cb'), false);
  });
});

describe('parseClientMetadata (RFC 7591)', () => {
  it("registers Claude.ai's exact body, echoing every field", () => {
    assert.deepEqual(parseClientMetadata(CLAUDE), CLAUDE);
  });

  it('registers the Claude Desktop variant as a public client', () => {
    const parsed = parseClientMetadata(CLAUDE_DESKTOP);
    assert.ok(!isOAuthFailure(parsed));
    assert.equal(parsed.token_endpoint_auth_method, 'none');
  });

  it("registers Open WebUI's body with the RFC default auth method (client_secret_basic)", () => {
    assert.deepEqual(parseClientMetadata(OPEN_WEBUI), {
      ...OPEN_WEBUI,
      token_endpoint_auth_method: 'client_secret_basic',
    });
  });

  it('defaults grant and response types and ignores unknown fields', () => {
    assert.deepEqual(
      parseClientMetadata({ redirect_uris: ['https://a.example/cb'], jwks_uri: 'x', foo: 1 }),
      {
        redirect_uris: ['https://a.example/cb'],
        token_endpoint_auth_method: 'client_secret_basic',
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    );
  });

  it('keeps the optional fields it knows', () => {
    const body = {
      redirect_uris: ['http://localhost:9000/cb'],
      token_endpoint_auth_method: 'none',
      client_uri: 'https://app.example',
      logo_uri: 'https://app.example/logo.png',
      scope: 'homeassistant:read offline_access',
      contacts: ['ops@app.example'],
      software_id: 'app',
      software_version: '1.2.3',
      application_type: 'native',
    };
    assert.deepEqual(parseClientMetadata(body), {
      ...body,
      grant_types: ['authorization_code'],
      response_types: ['code'],
    });
  });

  for (const [name, body, error, field] of [
    ['no redirect_uris', { redirect_uris: undefined }, 'invalid_redirect_uri', /redirect_uris/],
    ['empty redirect_uris', { redirect_uris: [] }, 'invalid_redirect_uri', /redirect_uris/],
    ['a string redirect_uris', { redirect_uris: 'https://a.example/cb' }, 'invalid_redirect_uri', /array/],
    ['an http redirect', { redirect_uris: ['http://a.example/cb'] }, 'invalid_redirect_uri', /https/],
    ['a fragment', { redirect_uris: ['https://a.example/cb#x'] }, 'invalid_redirect_uri', /fragment/],
    [
      'an unknown auth method',
      { token_endpoint_auth_method: 'private_key_jwt' },
      'invalid_client_metadata',
      /token_endpoint_auth_method/,
    ],
    ['an unknown grant', { grant_types: ['client_credentials'] }, 'invalid_client_metadata', /grant_types/],
    [
      'only refresh_token',
      { grant_types: ['refresh_token'] },
      'invalid_client_metadata',
      /authorization_code/,
    ],
    ['an implicit response type', { response_types: ['token'] }, 'invalid_client_metadata', /response_types/],
    ['a numeric client_name', { client_name: 42 }, 'invalid_client_metadata', /client_name/],
    ['a long client_name', { client_name: 'x'.repeat(201) }, 'invalid_client_metadata', /client_name/],
    ['a bad scope', { scope: 'openid profile' }, 'invalid_client_metadata', /scope/],
    ['a non-URL client_uri', { client_uri: 'not a url' }, 'invalid_client_metadata', /client_uri/],
    ['contacts as a string', { contacts: 'a@b' }, 'invalid_client_metadata', /contacts/],
    [
      'a bad application_type',
      { application_type: 'desktop' },
      'invalid_client_metadata',
      /application_type/,
    ],
  ] as const) {
    it(`refuses ${name}`, () => {
      const parsed = parseClientMetadata({ ...BASE, ...body });
      assert.ok(isOAuthFailure(parsed));
      assert.equal(parsed.error, error);
      assert.equal(parsed.status, 400);
      assert.match(parsed.description, field);
    });
  }
});
