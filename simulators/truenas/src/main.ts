#!/usr/bin/env node
import { startTruenasSimulator, type TruenasSimulatorOptions } from './server.js';

/**
 * Standalone: `PORT` (8444), `HOST` (127.0.0.1), `TRUENAS_API_KEY` (required), `TRUENAS_USERNAME`
 * (truenas_admin), `TRUENAS_VERSION` (25.10), `SIM_LATENCY_MS` (0), `SIM_JOB_STEP_MS` (250),
 * `SIM_CLIENTS_REMOTE` (0; 1 makes API-key logins over ws:// revoke the key).
 */
function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

function number(name: string, fallback: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > max)
    fail(`${name} must be an integer from 0 to ${max}, got "${raw}"`);
  return value;
}

function readEnv(): TruenasSimulatorOptions {
  const apiKey = process.env['TRUENAS_API_KEY'];
  if (!apiKey)
    fail('TRUENAS_API_KEY is required: the API key (e.g. 1-abc…) clients must present to the simulator.');
  const version = nonEmpty(process.env['TRUENAS_VERSION']) ?? '25.10';
  if (!/^\d{2}\.\d{2}(\.\d+)?$/.test(version))
    fail(`TRUENAS_VERSION must look like 25.04 or 25.10, got "${version}"`);
  return {
    apiKey,
    version,
    username: nonEmpty(process.env['TRUENAS_USERNAME']) ?? 'truenas_admin',
    port: number('PORT', 8444, 65_535),
    host: nonEmpty(process.env['HOST']) ?? '127.0.0.1',
    latencyMs: number('SIM_LATENCY_MS', 0, 600_000),
    jobStepMs: number('SIM_JOB_STEP_MS', 250, 60_000),
    clientsAreRemote: process.env['SIM_CLIENTS_REMOTE'] === '1',
  };
}

const options = readEnv();
const sim = await startTruenasSimulator(options);
console.log(
  `TrueNAS simulator listening on ${sim.url} (API ${sim.url}/api/current, TrueNAS ${sim.state.version.full})`,
);

let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  sim.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
