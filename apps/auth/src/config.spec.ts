import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@mcp-gateway/config';
import { readAuthConfig } from './config.js';

describe('auth configuration', () => {
  it('has working defaults', () => {
    const config = readAuthConfig({});
    assert.equal(config.service.metricsPort, 9470);
    assert.equal(config.identity.issuer, 'http://localhost:8080');
    assert.equal(config.identity.resource, 'http://localhost:8080/mcp');
    assert.equal(config.adminPassword, undefined);
    assert.equal(config.accessTokenTtlSeconds, 3600);
    assert.equal(config.refreshTokenTtlSeconds, 2_592_000);
    assert.equal(config.codeTtlSeconds, 60);
    assert.equal(config.keyRotationDays, 30);
    assert.equal(config.cimdAllowPrivate, false);
    assert.equal(config.kvReplicas, 1);
    assert.equal(config.bus.prefix, 'gw');
  });

  it('defaults the issuer to mcp-front at MCP_PORT, as mcp-front does', () => {
    assert.equal(readAuthConfig({ MCP_PORT: '18090' }).identity.issuer, 'http://localhost:18090');
  });

  it('reads every variable', () => {
    const config = readAuthConfig({
      PUBLIC_URL: 'https://gw.example.com/',
      GATEWAY_ADMIN_PASSWORD: 'hunter2 hunter2',
      OAUTH_ACCESS_TOKEN_TTL: '86400',
      OAUTH_REFRESH_TOKEN_TTL: '604800',
      OAUTH_CODE_TTL: '120',
      OAUTH_KEY_ROTATION_DAYS: '7',
      OAUTH_CIMD_ALLOW_PRIVATE: '1',
      AUTH_KV_REPLICAS: '3',
      METRICS_PORT: '0',
    });
    assert.equal(config.identity.issuer, 'https://gw.example.com');
    assert.equal(config.adminPassword, 'hunter2 hunter2');
    assert.equal(config.accessTokenTtlSeconds, 86_400);
    assert.equal(config.refreshTokenTtlSeconds, 604_800);
    assert.equal(config.codeTtlSeconds, 120);
    assert.equal(config.keyRotationDays, 7);
    assert.equal(config.cimdAllowPrivate, true);
    assert.equal(config.kvReplicas, 3);
    assert.equal(config.service.metricsPort, 0);
  });

  it('reads the admin password from GATEWAY_ADMIN_PASSWORD_FILE', () => {
    const dir = mkdtempSync(join(tmpdir(), 'auth-config-'));
    try {
      const file = join(dir, 'password');
      writeFileSync(file, 'from a secret file\n');
      assert.equal(readAuthConfig({ GATEWAY_ADMIN_PASSWORD_FILE: file }).adminPassword, 'from a secret file');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names every bad variable at once, without echoing the password', () => {
    assert.throws(
      () =>
        readAuthConfig({
          OAUTH_ACCESS_TOKEN_TTL: '30',
          OAUTH_CODE_TTL: '601',
          OAUTH_KEY_ROTATION_DAYS: 'monthly',
          OAUTH_CIMD_ALLOW_PRIVATE: 'maybe',
          AUTH_KV_REPLICAS: '7',
          PUBLIC_URL: 'https://gw.example.com/?x=1',
          GATEWAY_ADMIN_PASSWORD_FILE: '/nonexistent/secret',
        }),
      (e: unknown) =>
        e instanceof ConfigError &&
        [
          'OAUTH_ACCESS_TOKEN_TTL',
          'OAUTH_CODE_TTL',
          'OAUTH_KEY_ROTATION_DAYS',
          'OAUTH_CIMD_ALLOW_PRIVATE',
          'AUTH_KV_REPLICAS',
          'PUBLIC_URL',
          'GATEWAY_ADMIN_PASSWORD_FILE',
        ].every((name) => e.message.includes(name)),
    );
  });

  it('wants refresh tokens to outlive access tokens', () => {
    assert.throws(
      () => readAuthConfig({ OAUTH_ACCESS_TOKEN_TTL: '7200', OAUTH_REFRESH_TOKEN_TTL: '3600' }),
      /OAUTH_REFRESH_TOKEN_TTL must be longer/,
    );
  });
});
