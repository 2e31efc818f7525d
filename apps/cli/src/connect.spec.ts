import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type AddressInfo } from 'node:net';
import { CliError } from './cli-error.js';
import { connectBus, withoutCredentials } from './connect.js';

describe('connectBus', () => {
  it('fails at once with a clear message when nothing answers, hiding credentials', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    const started = Date.now();
    await assert.rejects(
      connectBus({ NATS_URL: `nats://admin:s3cret@127.0.0.1:${port}` }),
      (e: unknown) =>
        e instanceof CliError &&
        e.exitCode === 1 &&
        e.message.startsWith(`cannot reach NATS at nats://***@127.0.0.1:${port}: is the gateway running?`) &&
        !e.message.includes('s3cret'),
    );
    assert.ok(Date.now() - started < 2_000);
  });

  it('refuses an invalid environment by naming the variable', async () => {
    await assert.rejects(connectBus({ GATEWAY_SUBJECT_PREFIX: 'a..b' }), /GATEWAY_SUBJECT_PREFIX/);
  });
});

describe('withoutCredentials', () => {
  it('hides user and password but keeps the address', () => {
    assert.equal(withoutCredentials('nats://u:p@host:4222'), 'nats://***@host:4222');
    assert.equal(withoutCredentials('tls://token@host'), 'tls://***@host');
    assert.equal(withoutCredentials('nats://host:4222'), 'nats://host:4222');
    assert.equal(withoutCredentials('host:4222'), 'host:4222');
  });
});
