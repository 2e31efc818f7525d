import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError } from '@mcp-gateway/config';
import { readMcpFrontConfig } from './config.js';

describe('mcp-front configuration', () => {
  it('refuses MCP_AUTH=none unless bound to loopback', () => {
    assert.throws(
      () => readMcpFrontConfig({ MCP_AUTH: 'none', BIND_HOST: '0.0.0.0' }),
      (e: unknown) => e instanceof ConfigError && e.message.includes('MCP_AUTH=none is only allowed'),
    );
    assert.equal(readMcpFrontConfig({ MCP_AUTH: 'none', BIND_HOST: '127.0.0.1' }).auth, 'none');
    assert.equal(readMcpFrontConfig({ MCP_AUTH: 'none', BIND_HOST: '::1' }).auth, 'none');
  });

  it('names every bad variable at once', () => {
    assert.throws(
      () =>
        readMcpFrontConfig({
          MCP_PORT: 'eighty',
          MCP_AUTH: 'maybe',
          PUBLIC_URL: 'not a url',
          GATEWAY_SUBJECT_PREFIX: 'gw.*',
        }),
      (e: unknown) =>
        e instanceof ConfigError &&
        ['MCP_PORT', 'MCP_AUTH', 'PUBLIC_URL', 'GATEWAY_SUBJECT_PREFIX'].every((name) =>
          e.message.includes(name),
        ),
    );
  });

  it('reads secrets from NAME_FILE and defaults the public URL to the port', () => {
    const config = readMcpFrontConfig({ MCP_PORT: '9999', ACCESS_TOKENS: 'a, b' });
    assert.deepEqual(config.accessTokens, ['a', 'b']);
    assert.equal(config.publicUrl.href, 'http://localhost:9999/');
    assert.throws(
      () => readMcpFrontConfig({ ACCESS_TOKENS_FILE: '/nonexistent/tokens' }),
      /ACCESS_TOKENS_FILE: cannot read/,
    );
  });

  it('derives the issuer and resource from PUBLIC_URL, and reads the proxy and cache settings', () => {
    const config = readMcpFrontConfig({
      PUBLIC_URL: 'https://gw.example.com/',
      TRUST_PROXY: '1',
      API_TOKEN_CACHE_MS: '5000',
    });
    assert.equal(config.identity.issuer, 'https://gw.example.com');
    assert.equal(config.identity.resource, 'https://gw.example.com/mcp');
    assert.equal(config.trustProxy, true);
    assert.equal(config.apiTokenCacheMs, 5000);
    assert.equal(readMcpFrontConfig({}).trustProxy, false);
    assert.throws(
      () => readMcpFrontConfig({ PUBLIC_URL: 'https://gw.example.com/?a=1' }),
      /PUBLIC_URL must be a plain origin/,
    );
  });
});
