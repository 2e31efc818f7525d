import type { IncomingMessage } from 'node:http';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import { BusError, type RequestOperation } from '@mcp-gateway/contracts';
import type { TSchema } from '@sinclair/typebox';
import { AccessTokens } from './access-tokens.js';
import { ApiTokens } from './api-tokens.js';
import { auditedFailures } from './audited-failures.js';
import { Authenticator } from './authenticator.js';
import { insufficientScopeChallenge, scopesToRequest, unauthorizedChallenge } from './challenge.js';
import type { AuthOutcome, RevocationFeed } from './principal.js';
import { StaticTokens, bearerToken, tokenHash } from './static-tokens.js';

const ISSUER = 'https://gw.example.com';
const RESOURCE = `${ISSUER}/mcp`;

class FakeRevocations implements RevocationFeed {
  readonly revoked = new Set<string>();
  private readonly listeners = new Set<(r: { kind: string; id: string }) => void>();
  isRevoked(kind: string, id: string): boolean {
    return this.revoked.has(`${kind}:${id}`);
  }
  onRevoked(listener: (r: { kind: string; id: string }) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  revoke(kind: 'access-token' | 'grant' | 'api-token', id: string): void {
    this.revoked.add(`${kind}:${id}`);
    for (const l of this.listeners) l({ kind, id });
  }
}

async function signer() {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
  const keys = { resolve: createLocalJWKSet({ keys: [jwk] }) };
  const sign = (claims: JWTPayload, header: { kid?: string; typ?: string } = {}, expiresIn = '1h') =>
    new SignJWT({
      iss: ISSUER,
      aud: RESOURCE,
      sub: 'owner',
      jti: 'jti-1',
      client_id: 'c1',
      scope: 'homeassistant:read offline_access',
      sid: 'fam1',
      ...claims,
    })
      .setProtectedHeader({ alg: 'ES256', kid: header.kid ?? 'k1', typ: header.typ ?? 'at+jwt' })
      .setIssuedAt()
      .setExpirationTime(expiresIn)
      .sign(privateKey);
  return { keys, sign };
}

function description(outcome: AuthOutcome): string {
  assert.equal(outcome.ok, false);
  return outcome.ok ? '' : outcome.description;
}

describe('bearer tokens and static tokens', () => {
  it('extracts only well-formed bearer headers', () => {
    assert.equal(bearerToken('Bearer abc.def-_~+/='), 'abc.def-_~+/=');
    assert.equal(bearerToken('bearer   xyz'), 'xyz');
    assert.equal(bearerToken('Basic abc'), undefined);
    assert.equal(bearerToken('Bearer a b'), undefined);
    assert.equal(bearerToken(undefined), undefined);
  });

  it('accepts configured static tokens with scope * and nothing else', () => {
    const tokens = new StaticTokens(['one', 'two']);
    assert.deepEqual(tokens.verify('two'), {
      subject: 'access-token-2',
      scopes: new Set(['*']),
      kind: 'static',
    });
    assert.equal(tokens.verify('three'), undefined);
    assert.equal(new StaticTokens([]).verify('one'), undefined);
  });

  it('hashes tokens as lowercase sha256 hex', () => {
    assert.match(tokenHash('x'), /^[0-9a-f]{64}$/);
  });
});

describe('challenges', () => {
  const url = new URL('https://gw.example.com');
  it('401 names the absolute metadata URL and the scopes', () => {
    const value = unauthorizedChallenge(
      url,
      ['homeassistant:read', 'homeassistant:write'],
      'invalid_token',
      'expired "x"',
    );
    assert.match(
      value,
      /resource_metadata="https:\/\/gw\.example\.com\/\.well-known\/oauth-protected-resource\/mcp"/,
    );
    assert.match(value, /scope="homeassistant:read homeassistant:write"/);
    assert.match(value, /error="invalid_token"/);
    assert.match(value, /error_description="expired x"/);
    assert.doesNotMatch(unauthorizedChallenge(url, []), /error=|scope=/);
  });

  it('403 names every scope needed, keeping those already granted', () => {
    const scopes = scopesToRequest('wave:write', new Set(['homeassistant:read', 'offline_access']));
    assert.deepEqual(scopes, ['wave:write', 'homeassistant:read']);
    const value = insufficientScopeChallenge(url, scopes, 'wave_create_invoice needs wave:write');
    assert.match(value, /error="insufficient_scope", scope="wave:write homeassistant:read"/);
    assert.deepEqual(scopesToRequest('a:read', new Set(['*'])), ['a:read']);
  });
});

describe('AccessTokens', () => {
  it('accepts a token of this issuer for this resource, without offline_access in its scopes', async () => {
    const { keys, sign } = await signer();
    const verifier = new AccessTokens(keys, new FakeRevocations(), { issuer: ISSUER, resource: RESOURCE });
    const outcome = await verifier.verify(await sign({}));
    assert.ok(outcome.ok);
    assert.deepEqual(outcome.principal, {
      subject: 'owner',
      scopes: new Set(['homeassistant:read']),
      clientId: 'c1',
      kind: 'oauth',
    });
  });

  it('tolerates one trailing slash on the audience', async () => {
    const { keys, sign } = await signer();
    const verifier = new AccessTokens(keys, new FakeRevocations(), { issuer: ISSUER, resource: RESOURCE });
    assert.ok((await verifier.verify(await sign({ aud: `${RESOURCE}/` }))).ok);
  });

  it('refuses other audiences, issuers, types, expired, unknown keys and garbage', async () => {
    const { keys, sign } = await signer();
    const verifier = new AccessTokens(keys, new FakeRevocations(), { issuer: ISSUER, resource: RESOURCE });
    assert.match(
      description(await verifier.verify(await sign({ aud: 'https://other.example/mcp' }))),
      /not issued for this resource/,
    );
    assert.match(
      description(await verifier.verify(await sign({ iss: 'https://evil.example' }))),
      /not issued by this gateway/,
    );
    assert.match(
      description(await verifier.verify(await sign({}, { typ: 'JWT' }))),
      /not acceptable|not valid/,
    );
    assert.match(description(await verifier.verify(await sign({}, {}, '-5min'))), /expired/);
    assert.match(description(await verifier.verify(await sign({}, { kid: 'other' }))), /unknown key/);
    assert.match(description(await verifier.verify('a.b.c')), /not valid/);
  });

  it('refuses a revoked token and every token of a revoked grant', async () => {
    const { keys, sign } = await signer();
    const revocations = new FakeRevocations();
    const verifier = new AccessTokens(keys, revocations, { issuer: ISSUER, resource: RESOURCE });
    const token = await sign({});
    revocations.revoke('access-token', 'jti-1');
    assert.match(description(await verifier.verify(token)), /revoked/);
    const other = await sign({ jti: 'jti-2', sid: 'fam2' });
    assert.ok((await verifier.verify(other)).ok);
    revocations.revoke('grant', 'fam2');
    assert.match(description(await verifier.verify(other)), /revoked/);
  });
});

function fakeAuth(answer: (hash: string) => unknown) {
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    request: ((
      _op: RequestOperation<TSchema, TSchema, unknown>,
      _p: unknown,
      payload: { tokenHash: string },
    ) => {
      calls++;
      const result = answer(payload.tokenHash);
      return result instanceof Error ? Promise.reject(result) : Promise.resolve(result);
    }) as never,
  };
}

const INFO = {
  id: 'tok_1',
  name: 'openwebui',
  scopes: ['homeassistant:read'],
  createdAt: '2026-11-24T00:00:00.000Z',
  lastUsedAt: null,
  expiresAt: null,
};

describe('ApiTokens', () => {
  it('asks auth with the hash only, caches the answer, and evicts on revocation', async () => {
    const seen: string[] = [];
    const auth = fakeAuth((hash) => {
      seen.push(hash);
      return { outcome: 'ok', token: INFO } satisfies { outcome: 'ok'; token: typeof INFO };
    });
    const revocations = new FakeRevocations();
    const tokens = new ApiTokens(auth, revocations);
    const first = await tokens.verify('secret-token');
    assert.ok(first.ok);
    assert.equal(first.principal.subject, 'api-token:openwebui');
    assert.deepEqual(seen, [tokenHash('secret-token')]);
    await tokens.verify('secret-token');
    assert.equal(auth.calls, 1, 'the second check is served from the cache');
    revocations.revoke('api-token', 'tok_1');
    assert.match(description(await tokens.verify('secret-token')), /revoked/);
  });

  it('remembers invalid tokens briefly, and reports auth being down as unavailable', async () => {
    const invalid = fakeAuth(() => ({ outcome: 'invalid', reason: 'unknown token' }));
    const tokens = new ApiTokens(invalid, new FakeRevocations());
    assert.match(description(await tokens.verify('nope')), /unknown token/);
    await tokens.verify('nope');
    assert.equal(invalid.calls, 1);

    const down = fakeAuth(() => new BusError('CONNECTOR_UNAVAILABLE', 'no responders'));
    const outcome = await new ApiTokens(down, new FakeRevocations()).verify('x');
    assert.equal(outcome.ok, false);
    assert.equal(!outcome.ok && outcome.reason, 'unavailable');
  });

  it('never caches past the token expiry', async () => {
    const auth = fakeAuth(() => ({
      outcome: 'ok',
      token: { ...INFO, expiresAt: new Date(Date.now() - 1).toISOString() },
    }));
    const tokens = new ApiTokens(auth, new FakeRevocations());
    await tokens.verify('t');
    await tokens.verify('t');
    assert.equal(auth.calls, 2);
  });
});

describe('Authenticator', () => {
  it('tries static tokens, then JWT-shaped tokens as access tokens, then API tokens', async () => {
    const { keys, sign } = await signer();
    const revocations = new FakeRevocations();
    const api = fakeAuth(() => ({ outcome: 'ok', token: INFO }));
    const authenticator = new Authenticator({
      staticTokens: new StaticTokens(['static-one']),
      accessTokens: new AccessTokens(keys, revocations, { issuer: ISSUER, resource: RESOURCE }),
      apiTokens: new ApiTokens(api, revocations),
    });
    const fixed = await authenticator.authenticate('static-one');
    assert.ok(fixed.ok && fixed.principal.kind === 'static');
    const oauth = await authenticator.authenticate(await sign({}));
    assert.ok(oauth.ok && oauth.principal.kind === 'oauth');
    assert.equal(api.calls, 0);
    const apiToken = await authenticator.authenticate('A'.repeat(64));
    assert.ok(apiToken.ok && apiToken.principal.kind === 'api-token');
    assert.equal(apiToken.principal.tokenId, INFO.id);
    assert.equal(apiToken.principal.tokenName, INFO.name);
    assert.equal(api.calls, 1);
  });

  it('tells the failure listener the kind, the reason, a fingerprint and the request, never the token', async () => {
    const refusals: unknown[] = [];
    const authenticator = new Authenticator(
      {
        staticTokens: new StaticTokens([]),
        apiTokens: new ApiTokens(
          fakeAuth(() => ({ outcome: 'invalid', reason: 'unknown' })),
          new FakeRevocations(),
        ),
      },
      (kind, reason, refusal) => refusals.push({ kind, reason, ...refusal }),
    );
    const request = { url: '/mcp' } as IncomingMessage;
    const token = 'B'.repeat(64);
    await authenticator.authenticate(token, request);
    await authenticator.authenticate('a.b.c');
    assert.deepEqual(refusals, [
      {
        kind: 'opaque',
        reason: 'invalid',
        tokenFingerprint: tokenHash(token).slice(0, 8),
        description: 'The API token is not valid (unknown).',
        request,
      },
      {
        kind: 'jwt',
        reason: 'invalid',
        tokenFingerprint: tokenHash('a.b.c').slice(0, 8),
        description: 'OAuth access tokens are not accepted here.',
      },
    ]);
    assert.ok(!JSON.stringify(refusals).includes(token));
  });

  it('without an API-token source refuses opaque tokens', async () => {
    const authenticator = new Authenticator({ staticTokens: new StaticTokens([]) });
    assert.match(description(await authenticator.authenticate('opaque')), /not valid/);
  });
});

describe('auditedFailures', () => {
  it('counts every refusal and records those with a request: surface, address, path, never the token', () => {
    const records: unknown[] = [];
    const counted: string[] = [];
    const listener = auditedFailures({
      audit: { record: (r) => records.push(r) > 0 },
      surface: (path) => (path.startsWith('/tools/') ? 'openapi' : 'openai'),
      remoteAddress: () => '203.0.113.7',
      count: (kind, reason) => counted.push(`${kind}:${reason}`),
    });
    const request = { url: '/tools/homeassistant_get_state?x=1' } as IncomingMessage;
    listener('opaque', 'invalid', {
      tokenFingerprint: '0a1b2c3d',
      description: 'The API token is not valid.',
      request,
    });
    listener('jwt', 'unavailable', { tokenFingerprint: 'ffffffff', description: 'down' });
    assert.deepEqual(counted, ['opaque:invalid', 'jwt:unavailable']);
    assert.equal(records.length, 1);
    const record = records[0] as Record<string, unknown>;
    assert.deepEqual(
      { ...record, id: undefined, at: undefined },
      {
        id: undefined,
        at: undefined,
        kind: 'auth-failure',
        surface: 'openapi',
        reason: 'invalid',
        detail: 'The API token is not valid.',
        tokenKind: 'opaque',
        tokenFingerprint: '0a1b2c3d',
        remoteAddress: '203.0.113.7',
        path: '/tools/homeassistant_get_state',
      },
    );
  });
});
