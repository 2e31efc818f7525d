import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import {
  AuthApiTokenCreate,
  AuthApiTokenList,
  AuthApiTokenRevoke,
  AuthApiTokenVerify,
  AuthKeysGet,
  authQueueGroup,
  type ApiTokenInfo,
  type ReplyEnvelope,
  type RequestOf,
  type Revocation,
} from '@mcp-gateway/contracts';
import { BusClient, BusConnection, BusServer, type Binding } from '@mcp-gateway/bus';
import { ApiTokens, AuthStore } from '@mcp-gateway/auth-service';
import { NATS_URL, REPO_ROOT, freePort, uniquePrefix } from '@mcp-gateway/testing';
import { startReplica } from './test-connector.js';

interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built CLI as an operator would, with only the bus environment. */
function gateway(args: string[], env: Record<string, string>): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(REPO_ROOT, 'dist/apps/cli/main.js'), ...args], {
      cwd: REPO_ROOT,
      env: { PATH: process.env['PATH'] ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const ok = <T>(result: T): ReplyEnvelope<T> => ({ ok: true, result });

describe('gateway CLI against an auth responder on the real NATS server', () => {
  const prefix = uniquePrefix('cli');
  const env = { NATS_URL, GATEWAY_SUBJECT_PREFIX: prefix };
  const revoked: Revocation[] = [];
  let nc: NatsConnection;
  let store: AuthStore;
  let bus: BusConnection;
  let server: BusServer;

  before(async () => {
    nc = await connect({ servers: NATS_URL.split(',') });
    store = await AuthStore.open(nc, { prefix, codeRetentionMs: 60_000 });
    const tokens = new ApiTokens(store, {
      revoke: (revocation) => {
        revoked.push(revocation);
        return Promise.resolve();
      },
    });
    bus = await BusConnection.connect({ servers: NATS_URL.split(','), prefix, name: 'cli-spec-auth' });
    const queue = authQueueGroup(prefix);
    const bindings: Binding[] = [
      AuthApiTokenCreate,
      AuthApiTokenList,
      AuthApiTokenRevoke,
      AuthApiTokenVerify,
      AuthKeysGet,
    ].map((operation) => ({ operation, subject: operation.subject(prefix, {}), queue }));
    server = new BusServer(bus, bindings);
    server.addHandler(AuthApiTokenCreate.name, async (req: RequestOf<typeof AuthApiTokenCreate>) =>
      ok(await tokens.create(req)),
    );
    server.addHandler(AuthApiTokenList.name, async () => ok({ tokens: await tokens.list() }));
    server.addHandler(AuthApiTokenRevoke.name, async (req: RequestOf<typeof AuthApiTokenRevoke>) =>
      ok(await tokens.revoke(req.ref)),
    );
    server.addHandler(AuthApiTokenVerify.name, async (req: RequestOf<typeof AuthApiTokenVerify>) =>
      ok(await tokens.verify(req.tokenHash)),
    );
    server.addHandler(AuthKeysGet.name, () => Promise.resolve(ok({ keys: [], currentKid: 'k1' })));
    await new Promise<void>((resolve, reject) =>
      server.listen((error?: unknown) =>
        error === undefined
          ? resolve()
          : reject(error instanceof Error ? error : new Error('BusServer.listen failed')),
      ),
    );
  });

  after(async () => {
    await server.close();
    await bus.close();
    await store.destroy();
    await nc.close();
  });

  let created: { id: string; name: string; token: string; scopes: string[]; expiresAt: string | null };

  it('token create --json prints one object with a fresh 64-character token, of which only the hash is stored', async () => {
    const run = await gateway(
      [
        'token',
        'create',
        '--name',
        'ci bot',
        '--scopes',
        'testkit:read,homeassistant:write',
        '--expires',
        '90d',
        '--json',
      ],
      env,
    );
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stderr, '');
    created = JSON.parse(run.stdout);
    assert.deepEqual(Object.keys(created), ['id', 'name', 'token', 'scopes', 'expiresAt']);
    assert.match(created.token, /^[A-Za-z0-9_-]{64}$/);
    assert.equal(created.name, 'ci bot');
    assert.deepEqual(created.scopes, ['testkit:read', 'homeassistant:write']);
    const lifetime = Date.parse(created.expiresAt!) - Date.now();
    assert.ok(Math.abs(lifetime - 90 * 86_400_000) < 60_000, `expires in ${lifetime} ms`);

    const hash = createHash('sha256').update(created.token).digest('hex');
    const record = await store.get<{ tokenHash: string }>('main', `apitoken.${created.id}`);
    assert.equal(record?.value.tokenHash, hash);
    for (const key of await store.keys('main', '>')) {
      const entry = await store.get('main', key);
      assert.ok(!JSON.stringify(entry?.value).includes(created.token), `${key} holds the token`);
    }

    // What a front does with a presented token: it verifies.
    const client = new BusClient(bus);
    const verified = await client.request(AuthApiTokenVerify, {}, { tokenHash: hash });
    assert.equal(verified.outcome === 'ok' && verified.token.id, created.id);
  });

  it('token create refuses a taken name (exit 1) and a bad scope (exit 2)', async () => {
    const taken = await gateway(['token', 'create', '--name', 'ci bot'], env);
    assert.equal(taken.code, 1);
    assert.equal(taken.stderr, 'error: A token named "ci bot" already exists.\n');
    const bad = await gateway(['token', 'create', '--name', 'other', '--scopes', 'admin'], env);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /"admin" is not a scope/);
  });

  it('token list shows the token without ever printing it', async () => {
    const human = await gateway(['token', 'create', '--name', 'second'], env);
    assert.equal(human.code, 0, human.stderr);
    const secondToken = human.stdout.split('\n').find((line) => /^[A-Za-z0-9_-]{64}$/.test(line));
    assert.ok(secondToken, human.stdout);

    const table = await gateway(['token', 'list'], env);
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, /^ID\s+NAME\s+SCOPES\s+CREATED\s+LAST USED\s+EXPIRES$/m);
    assert.match(
      table.stdout,
      new RegExp(`^${created.id}\\s+ci bot\\s+testkit:read,homeassistant:write\\s`, 'm'),
    );
    assert.ok(!table.stdout.includes(created.token) && !table.stdout.includes(secondToken));

    const json = await gateway(['token', 'list', '--json'], env);
    assert.equal(json.code, 0, json.stderr);
    const listed = JSON.parse(json.stdout) as ApiTokenInfo[];
    assert.deepEqual(
      listed.map((t) => t.name),
      ['ci bot', 'second'],
    );
    assert.ok(!json.stdout.includes(created.token) && !json.stdout.includes('tokenHash'));
  });

  it('token revoke by name revokes it everywhere; an unknown ref exits 1', async () => {
    const run = await gateway(['token', 'revoke', 'ci bot'], env);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, `revoked ci bot (${created.id})\n`);
    assert.deepEqual(
      revoked.map((r) => [r.kind, r.id]),
      [['api-token', created.id]],
    );
    const client = new BusClient(bus);
    const hash = createHash('sha256').update(created.token).digest('hex');
    assert.deepEqual(await client.request(AuthApiTokenVerify, {}, { tokenHash: hash }), {
      outcome: 'invalid',
      reason: 'unknown token',
    });

    const unknown = await gateway(['token', 'revoke', 'ci bot'], env);
    assert.equal(unknown.code, 1);
    assert.equal(unknown.stdout, '');
    assert.equal(unknown.stderr, 'error: no token with id or name "ci bot"\n');
  });

  it('status reports the bus, auth and each connector with its replicas', async () => {
    const replica = await startReplica(prefix, NATS_URL);
    try {
      const run = await gateway(['status', '--json'], env);
      assert.equal(run.code, 0, run.stderr);
      const report = JSON.parse(run.stdout);
      assert.equal(report.bus.prefix, prefix);
      assert.match(report.bus.server, /:\d+$/);
      assert.deepEqual(report.auth, { reachable: true });
      assert.deepEqual(report.connectors, [
        {
          name: 'testkit',
          replicas: 1,
          healthyReplicas: 1,
          health: 'healthy',
          demo: false,
          toolCount: 2,
          versions: ['1.0.0'],
        },
      ]);
      const human = await gateway(['status'], env);
      assert.equal(human.code, 0, human.stderr);
      assert.match(human.stdout, /^auth\s+reachable$/m);
      assert.match(human.stdout, /^\s+testkit\s+1\s+healthy\s+2$/m);
    } finally {
      await replica.stop();
    }
  });

  it('with nothing answering behind the bus: token commands exit 1, status still reports (exit 0)', async () => {
    const empty = { NATS_URL, GATEWAY_SUBJECT_PREFIX: uniquePrefix('clinobody') };
    const list = await gateway(['token', 'list'], empty);
    assert.equal(list.code, 1);
    assert.equal(list.stderr, 'error: the auth service is not running (no responder on the bus)\n');
    const status = await gateway(['status'], empty);
    assert.equal(status.code, 0, status.stderr);
    assert.match(status.stdout, /^auth\s+not reachable \(no responder on the bus\)$/m);
    assert.match(status.stdout, /^connectors\s+none announced/m);
  });

  it('NATS unreachable: exit 1 at once with a clear message and no stack trace', async () => {
    const url = `nats://127.0.0.1:${await freePort()}`;
    const started = Date.now();
    const run = await gateway(['status'], { NATS_URL: url, GATEWAY_SUBJECT_PREFIX: prefix });
    assert.equal(run.code, 1);
    assert.ok(
      run.stderr.startsWith(`error: cannot reach NATS at ${url}: is the gateway running?`),
      run.stderr,
    );
    assert.doesNotMatch(run.stderr, /\n\s+at /);
    assert.ok(Date.now() - started < 5_000);
  });
});
