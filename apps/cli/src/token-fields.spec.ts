import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseName, parseScopes, parseTokenRef } from './token-fields.js';

describe('parseScopes', () => {
  it('accepts every scope form, trims, drops empties and duplicates', () => {
    assert.deepEqual(parseScopes('*'), ['*']);
    assert.deepEqual(parseScopes('homeassistant:read, erpnext:write,,homeassistant:read'), [
      'homeassistant:read',
      'erpnext:write',
    ]);
    assert.deepEqual(parseScopes('offline_access,truenas:read'), ['offline_access', 'truenas:read']);
  });

  it('names every scope that is wrong and says what a scope looks like', () => {
    assert.throws(() => parseScopes('homeassistant:read,admin,HA:read'), {
      message:
        /^"admin", "HA:read" are not scopes; use \*, offline_access, <connector>:read or <connector>:write/,
    });
    assert.throws(() => parseScopes('homeassistant:delete'), {
      message: /^"homeassistant:delete" is not a scope/,
    });
    assert.throws(() => parseScopes(' , '), { message: /at least one scope/ });
  });
});

describe('parseName', () => {
  it('accepts what the contract accepts', () => {
    assert.equal(parseName('ci-bot'), 'ci-bot');
    assert.equal(parseName('Open WebUI 2.0'), 'Open WebUI 2.0');
    assert.equal(parseName('a'.repeat(64)), 'a'.repeat(64));
  });

  it('refuses the rest plainly', () => {
    for (const bad of ['', ' lead', '-x', 'a'.repeat(65), 'naïve', 'a/b']) {
      assert.throws(() => parseName(bad), { message: /1 to 64 letters, digits/ }, bad);
    }
  });
});

describe('parseTokenRef', () => {
  it('takes 1 to 64 characters', () => {
    assert.equal(parseTokenRef('tok_abc'), 'tok_abc');
    assert.throws(() => parseTokenRef(''), /id or name/);
    assert.throws(() => parseTokenRef('x'.repeat(65)), /id or name/);
  });
});
