import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_SCRYPT_COST, PasswordHasher } from './password-hash.js';

describe('PasswordHasher', () => {
  const cheap = new PasswordHasher({ N: 1024, r: 8, p: 1 });

  it('writes a self-describing scrypt string and verifies only the right password', async () => {
    const encoded = await cheap.hash('s3cret pass');
    assert.match(encoded, /^scrypt\$1024\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    assert.equal(await cheap.verify('s3cret pass', encoded), true);
    assert.equal(await cheap.verify('s3cret pas', encoded), false);
    assert.equal(await cheap.verify('', encoded), false);
  });

  it('salts every hash', async () => {
    assert.notEqual(await cheap.hash('same'), await cheap.hash('same'));
  });

  it('verifies with the cost written in the hash, not its own', async () => {
    const encoded = await cheap.hash('pw');
    assert.equal(await new PasswordHasher({ N: 2048, r: 4, p: 2 }).verify('pw', encoded), true);
  });

  it('refuses strings it did not write, including absurd costs', async () => {
    const encoded = await cheap.hash('pw');
    const parts = encoded.split('$');
    for (const bad of [
      '',
      'pw',
      'bcrypt$2b$10$abc',
      encoded.replace('scrypt$', 'script$'),
      [parts[0], String(2 ** 24), ...parts.slice(2)].join('$'),
      [parts[0], '1000', ...parts.slice(2)].join('$'),
      [...parts.slice(0, 5), 'AAAA'].join('$'),
    ]) {
      assert.equal(await cheap.verify('pw', bad), false, bad);
    }
  });

  it('uses OWASP cost (N=2^15, r=8, p=1) by default, within Node memory limits', async () => {
    assert.deepEqual(DEFAULT_SCRYPT_COST, { N: 32768, r: 8, p: 1 });
    const real = new PasswordHasher();
    const encoded = await real.hash('a real password');
    assert.match(encoded, /^scrypt\$32768\$8\$1\$/);
    assert.equal(await real.verify('a real password', encoded), true);
  });
});
