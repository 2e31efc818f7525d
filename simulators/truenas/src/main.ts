#!/usr/bin/env node
import { EnvReader, runServiceMain } from '@mcp-gateway/config';
import { startTruenasSimulator } from './server.js';

/**
 * Standalone: `PORT` (8444), `HOST` (127.0.0.1), `TRUENAS_API_KEY` (required), `TRUENAS_USERNAME`
 * (truenas_admin), `TRUENAS_VERSION` (25.10), `SIM_LATENCY_MS` (0), `SIM_JOB_STEP_MS` (250),
 * `SIM_CLIENTS_REMOTE` (0; 1 makes API-key logins over ws:// revoke the key).
 */
await runServiceMain('TrueNAS simulator', async () => {
  const env = new EnvReader(process.env);
  const version = env.string('TRUENAS_VERSION', '25.10');
  env.check(
    /^\d{2}\.\d{2}(\.\d+)?$/.test(version),
    `TRUENAS_VERSION must look like 25.04 or 25.10, got "${version}"`,
  );
  const options = {
    apiKey: env.required(
      'TRUENAS_API_KEY',
      '(the API key, e.g. 1-abc…, clients must present to the simulator)',
    ),
    version,
    username: env.string('TRUENAS_USERNAME', 'truenas_admin'),
    port: env.port('PORT', 8444),
    host: env.string('HOST', '127.0.0.1'),
    latencyMs: env.int('SIM_LATENCY_MS', 0, { min: 0, max: 600_000 }),
    jobStepMs: env.int('SIM_JOB_STEP_MS', 250, { min: 0, max: 60_000 }),
    clientsAreRemote: env.flag('SIM_CLIENTS_REMOTE') ?? false,
  };
  env.done();
  const sim = await startTruenasSimulator(options);
  console.log(
    `TrueNAS simulator listening on ${sim.url} (API ${sim.url}/api/current, TrueNAS ${sim.state.version.full})`,
  );
  return { stop: () => sim.close() };
});
