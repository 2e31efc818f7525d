import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { guardedLookup, isForbiddenAddress } from './address-guard.js';

describe('isForbiddenAddress', () => {
  for (const address of [
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::',
    '::1',
    '[::1]',
    'fe80::1',
    'fd00::1',
    'fc00::1',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.1',
    'not-an-ip',
  ]) {
    it(`refuses ${address}`, () => assert.equal(isForbiddenAddress(address), true));
  }
  for (const address of [
    '1.1.1.1',
    '160.79.104.10',
    '172.32.0.1',
    '2606:4700:4700::1111',
    '::ffff:8.8.8.8',
  ]) {
    it(`allows ${address}`, () => assert.equal(isForbiddenAddress(address), false));
  }
});

describe('guardedLookup', () => {
  const lookup = (allowPrivate: boolean, all: boolean) =>
    new Promise<{ error: NodeJS.ErrnoException | null; address: unknown }>((resolve) =>
      guardedLookup(allowPrivate)('localhost', { all }, (error, address) => resolve({ error, address })),
    );

  it('refuses a name that resolves to loopback', async () => {
    const { error } = await lookup(false, false);
    assert.equal(error?.code, 'EADDRFORBIDDEN');
    assert.doesNotMatch(error?.message ?? '', /127\.0\.0\.1|::1/);
  });

  it('resolves it when private addresses are allowed, in both callback shapes', async () => {
    const single = await lookup(true, false);
    assert.equal(single.error, null);
    assert.equal(typeof single.address, 'string');
    const all = await lookup(true, true);
    assert.ok(Array.isArray(all.address) && all.address.length > 0);
  });
});
