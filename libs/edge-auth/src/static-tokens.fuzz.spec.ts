import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { validateHeaderValue } from 'node:http';
import fc from 'fast-check';
import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT } from 'jose';
import { AccessTokens } from './access-tokens.js';
import { insufficientScopeChallenge, unauthorizedChallenge } from './challenge.js';
import { bearerToken } from './static-tokens.js';

const RUNS = { numRuns: 2000 };

// Local rather than from libs/testing: other libraries import edge-auth, and a library may not depend on
// a testing library even through another one's specs (@nx/enforce-module-boundaries).
const TRICKS = [
  '\u202e',
  '\u200b',
  '\ufeff',
  '\u0430',
  '\ud800',
  '\u0000',
  '\r\n',
  '\t',
  '"',
  '\\',
  '\u00ff',
  '\u{1f4a3}',
];
const hostileString = (maxLength: number) =>
  fc.oneof(
    fc.string({ maxLength }),
    fc.string({ unit: 'binary', maxLength }),
    fc
      .array(
        fc.oneof(
          fc.string({ maxLength: 4 }),
          fc.constantFrom(...TRICKS),
          fc.constantFrom('Bearer', 'Basic', ' ', '='),
        ),
        { maxLength: 12 },
      )
      .map((parts) => parts.join('')),
  );

function elapsedMs(fn: () => unknown): number {
  const started = performance.now();
  fn();
  return performance.now() - started;
}
const TOKEN68 = /^[A-Za-z0-9\-._~+/]+=*$/;
const token68 = fc
  .tuple(fc.stringMatching(/^[A-Za-z0-9\-._~+/]{1,80}$/), fc.nat(3))
  .map(([body, pad]) => body + '='.repeat(pad));

describe('bearerToken under arbitrary Authorization headers', () => {
  it('returns a token68 or nothing for any header, in linear time', () => {
    fc.assert(
      fc.property(
        fc.option(
          fc.oneof(
            hostileString(300),
            token68.map((t) => `Bearer ${t}`),
          ),
          { nil: undefined },
        ),
        (header) => {
          let token: string | undefined;
          const ms = elapsedMs(() => (token = bearerToken(header)));
          assert.ok(ms < 50, `${ms} ms`);
          if (token !== undefined) {
            assert.match(token, TOKEN68);
            assert.ok(header?.includes(token));
          }
        },
      ),
      RUNS,
    );
  });

  it('extracts exactly the token of a well-formed header, whatever the case of the scheme and the spaces', () => {
    fc.assert(
      fc.property(
        token68,
        fc.constantFrom('Bearer', 'bearer', 'BEARER'),
        fc.integer({ min: 1, max: 3 }),
        fc.nat(3),
        (token, scheme, before, after) => {
          assert.equal(bearerToken(`${scheme}${' '.repeat(before)}${token}${' '.repeat(after)}`), token);
        },
      ),
      RUNS,
    );
  });

  it('stays fast on near-miss headers of a megabyte', () => {
    for (const header of [
      `Bearer ${'a'.repeat(1_000_000)}!`,
      `Bearer ${'='.repeat(1_000_000)}a`,
      `Bearer a${'='.repeat(1_000_000)} x`,
      `Bearer${' '.repeat(1_000_000)}`,
    ]) {
      assert.ok(elapsedMs(() => assert.equal(bearerToken(header), undefined)) < 200);
    }
  });
});

describe('regressions found by the hostile corpus', () => {
  it('challenges are valid header values whatever their description says (RFC 6750 §3)', () => {
    fc.assert(
      fc.property(
        hostileString(200),
        fc.array(fc.stringMatching(/^[a-z]{1,8}:(read|write)$/)),
        (description, scopes) => {
          const url = new URL('https://gw.example.com');
          assert.doesNotThrow(() =>
            validateHeaderValue(
              'www-authenticate',
              unauthorizedChallenge(url, scopes, 'invalid_token', description),
            ),
          );
          assert.doesNotThrow(() =>
            validateHeaderValue('www-authenticate', insufficientScopeChallenge(url, scopes, description)),
          );
        },
      ),
      RUNS,
    );
  });

  it('refuses a correctly signed access token whose sub, jti or sid is not a string (it was an HTTP 500)', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
    const verifier = new AccessTokens(
      { resolve: createLocalJWKSet({ keys: [jwk] }) },
      { isRevoked: () => false, onRevoked: () => () => undefined },
      { issuer: 'https://gw.example.com', resource: 'https://gw.example.com/mcp' },
    );
    const sign = (claims: Record<string, unknown>) =>
      new SignJWT({ sub: 'owner', jti: 'j', client_id: 'c', scope: '*', ...claims })
        .setProtectedHeader({ alg: 'ES256', kid: 'k1', typ: 'at+jwt' })
        .setIssuer('https://gw.example.com')
        .setAudience('https://gw.example.com/mcp')
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(privateKey);
    assert.equal((await verifier.verify(await sign({}))).ok, true);
    for (const claims of [{ sub: { toString: null } }, { jti: 42 }, { sid: ['x'] }, { sub: '' }]) {
      const outcome = await verifier.verify(await sign(claims));
      assert.equal(outcome.ok, false, JSON.stringify(claims));
    }
  });
});
