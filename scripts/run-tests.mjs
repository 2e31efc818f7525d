#!/usr/bin/env node
// Runs the compiled test files with Node's test runner: unit tests first (fast, in parallel), then the
// integration and end-to-end suites one file at a time, since they start NATS clients and processes.
// `node scripts/run-tests.mjs unit|integration|e2e` runs one group.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

function specs(dir) {
  let out = [];
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of entries) {
    if (name === 'node_modules') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out = out.concat(specs(path));
    else if (name.endsWith('.spec.js')) out.push(relative(root, path));
  }
  return out.sort();
}

const distDirs = ['libs', 'simulators', 'tools'].flatMap((group) =>
  readdirSync(join(root, group), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => join(root, group, d.name, 'dist')),
);
const groups = {
  unit: [...distDirs.flatMap(specs), ...specs(join(root, 'dist/apps'))],
  integration: specs(join(root, 'tests/dist/integration')),
  e2e: specs(join(root, 'tests/dist/e2e')),
};
const wanted = process.argv[2] ? [process.argv[2]] : ['unit', 'integration', 'e2e'];
const nats = wanted.some((g) => g !== 'unit') ? await ensureNats() : undefined;
let failed = false;
for (const group of wanted) {
  const files = groups[group];
  if (!files) {
    console.error(`unknown test group ${group}; use unit, integration or e2e`);
    process.exit(2);
  }
  if (files.length === 0) continue;
  console.log(`\n# ${group}: ${files.length} file(s)`);
  const args = [
    '--test',
    // A file whose tests have finished exits even if a failed test left a connection open, so one
    // failure is reported instead of hanging the run.
    '--test-force-exit',
    '--test-reporter=spec',
    group === 'unit' ? '--test-concurrency=2' : '--test-concurrency=1',
    ...files,
  ];
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env: process.env });
  if (result.status !== 0) failed = true;
}
nats?.stop();
process.exit(failed ? 1 : 0);

/** Integration and end-to-end tests need NATS with JetStream: use the one at NATS_URL or start one. */
async function ensureNats() {
  const url = new URL(
    (process.env.NATS_URL ?? 'nats://127.0.0.1:4222').split(',')[0].replace(/^(?![a-z]+:\/\/)/, 'nats://'),
  );
  const host = url.hostname || '127.0.0.1';
  const port = Number(url.port || 4222);
  if (await reachable(host, port)) return undefined;
  const binary = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/local/sbin']
    .map((dir) => join(dir, 'nats-server'))
    .find((path) => existsSync(path));
  if (!binary) {
    console.error(
      `No NATS server answers at ${host}:${port} and nats-server is not installed (Debian/Ubuntu: apt-get install nats-server).`,
    );
    process.exit(1);
  }
  const store = mkdtempSync(join(tmpdir(), 'gw-test-nats-'));
  const child = spawn(binary, ['-a', host, '-p', String(port), '-js', '-sd', store], { stdio: 'ignore' });
  for (let i = 0; i < 100 && !(await reachable(host, port)); i++)
    await new Promise((r) => setTimeout(r, 100));
  console.log(`# started ${binary} on ${host}:${port} for the tests`);
  return {
    stop: () => {
      child.kill('SIGTERM');
      rmSync(store, { recursive: true, force: true });
    },
  };
}

function reachable(host, port) {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.setTimeout(1000, () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
