#!/usr/bin/env node
// Runs the compiled test files with Node's test runner: unit tests first (fast, in parallel), then the
// integration and end-to-end suites one file at a time, since they start NATS clients and processes.
// `node scripts/run-tests.mjs unit|integration|e2e` runs one group.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

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

const distDirs = ['libs', 'simulators', 'tools']
  .flatMap((group) => readdirSync(join(root, group), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => join(root, group, d.name, 'dist')));
const groups = {
  unit: [...distDirs.flatMap(specs), ...specs(join(root, 'dist/apps'))],
  integration: specs(join(root, 'tests/dist/integration')),
  e2e: specs(join(root, 'tests/dist/e2e')),
};
const wanted = process.argv[2] ? [process.argv[2]] : ['unit', 'integration', 'e2e'];
let failed = false;
for (const group of wanted) {
  const files = groups[group];
  if (!files) {
    console.error(`unknown test group ${group}; use unit, integration or e2e`);
    process.exit(2);
  }
  if (files.length === 0) continue;
  console.log(`\n# ${group}: ${files.length} file(s)`);
  const args = ['--test', '--test-reporter=spec', group === 'unit' ? '--test-concurrency=2' : '--test-concurrency=1', ...files];
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env: process.env });
  if (result.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
