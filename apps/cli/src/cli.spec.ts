import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AuthApiTokenCreate,
  AuthApiTokenList,
  AuthApiTokenRevoke,
  AuthKeysGet,
  BusError,
} from '@mcp-gateway/contracts';
import { runCli } from './cli.js';
import { CliError } from './cli-error.js';
import type { CliBus } from './connect.js';
import { fakeAuditFeed, fakeClient, recorder } from './spec-fakes.js';

/** Runs the CLI against a fake bus; reports whether it connected and whether it closed again. */
async function run(args: string[], answers: Parameters<typeof fakeClient>[0] = {}) {
  const output = recorder();
  const { client, calls } = fakeClient(answers);
  const bus = { connects: 0, closes: 0 };
  const code = await runCli(args, {
    output,
    statusWindowMs: 10,
    connect: () => {
      bus.connects++;
      const connected: CliBus = {
        client,
        server: '127.0.0.1:4222',
        prefix: 'gw',
        audit: fakeAuditFeed([]),
        close: () => {
          bus.closes++;
          return Promise.resolve();
        },
      };
      return Promise.resolve(connected);
    },
  });
  return { code, ...output, calls, bus };
}

const created = (payload: unknown) => ({
  id: 'tok_AbCdEfGhIjKl',
  name: (payload as { name: string }).name,
  scopes: (payload as { scopes: string[] }).scopes,
  createdAt: '2030-01-01T00:00:00.000Z',
  lastUsedAt: null,
  expiresAt: (payload as { expiresAt: string | null }).expiresAt,
});

describe('gateway (argument parsing and exit codes)', () => {
  it('token create --json: stdout is exactly one JSON object; the bus is closed afterwards', async () => {
    const r = await run(
      ['token', 'create', '--name', 'ci', '--scopes', 'homeassistant:read,wave:write', '--json'],
      {
        [AuthApiTokenCreate.name]: created,
      },
    );
    assert.equal(r.code, 0, r.stderr);
    const printed = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(printed), ['id', 'name', 'token', 'scopes', 'expiresAt']);
    assert.deepEqual(printed.scopes, ['homeassistant:read', 'wave:write']);
    assert.equal(printed.expiresAt, null);
    assert.deepEqual(r.bus, { connects: 1, closes: 1 });
  });

  it('token create defaults to scope * and reads --expires', async () => {
    const r = await run(['token', 'create', '--name', 'ci', '--expires', '12h'], {
      [AuthApiTokenCreate.name]: created,
    });
    assert.equal(r.code, 0, r.stderr);
    const payload = r.calls[0]!.payload as { scopes: string[]; expiresAt: string };
    assert.deepEqual(payload.scopes, ['*']);
    const lifetime = Date.parse(payload.expiresAt) - Date.now();
    assert.ok(lifetime > 12 * 3_600_000 - 60_000 && lifetime <= 12 * 3_600_000, String(lifetime));
  });

  it('usage errors exit 2 before touching the bus', async () => {
    for (const args of [
      ['token', 'create', '--name', 'ci', '--scopes', 'admin'],
      ['token', 'create', '--name', 'ci', '--expires', '5x'],
      ['token', 'create', '--name', '/etc'],
      ['token', 'create'],
      ['token', 'revoke'],
      ['token', 'frobnicate'],
      ['status', '--verbose'],
      ['nonsense'],
      [],
    ]) {
      const r = await run(args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.notEqual(r.stderr, '', args.join(' '));
      assert.equal(r.bus.connects, 0, args.join(' '));
    }
    const scopes = await run(['token', 'create', '--name', 'ci', '--scopes', 'admin']);
    assert.match(scopes.stderr, /"admin" is not a scope/);
  });

  it('--help exits 0', async () => {
    const r = await run(['token', 'create', '--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /--expires <duration>/);
  });

  it('revoke of an unknown token exits 1 with a plain message', async () => {
    const r = await run(['token', 'revoke', 'nope'], {
      [AuthApiTokenRevoke.name]: () => {
        throw new BusError('NOT_FOUND', 'No API token has the id or name "nope".');
      },
    });
    assert.equal(r.code, 1);
    assert.equal(r.stderr, 'error: no token with id or name "nope"\n');
    assert.equal(r.bus.closes, 1);
  });

  it('auth not running exits 1 and says so, without a stack trace', async () => {
    const r = await run(['token', 'list'], {
      [AuthApiTokenList.name]: () => {
        throw new BusError('CONNECTOR_UNAVAILABLE', 'No service is answering auth.api-token.list right now.');
      },
    });
    assert.equal(r.code, 1);
    assert.equal(r.stderr, 'error: the auth service is not running (no responder on the bus)\n');
  });

  it('status exits 0 even when everything behind the bus is down', async () => {
    const r = await run(['status', '--json'], {
      [AuthKeysGet.name]: () => {
        throw new BusError('CONNECTOR_UNAVAILABLE', 'No service is answering auth.keys.get right now.');
      },
    });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).auth.reachable, false);
  });

  it('NATS unreachable exits 1 with the connection message', async () => {
    const output = recorder();
    const code = await runCli(['status'], {
      output,
      connect: () =>
        Promise.reject(new CliError('cannot reach NATS at nats://127.0.0.1:1: is the gateway running?')),
    });
    assert.equal(code, 1);
    assert.equal(output.stderr, 'error: cannot reach NATS at nats://127.0.0.1:1: is the gateway running?\n');
    assert.equal(output.stdout, '');
  });

  it('an unexpected failure is one line, not a stack trace', async () => {
    const r = await run(['token', 'list'], {
      [AuthApiTokenList.name]: () => {
        throw new Error('boom');
      },
    });
    assert.equal(r.code, 1);
    assert.equal(r.stderr, 'error: unexpected failure: boom\n');
  });
});
