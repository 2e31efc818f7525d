import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import type { IncomingMessage } from 'node:http';
import { publicIdentity } from '@mcp-gateway/config';
import { clientAddress } from './client-address.js';
import { pageHeaders, renderConsentPage } from './consent-page.js';
import { csrfCookie, csrfCookieName } from './csrf-cookie.js';
import {
  type BodyError,
  basicCredentials,
  formRecord,
  parseCookies,
  readForm,
  readJsonObject,
} from './forms.js';
import { authorizationServerMetadata, connectorScopes, protectedResourceMetadata } from './metadata.js';

const identity = publicIdentity(new URL('https://gw.example.com/'));

function request(body: string, headers: Record<string, string>): IncomingMessage {
  return Object.assign(Readable.from([Buffer.from(body)]), { headers }) as unknown as IncomingMessage;
}

describe('metadata documents', () => {
  it('protected resource: the /mcp resource, this issuer, connector scopes, no offline_access', () => {
    const prm = protectedResourceMetadata(identity, connectorScopes(['wave', 'homeassistant', 'wave']));
    assert.equal(prm.resource, 'https://gw.example.com/mcp');
    assert.deepEqual(prm.authorization_servers, ['https://gw.example.com']);
    assert.deepEqual(prm.scopes_supported, [
      'homeassistant:read',
      'homeassistant:write',
      'wave:read',
      'wave:write',
    ]);
  });

  it('authorisation server: everything Claude and the MCP spec look for', () => {
    const as = authorizationServerMetadata(identity, ['homeassistant:read']);
    assert.equal(as.issuer, 'https://gw.example.com');
    assert.equal(as.authorization_endpoint, 'https://gw.example.com/oauth/authorize');
    assert.equal(as.registration_endpoint, 'https://gw.example.com/oauth/register');
    assert.equal(as.revocation_endpoint, 'https://gw.example.com/oauth/revoke');
    assert.deepEqual(as.code_challenge_methods_supported, ['S256']);
    assert.deepEqual(as.grant_types_supported, ['authorization_code', 'refresh_token']);
    assert.deepEqual(as.token_endpoint_auth_methods_supported, [
      'none',
      'client_secret_post',
      'client_secret_basic',
    ]);
    assert.equal(as.client_id_metadata_document_supported, true);
    assert.equal(as.authorization_response_iss_parameter_supported, true);
    assert.ok(as.scopes_supported.includes('offline_access'));
  });
});

describe('forms', () => {
  it('reads urlencoded forms and refuses repeated parameters and other media types', async () => {
    const form = await readForm(
      request('a=1&b=x+y', { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }),
    );
    assert.deepEqual(form, { a: '1', b: 'x y' });
    await assert.rejects(
      readForm(request('a=1', { 'content-type': 'application/json' })),
      (e: BodyError) => e.status === 415,
    );
    assert.throws(() => formRecord(new URLSearchParams('a=1&a=2')), /repeated/);
  });

  it('limits the body size', async () => {
    await assert.rejects(
      readForm(request('a='.padEnd(100, 'x'), { 'content-type': 'application/x-www-form-urlencoded' }), 50),
      (e: BodyError) => e.status === 413,
    );
  });

  it('reads JSON objects only', async () => {
    assert.deepEqual(await readJsonObject(request('{"a":1}', { 'content-type': 'application/json' })), {
      a: 1,
    });
    await assert.rejects(
      readJsonObject(request('[1]', { 'content-type': 'application/json' })),
      /JSON object/,
    );
    await assert.rejects(
      readJsonObject(request('{', { 'content-type': 'application/json' })),
      /not valid JSON/,
    );
  });

  it('decodes Basic client credentials (form-urlencoded inside base64)', () => {
    const header = `Basic ${Buffer.from('my%3Aclient:s%2Bcret').toString('base64')}`;
    assert.deepEqual(basicCredentials(header), { clientId: 'my:client', clientSecret: 's+cret' });
    assert.equal(basicCredentials('Bearer x'), undefined);
    assert.equal(basicCredentials(undefined), undefined);
    assert.throws(() => basicCredentials(`Basic ${Buffer.from('nocolon').toString('base64')}`), /malformed/);
  });

  it('parses cookies', () => {
    assert.equal(parseCookies('a=1; gw_csrf=abc; a=2').get('a'), '1');
    assert.equal(parseCookies('a=1; gw_csrf=abc').get('gw_csrf'), 'abc');
  });
});

describe('consent page', () => {
  const request = {
    clientId: 'c1',
    clientName: '<script>alert(1)</script>',
    redirectUri: 'https://claude.ai/api/mcp/auth_callback',
    redirectHost: 'claude.ai',
    metadataDocument: false,
    localhostOnly: false,
    scopes: ['homeassistant:read', 'offline_access'],
  };

  it('escapes everything, shows the host and scopes, and carries the request back', () => {
    const html = renderConsentPage({
      request,
      params: { client_id: 'c1', state: '"><b>', redirect_uri: request.redirectUri, extra: 'dropped' },
      csrfToken: 'tok',
      message: 'Wrong password',
    });
    assert.doesNotMatch(html, /<script>/);
    assert.match(html, /&lt;script&gt;/);
    assert.match(html, /claude\.ai/);
    assert.match(html, /homeassistant: read only/);
    assert.match(html, /name="state" value="&quot;&gt;&lt;b&gt;"/);
    assert.doesNotMatch(html, /name="extra"/);
    assert.match(html, /name="csrf_token" value="tok"/);
    assert.match(html, /Wrong password/);
  });

  it('forbids framing and caching, and lets the form post go only here and to the redirect origin', () => {
    const headers = pageHeaders('https://claude.ai/api/mcp/auth_callback');
    assert.equal(headers['x-frame-options'], 'DENY');
    assert.equal(headers['cache-control'], 'no-store');
    assert.match(headers['content-security-policy']!, /frame-ancestors 'none'/);
    assert.match(headers['content-security-policy']!, /form-action 'self' https:\/\/claude\.ai;/);
  });

  it('uses a __Host- cookie on https only', () => {
    assert.equal(csrfCookieName(true), '__Host-gw_csrf');
    assert.match(
      csrfCookie('n', true),
      /^__Host-gw_csrf=n; Path=\/; HttpOnly; SameSite=Lax; Max-Age=900; Secure$/,
    );
    assert.doesNotMatch(csrfCookie('n', false), /Secure/);
  });
});

describe('client address', () => {
  const req = (forwarded?: string | string[]) =>
    ({
      headers: forwarded ? { 'x-forwarded-for': forwarded } : {},
      socket: { remoteAddress: '10.0.0.2' },
    }) as unknown as IncomingMessage;

  it('uses the socket unless a proxy is trusted, then the hop the proxy appended', () => {
    assert.equal(clientAddress(req('1.1.1.1, 2.2.2.2'), false), '10.0.0.2');
    assert.equal(clientAddress(req('1.1.1.1, 2.2.2.2'), true), '2.2.2.2');
    assert.equal(clientAddress(req(['1.1.1.1', '3.3.3.3']), true), '3.3.3.3');
    assert.equal(clientAddress(req(), true), '10.0.0.2');
  });
});
