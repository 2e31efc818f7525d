import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  type ApiTokenInfo,
  AuthApiTokenCreate,
  AuthApiTokenList,
  AuthApiTokenRevoke,
  BusError,
} from '@mcp-gateway/contracts';
import { CliError } from './cli-error.js';
import { fakeClient, recorder } from './spec-fakes.js';
import { createToken, listTokens, renderTokenList, revokeToken } from './token-commands.js';

const NOW = new Date('2030-01-01T00:00:00.000Z');
const echoCreate = (payload: unknown) => {
  const req = payload as { name: string; scopes: string[]; expiresAt: string | null };
  return {
    id: 'tok_AbCdEfGhIjKl',
    name: req.name,
    scopes: req.scopes,
    createdAt: NOW.toISOString(),
    lastUsedAt: null,
    expiresAt: req.expiresAt,
  } satisfies ApiTokenInfo;
};

describe('token create', () => {
  it('sends only the sha256 of a fresh 64-character token and prints one JSON object with --json', async () => {
    const { client, calls } = fakeClient({ [AuthApiTokenCreate.name]: echoCreate });
    const out = recorder();
    await createToken(
      client,
      out,
      { name: 'ci', scopes: ['homeassistant:read'], lifetimeMs: 86_400_000, json: true },
      NOW,
    );
    const printed = JSON.parse(out.stdout);
    assert.deepEqual(Object.keys(printed), ['id', 'name', 'token', 'scopes', 'expiresAt']);
    assert.match(printed.token, /^[A-Za-z0-9_-]{64}$/);
    assert.deepEqual(
      { ...printed, token: undefined },
      {
        id: 'tok_AbCdEfGhIjKl',
        name: 'ci',
        token: undefined,
        scopes: ['homeassistant:read'],
        expiresAt: '2030-01-02T00:00:00.000Z',
      },
    );
    assert.equal(calls.length, 1);
    assert.deepEqual(calls[0]!.payload, {
      name: 'ci',
      scopes: ['homeassistant:read'],
      tokenHash: createHash('sha256').update(printed.token).digest('hex'),
      expiresAt: '2030-01-02T00:00:00.000Z',
    });
    assert.ok(!JSON.stringify(calls).includes(printed.token), 'the token never goes on the bus');
    assert.equal(out.stderr, '');
  });

  it('generates a different token every time', async () => {
    const { client } = fakeClient({ [AuthApiTokenCreate.name]: echoCreate });
    const tokens = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const out = recorder();
      await createToken(client, out, { name: 'x', scopes: ['*'], lifetimeMs: null, json: true });
      tokens.add(JSON.parse(out.stdout).token);
    }
    assert.equal(tokens.size, 20);
  });

  it('shows the token on its own line, says it is shown once and how to send it', async () => {
    const { client } = fakeClient({ [AuthApiTokenCreate.name]: echoCreate });
    const out = recorder();
    await createToken(client, out, { name: 'ci', scopes: ['*'], lifetimeMs: null, json: false }, NOW);
    const lines = out.stdout.split('\n');
    const token = lines.find((line) => /^[A-Za-z0-9_-]{64}$/.test(line));
    assert.ok(token, out.stdout);
    assert.match(out.stdout, /shown only this once/);
    assert.ok(lines.includes(`  Authorization: Bearer ${token}`));
    assert.match(out.stdout, /expires: never/);
  });

  it('turns CONFLICT and a missing auth service into one-line errors', async () => {
    const conflict = fakeClient({
      [AuthApiTokenCreate.name]: () => {
        throw new BusError('CONFLICT', 'A token named "ci" already exists.');
      },
    });
    await assert.rejects(
      createToken(conflict.client, recorder(), { name: 'ci', scopes: ['*'], lifetimeMs: null, json: true }),
      (e: unknown) => e instanceof CliError && e.message === 'A token named "ci" already exists.',
    );
    const down = fakeClient({
      [AuthApiTokenCreate.name]: () => {
        throw new BusError(
          'CONNECTOR_UNAVAILABLE',
          'No service is answering auth.api-token.create right now.',
        );
      },
    });
    await assert.rejects(
      createToken(down.client, recorder(), { name: 'ci', scopes: ['*'], lifetimeMs: null, json: true }),
      { message: 'the auth service is not running (no responder on the bus)' },
    );
  });
});

const TOKENS: ApiTokenInfo[] = [
  {
    id: 'tok_AAAAAAAAAAAA',
    name: 'open webui',
    scopes: ['homeassistant:read', 'erpnext:read'],
    createdAt: '2029-12-01T10:00:00.000Z',
    lastUsedAt: '2029-12-31T23:59:00.000Z',
    expiresAt: null,
  },
  {
    id: 'tok_BBBBBBBBBBBB',
    name: 'old',
    scopes: ['*'],
    createdAt: '2029-01-01T00:00:00.000Z',
    lastUsedAt: null,
    expiresAt: '2029-06-01T00:00:00.000Z',
  },
  {
    id: 'tok_CCCCCCCCCCCC',
    name: 'ci',
    scopes: ['*'],
    createdAt: '2029-12-02T00:00:00.000Z',
    lastUsedAt: null,
    expiresAt: '2030-03-01T00:00:00.000Z',
  },
];

describe('token list', () => {
  it('prints a table with never/expired/dates', () => {
    assert.equal(
      renderTokenList(TOKENS, NOW),
      [
        'ID                NAME        SCOPES                           CREATED               LAST USED             EXPIRES',
        'tok_AAAAAAAAAAAA  open webui  homeassistant:read,erpnext:read  2029-12-01 10:00 UTC  2029-12-31 23:59 UTC  never',
        'tok_BBBBBBBBBBBB  old         *                                2029-01-01 00:00 UTC  never                 expired',
        'tok_CCCCCCCCCCCC  ci          *                                2029-12-02 00:00 UTC  never                 2030-03-01 00:00 UTC',
        '',
      ].join('\n'),
    );
    assert.match(renderTokenList([], NOW), /No API tokens/);
  });

  it('prints the array as JSON with --json', async () => {
    const { client } = fakeClient({ [AuthApiTokenList.name]: () => ({ tokens: TOKENS }) });
    const out = recorder();
    await listTokens(client, out, true);
    assert.deepEqual(JSON.parse(out.stdout), TOKENS);
  });
});

describe('token revoke', () => {
  it('says what it revoked', async () => {
    const { client, calls } = fakeClient({
      [AuthApiTokenRevoke.name]: () => ({ id: 'tok_CCCCCCCCCCCC', name: 'ci' }),
    });
    const out = recorder();
    await revokeToken(client, out, 'ci');
    assert.equal(out.stdout, 'revoked ci (tok_CCCCCCCCCCCC)\n');
    assert.deepEqual(calls[0]!.payload, { ref: 'ci' });
  });

  it('says plainly when nothing matches', async () => {
    const { client } = fakeClient({
      [AuthApiTokenRevoke.name]: () => {
        throw new BusError('NOT_FOUND', 'No API token has the id or name "nope".');
      },
    });
    await assert.rejects(revokeToken(client, recorder(), 'nope'), {
      message: 'no token with id or name "nope"',
      exitCode: 1,
    });
  });
});
