import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, EnvReader } from '@mcp-gateway/config';
import { DEFAULT_AUDIT_SETTINGS, parseDuration, parseSize, readAuditSettings } from './settings.js';

function read(env: Record<string, string>) {
  const reader = new EnvReader(env);
  const settings = readAuditSettings(reader);
  reader.done();
  return settings;
}

describe('audit settings', () => {
  it('default to 90 days, 1 GiB and one replica', () => {
    assert.deepEqual(read({}), { maxAgeMs: 90 * 86_400_000, maxBytes: 1024 ** 3, replicas: 1 });
    assert.deepEqual(read({}), DEFAULT_AUDIT_SETTINGS);
  });

  it('read AUDIT_MAX_AGE, AUDIT_MAX_BYTES and AUDIT_REPLICAS', () => {
    assert.deepEqual(read({ AUDIT_MAX_AGE: '365d', AUDIT_MAX_BYTES: '10GiB', AUDIT_REPLICAS: '3' }), {
      maxAgeMs: 365 * 86_400_000,
      maxBytes: 10 * 1024 ** 3,
      replicas: 3,
    });
  });

  it('name every variable that is wrong', () => {
    assert.throws(
      () => read({ AUDIT_MAX_AGE: '90 days', AUDIT_MAX_BYTES: '1KiB', AUDIT_REPLICAS: '0' }),
      (error: unknown) =>
        error instanceof ConfigError &&
        error.problems.length === 3 &&
        error.problems.some((p) => p.startsWith('AUDIT_MAX_AGE')) &&
        error.problems.some((p) => p.startsWith('AUDIT_MAX_BYTES')) &&
        error.problems.some((p) => p.startsWith('AUDIT_REPLICAS')),
    );
    assert.throws(() => read({ AUDIT_MAX_AGE: '30s' }), /AUDIT_MAX_AGE/);
  });

  it('parse durations and binary sizes', () => {
    assert.equal(parseDuration('12h'), 12 * 3_600_000);
    assert.equal(parseDuration('30M'), 30 * 60_000);
    assert.equal(parseDuration('1w'), undefined);
    assert.equal(parseSize('1073741824'), 1024 ** 3);
    assert.equal(parseSize('512MiB'), 512 * 1024 ** 2);
    assert.equal(parseSize('2g'), 2 * 1024 ** 3);
    assert.equal(parseSize('1 TiB'), 1024 ** 4);
    assert.equal(parseSize('1GB?'), undefined);
    assert.equal(parseSize('-1'), undefined);
  });
});
