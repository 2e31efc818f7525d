import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { OwnerPassword } from './owner-password.js';
import { CHEAP_HASHER, openSpecStore, type SpecStore } from './spec-harness.js';

describe('OwnerPassword (real NATS KV)', () => {
  let spec: SpecStore;
  before(async () => {
    spec = await openSpecStore('owner');
  });
  after(() => spec.close());

  const owner = (lines: string[]) => new OwnerPassword(spec.store, CHEAP_HASHER, (line) => lines.push(line));

  it('generates a password once, prints it once and stores only its hash', async () => {
    const lines: string[] = [];
    const replicas = [owner(lines), owner(lines), owner(lines)];
    const setups = await Promise.all(replicas.map((r) => r.initialise(undefined)));
    assert.deepEqual(
      setups.filter((s) => s === 'generated'),
      ['generated'],
    );
    assert.equal(lines.length, 1);
    const match =
      /^Admin password for the OAuth consent page \(shown once, stored only as a hash\): (\S{24})\n$/.exec(
        lines[0] ?? '',
      );
    assert.ok(match?.[1], lines[0]);
    const password = match[1];
    const stored = await spec.store.get<{ hash: string }>('main', 'owner.password');
    assert.match(stored?.value.hash ?? '', /^scrypt\$/);
    assert.ok(!JSON.stringify(stored).includes(password));
    assert.equal(await replicas[1]?.verify(password), true);
    assert.equal(await replicas[2]?.verify('nope'), false);

    assert.equal(await owner(lines).initialise(undefined), 'kept');
    assert.equal(lines.length, 1, 'not printed again');
    assert.equal(await owner(lines).verify(password), true);
  });

  it('replaces the stored hash when the environment names another password, and keeps a matching one', async () => {
    const lines: string[] = [];
    assert.equal(await owner(lines).initialise('from the environment'), 'set-from-environment');
    const first = await spec.store.get<{ hash: string }>('main', 'owner.password');
    assert.equal(await owner(lines).initialise('from the environment'), 'kept');
    const second = await spec.store.get<{ hash: string }>('main', 'owner.password');
    assert.equal(second?.revision, first?.revision, 'an unchanged password is not rewritten');
    assert.equal(await owner(lines).verify('from the environment'), true);
    assert.equal(await owner(lines).initialise('changed'), 'set-from-environment');
    assert.equal(await owner(lines).verify('from the environment'), false);
    assert.equal(await owner(lines).verify('changed'), true);
    assert.equal(await owner(lines).verify(''), false);
    assert.deepEqual(lines, []);
  });
});
