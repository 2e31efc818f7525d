import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, EnvReader } from './env-reader.js';

describe('EnvReader and NAME_FILE secrets', () => {
  const dir = mkdtempSync(join(tmpdir(), 'env-reader-'));
  const file = (name: string, content: string) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };

  it('reads a value from the file NAME_FILE names, trimmed, in preference to NAME', () => {
    const reader = new EnvReader({ TOKEN: 'from-env', TOKEN_FILE: file('token', 's3cret\n') });
    assert.equal(reader.string('TOKEN'), 's3cret');
    reader.done();
  });

  it('treats an empty or blank file like an unset variable, so a required secret is reported missing', () => {
    const reader = new EnvReader({ PASSWORD_FILE: file('empty', '  \n'), OTHER_FILE: file('blank', '') });
    assert.equal(reader.string('OTHER', 'fallback'), 'fallback');
    reader.required('PASSWORD', 'to log in');
    assert.throws(
      () => reader.done(),
      (e: unknown) => e instanceof ConfigError && e.message.includes('PASSWORD is required to log in'),
    );
  });

  it('names the variable and the error code when the file cannot be read, never its content', () => {
    const reader = new EnvReader({ TOKEN_FILE: join(dir, 'missing') });
    assert.equal(reader.string('TOKEN'), undefined);
    assert.throws(
      () => reader.done(),
      (e: unknown) =>
        e instanceof ConfigError && /TOKEN_FILE: cannot read .*missing \(ENOENT\)/.test(e.message),
    );
  });
});
