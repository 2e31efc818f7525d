import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { SERVICES } from './paths.js';

/**
 * `npm run service -- <app>`: one more instance of a service with the current environment — how
 * connector replicas are added on one machine. A second replica takes a free metrics port unless
 * METRICS_PORT says otherwise.
 */
const name = process.argv[2] ?? '';
const entry = (SERVICES as Readonly<Record<string, string>>)[name];
if (!entry) {
  process.stderr.write(`usage: npm run service -- <${Object.keys(SERVICES).join('|')}>\n`);
  process.exit(2);
}
if (!existsSync(entry)) {
  process.stderr.write(`${name} is not built (${entry} is missing): run npm run build\n`);
  process.exit(1);
}
const env = { ...process.env };
if (name.startsWith('connector-') && env['METRICS_PORT'] === undefined) env['METRICS_PORT'] = '0';
const child = spawn(process.execPath, [entry, ...process.argv.slice(3)], { stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
