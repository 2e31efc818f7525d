import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT, freePort, waitFor } from '@mcp-gateway/testing';
import { startGateway, type RunningGateway } from './gateway-harness.js';
import { consent } from './oauth-helpers.js';

const run = promisify(execFile);
const runner = join(REPO_ROOT, 'tools/conformance');
const entry = join(runner, 'node_modules/conformance-next/dist/index.js');
const node22 = join(runner, 'node_modules/node/bin/node');

/**
 * `@modelcontextprotocol/conformance authorization` (0.2.0-alpha; tools/conformance/AUTHORIZATION.md)
 * against the gateway's issuer: the metadata scenario, and the authorisation-code grant with PKCE. The
 * suite prints the authorisation URL and waits for its callback; this test is the browser, through the
 * real consent page (CSRF cookie, password).
 */
describe('@modelcontextprotocol/conformance authorization', () => {
  let gateway: RunningGateway;
  let results: string;
  before(async () => {
    if (!existsSync(entry) || !existsSync(node22)) {
      await run('npm', ['ci', '--no-audit', '--no-fund'], { cwd: runner });
    }
    gateway = await startGateway();
    results = mkdtempSync(join(tmpdir(), 'conformance-auth-'));
  });
  after(async () => {
    await gateway?.stop();
    rmSync(results, { recursive: true, force: true });
  });

  it('passes the metadata and authorization-code-grant scenarios', async () => {
    const issuer = gateway.env['PUBLIC_URL']!;
    const port = await freePort();
    const registered = await fetch(`${issuer}/oauth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        client_name: 'MCP conformance',
        redirect_uris: [`http://127.0.0.1:${port}/callback`],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: 'none',
        scope: 'homeassistant:read',
      }),
    });
    assert.equal(registered.status, 201);
    const { client_id: clientId } = (await registered.json()) as { client_id: string };

    const child = spawn(
      node22,
      [
        entry,
        'authorization',
        '--url',
        issuer,
        '--client-id',
        clientId,
        '--resource',
        `${issuer}/mcp`,
        '-p',
        String(port),
        '-o',
        results,
      ],
      { cwd: runner, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      await waitFor(
        () => stdout.includes('Callback server started'),
        60_000,
        'the suite to wait for its callback',
      );
      const url = stdout.split(/\s+/).find((word) => word.startsWith(`${issuer}/oauth/authorize?`));
      assert.ok(url, `the suite printed an authorisation URL:\n${stdout}`);
      const decided = await consent(url, { password: gateway.adminPassword });
      assert.equal(decided.status, 303);
      await fetch(decided.location!);
      const code = await exited;
      assert.equal(code, 0, `conformance exited ${code}:\n${stdout}\n${stderr}\n${failureReasons(results)}`);
    } finally {
      child.kill();
    }
    assert.match(stdout, /✓ authorization-server-metadata-endpoint: [1-9]\d* passed, 0 failed/);
    assert.match(stdout, /✓ authorization-code-grant: [1-9]\d* passed, 0 failed/);
  });
});

/** The suite writes why a check failed only to its results directory. */
function failureReasons(dir: string): string {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    try {
      const checks = JSON.parse(readFileSync(join(dir, name, 'checks.json'), 'utf8')) as {
        status: string;
        name: string;
        errorMessage?: string;
      }[];
      for (const c of checks)
        if (c.status === 'FAILURE') out.push(`${name}: ${c.name}: ${c.errorMessage ?? ''}`);
    } catch {
      // not a scenario directory
    }
  }
  return out.join('\n');
}
