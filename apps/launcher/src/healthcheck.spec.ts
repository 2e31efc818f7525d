import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { SERVICE_PORTS } from '@mcp-gateway/config';
import { resolveTarget, serviceInCommandLine, TIMEOUT_MS } from './healthcheck.js';

/** The built script, run the way Docker's HEALTHCHECK and Compose's healthcheck.test run it. */
const SCRIPT = fileURLToPath(new URL('./healthcheck.js', import.meta.url));

interface Run {
  readonly code: number | null;
  readonly stderr: string;
  readonly ms: number;
}

/** Runs the script with only PATH and `env`, so the caller's HEALTHCHECK_* variables never leak in. */
function runHealthcheck(args: readonly string[], env: Record<string, string> = {}): Promise<Run> {
  const started = Date.now();
  const child = spawn(process.execPath, [SCRIPT, ...args], {
    env: { PATH: process.env['PATH'] ?? '', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve) =>
    child.on('close', (code) => resolve({ code, stderr, ms: Date.now() - started })),
  );
}

/** One line, no stack trace: what `docker inspect` shows an operator. */
function assertOneLineReason(run: Run, pattern: RegExp): void {
  assert.equal(run.code, 1);
  assert.match(run.stderr, /^unhealthy: [^\n]+\n$/);
  assert.match(run.stderr, pattern);
  assert.doesNotMatch(run.stderr, /\n\s+at /);
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );
}

describe('healthcheck script', () => {
  // /health 200, /ready 503 with named checks like the services' readiness, /hang never answers.
  const server = createServer((req, res) => {
    if (req.url === '/hang') return;
    if (req.url === '/ready') {
      res.writeHead(503, { 'content-type': 'application/json' });
      res.end('{"status":"unavailable","checks":{"nats":{"ok":false}}}');
      return;
    }
    res.writeHead(req.url === '/health' ? 200 : 404).end('ok');
  });
  let base = '';
  let port = 0;

  before(async () => {
    port = await listen(server);
    base = `http://127.0.0.1:${port}`;
  });
  after(() => {
    server.closeAllConnections();
    server.close();
  });

  it('exits 0 on 200', async () => {
    const run = await runHealthcheck([`${base}/health`]);
    assert.equal(run.code, 0);
    assert.equal(run.stderr, '');
  });

  it('exits 1 on 503 and says what answered', async () => {
    assertOneLineReason(await runHealthcheck([`${base}/ready`]), /answered 503: .*"nats"/);
  });

  it('exits 1 when nothing listens', async () => {
    const closed = createServer();
    const freePort = await listen(closed);
    await new Promise((resolve) => closed.close(resolve));
    assertOneLineReason(await runHealthcheck([`http://127.0.0.1:${freePort}/health`]), /ECONNREFUSED/);
  });

  it('exits 1 within its timeout when the service hangs', async () => {
    const run = await runHealthcheck([`${base}/hang`]);
    assertOneLineReason(run, new RegExp(`no answer within ${TIMEOUT_MS} ms`));
    assert.ok(run.ms >= TIMEOUT_MS - 100 && run.ms < TIMEOUT_MS + 5000, `took ${run.ms} ms`);
  });

  it('checks HEALTHCHECK_PORT on /health, or on HEALTHCHECK_PATH', async () => {
    assert.equal((await runHealthcheck([], { HEALTHCHECK_PORT: String(port) })).code, 0);
    const ready = await runHealthcheck([], { HEALTHCHECK_PORT: String(port), HEALTHCHECK_PATH: '/ready' });
    assertOneLineReason(ready, /\/ready answered 503/);
  });

  it('uses HEALTHCHECK_URL when no argument is given', async () => {
    assert.equal((await runHealthcheck([], { HEALTHCHECK_URL: `${base}/health` })).code, 0);
  });

  it('refuses a URL that is not http(s)', async () => {
    assertOneLineReason(await runHealthcheck(['ftp://127.0.0.1/health']), /not an http\(s\) URL/);
  });
});

describe('resolveTarget', () => {
  const inContainer = (entry: string) => ['node', entry];

  it('prefers the argument, then HEALTHCHECK_URL', () => {
    const env = { HEALTHCHECK_URL: 'http://127.0.0.1:1/env', HEALTHCHECK_PORT: '2' };
    assert.deepEqual(resolveTarget(['http://127.0.0.1:1/arg'], env, []), { url: 'http://127.0.0.1:1/arg' });
    assert.deepEqual(resolveTarget([], env, []), { url: 'http://127.0.0.1:1/env' });
  });

  it('prefers HEALTHCHECK_PORT over the service found in PID 1', () => {
    const target = resolveTarget(
      [],
      { HEALTHCHECK_PORT: '7000' },
      inContainer('dist/apps/mcp-front/main.js'),
    );
    assert.deepEqual(target, { url: 'http://127.0.0.1:7000/health' });
  });

  it("takes the running service's port variable, else its default port", () => {
    const front = resolveTarget([], { MCP_PORT: '9000' }, inContainer('dist/apps/mcp-front/main.js'));
    assert.deepEqual(front, { url: 'http://127.0.0.1:9000/health' });
    const erpnext = resolveTarget(
      [],
      { MCP_PORT: '9000', HEALTHCHECK_PATH: 'ready' },
      inContainer('dist/apps/connector-erpnext/main.js'),
    );
    const expected = SERVICE_PORTS['connector-erpnext'].port;
    assert.deepEqual(erpnext, { url: `http://127.0.0.1:${expected}/ready` });
  });

  it('names the problem when it cannot tell the service', () => {
    const target = resolveTarget([], { MCP_PORT: '9000' }, ['/sbin/init']);
    assert.ok('problem' in target && target.problem.includes('HEALTHCHECK_PORT'));
  });
});

describe('serviceInCommandLine', () => {
  it('finds the entry point in plain and init-wrapped command lines', () => {
    assert.equal(serviceInCommandLine(['node', 'dist/apps/connector-wave/main.js']), 'connector-wave');
    assert.equal(
      serviceInCommandLine(['/sbin/docker-init', '--', 'node', '/app/dist/apps/auth/main.js']),
      'auth',
    );
  });

  it('knows only gateway services', () => {
    assert.equal(serviceInCommandLine(['node', 'dist/apps/cli/main.js']), undefined);
    assert.equal(serviceInCommandLine(['node', 'other/dist/apps/auth/main.js.bak']), undefined);
    assert.equal(serviceInCommandLine([]), undefined);
  });
});
