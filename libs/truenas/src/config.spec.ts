import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, EnvReader } from '@mcp-gateway/config';
import { readConfig } from './config.js';
import { apiUrl } from './endpoint.js';

const KEY = '1-AbCdEf0123456789';

function read(env: Record<string, string>) {
  const reader = new EnvReader(env);
  const config = readConfig(reader);
  reader.done();
  return config;
}

function problems(env: Record<string, string>): string {
  const reader = new EnvReader(env);
  readConfig(reader);
  try {
    reader.done();
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error.message;
  }
  assert.fail('expected a configuration error');
}

describe('TrueNAS endpoint', () => {
  it('derives the JSON-RPC URL from the address users paste', () => {
    assert.equal(apiUrl(new URL('https://nas.local')).href, 'wss://nas.local/api/current');
    assert.equal(apiUrl(new URL('https://nas.local:8443/')).href, 'wss://nas.local:8443/api/current');
    assert.equal(apiUrl(new URL('wss://nas.local/api/current')).href, 'wss://nas.local/api/current');
    assert.equal(apiUrl(new URL('wss://nas.local/api/v25.04.2')).href, 'wss://nas.local/api/v25.04.2');
    assert.equal(
      apiUrl(new URL('https://proxy.example/truenas/')).href,
      'wss://proxy.example/truenas/api/current',
    );
    assert.equal(apiUrl(new URL('http://127.0.0.1:8444')).href, 'ws://127.0.0.1:8444/api/current');
  });
});

describe('readConfig', () => {
  it('reads an https URL with defaults: verify TLS, no insecure transport, truenas_admin', () => {
    const config = read({ TRUENAS_URL: 'https://nas.local', TRUENAS_API_KEY: KEY });
    assert.equal(config.apiUrl.href, 'wss://nas.local/api/current');
    assert.equal(config.apiKey, KEY);
    assert.equal(config.username, 'truenas_admin');
    assert.equal(config.verifyTls, true);
    assert.equal(config.allowInsecure, false);
    assert.equal(config.timeoutMs, 30_000);
    assert.equal(config.jobWaitMs, 45_000);
  });

  it('takes TRUENAS_VERIFY_TLS=0, a username and timeouts', () => {
    const config = read({
      TRUENAS_URL: 'wss://10.0.0.5',
      TRUENAS_API_KEY: KEY,
      TRUENAS_VERIFY_TLS: '0',
      TRUENAS_USERNAME: 'root',
      TRUENAS_TIMEOUT_MS: '5000',
      TRUENAS_JOB_WAIT_MS: '1000',
    });
    assert.deepEqual(
      [config.verifyTls, config.username, config.timeoutMs, config.jobWaitMs],
      [false, 'root', 5000, 1000],
    );
  });

  it('refuses ws:// and http:// unless TRUENAS_ALLOW_INSECURE=1', () => {
    for (const url of ['ws://nas.local', 'http://nas.local']) {
      const message = problems({ TRUENAS_URL: url, TRUENAS_API_KEY: KEY });
      assert.match(message, /TRUENAS_URL is (ws|http):\/\/: TrueNAS revokes an API key/);
      assert.match(message, /TRUENAS_ALLOW_INSECURE=1/);
    }
    const allowed = read({
      TRUENAS_URL: 'ws://127.0.0.1:8444',
      TRUENAS_API_KEY: KEY,
      TRUENAS_ALLOW_INSECURE: '1',
    });
    assert.equal(allowed.allowInsecure, true);
    assert.equal(allowed.apiUrl.href, 'ws://127.0.0.1:8444/api/current');
  });

  it('names every missing or invalid variable and never echoes the key', () => {
    const missing = problems({});
    assert.match(missing, /TRUENAS_URL is required/);
    assert.match(missing, /TRUENAS_API_KEY is required/);
    const bad = problems({
      TRUENAS_URL: 'ftp://nas',
      TRUENAS_API_KEY: 'not-a-key with spaces',
      TRUENAS_VERIFY_TLS: 'maybe',
    });
    assert.match(bad, /TRUENAS_URL must use/);
    assert.match(bad, /TRUENAS_API_KEY must look like <id>-<key>/);
    assert.match(bad, /TRUENAS_VERIFY_TLS must be 1 or 0/);
    assert.ok(!bad.includes('not-a-key'), 'the key is not echoed');
  });
});
