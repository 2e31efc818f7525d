import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '@mcp-gateway/testing';
import { startGateway, type RunningGateway } from './gateway-harness.js';

const run = promisify(execFile);
const runner = join(REPO_ROOT, 'tools/conformance');

/**
 * The official MCP conformance suite (server scenarios) against /mcp with MCP_AUTH=none on loopback.
 * It needs Node 22 (fs.globSync); tools/conformance pins that runtime through npm.
 */
describe('@modelcontextprotocol/conformance server suite', () => {
  let gateway: RunningGateway;
  before(async () => {
    if (!existsSync(join(runner, 'node_modules/.bin/conformance'))) {
      await run('npm', ['ci', '--no-audit', '--no-fund'], { cwd: runner });
    }
    gateway = await startGateway({ auth: 'none' });
  });
  after(async () => {
    await gateway?.stop();
  });

  it('passes every scenario that does not need the fixture server', async () => {
    const bin = join(runner, 'node_modules/.bin');
    const { stdout } = await run(
      join(bin, 'conformance'),
      [
        'server',
        '--url',
        gateway.mcpUrl.replace('127.0.0.1', 'localhost'),
        '--expected-failures',
        join(runner, 'expected-failures.yml'),
      ],
      {
        cwd: runner,
        env: { ...process.env, PATH: `${bin}:${process.env['PATH'] ?? ''}` },
        maxBuffer: 32 * 1024 * 1024,
        timeout: 300_000,
      },
    ).catch((error: { stdout?: string; stderr?: string }) => {
      throw new Error(
        `conformance failed:\n${(error.stdout ?? '').split('=== SUMMARY ===')[1] ?? error.stdout}\n${error.stderr ?? ''}`,
      );
    });
    assert.match(stdout, /Baseline check passed/);
    for (const scenario of [
      'server-initialize',
      'ping',
      'logging-set-level',
      'completion-complete',
      'tools-list',
      'resources-list',
      'prompts-list',
      'dns-rebinding-protection',
    ]) {
      assert.match(stdout, new RegExp(`✓ ${scenario}: [1-9]\\d* passed, 0 failed`), scenario);
    }
  });
});
