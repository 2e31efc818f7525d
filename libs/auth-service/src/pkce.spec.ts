import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isPkceString, pkceMatches } from './pkce.js';
import { grantedScopes, parseScopes, scopesCover } from './scopes.js';

describe('PKCE (RFC 7636)', () => {
  // RFC 7636 Appendix B.
  const verifier = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
  const challenge = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

  it('matches the RFC example with S256', () => {
    assert.equal(pkceMatches(verifier, challenge), true);
    assert.equal(pkceMatches(verifier.replace('d', 'e'), challenge), false);
    assert.equal(pkceMatches(undefined, challenge), false);
  });

  it('accepts 43 to 128 unreserved characters only', () => {
    assert.equal(isPkceString('a'.repeat(43)), true);
    assert.equal(isPkceString('A-._~9'.repeat(21)), true);
    assert.equal(isPkceString('a'.repeat(42)), false);
    assert.equal(isPkceString('a'.repeat(129)), false);
    assert.equal(isPkceString(`${'a'.repeat(42)}+`), false);
    assert.equal(isPkceString(`${'a'.repeat(42)}=`), false);
    assert.equal(pkceMatches('short', challenge), false);
  });
});

describe('scopes', () => {
  it('parses space-separated scopes and refuses malformed ones', () => {
    assert.deepEqual(parseScopes(undefined), []);
    assert.deepEqual(parseScopes('  homeassistant:read  offline_access homeassistant:read'), [
      'homeassistant:read',
      'offline_access',
    ]);
    assert.deepEqual(parseScopes('*'), ['*']);
    assert.equal(parseScopes('homeassistant:admin'), undefined);
    assert.equal(parseScopes('openid'), undefined);
    assert.equal(parseScopes('Home:read'), undefined);
  });

  it('grants everything when no tool scope is asked for', () => {
    assert.deepEqual(grantedScopes([], ['*']), ['*']);
    assert.deepEqual(grantedScopes(['offline_access'], ['*']), ['*', 'offline_access']);
    assert.deepEqual(grantedScopes(['wave:read'], ['*']), ['wave:read']);
    assert.deepEqual(grantedScopes([], ['wave:read']), ['wave:read']);
  });

  it('treats * as covering every scope', () => {
    assert.equal(scopesCover(['*'], ['wave:write']), true);
    assert.equal(scopesCover(['wave:read', 'offline_access'], ['wave:read']), true);
    assert.equal(scopesCover(['wave:read'], ['wave:write']), false);
  });
});
