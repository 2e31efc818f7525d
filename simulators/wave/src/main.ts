#!/usr/bin/env node
import { EnvReader, runServiceMain } from '@mcp-gateway/config';
import { startWaveSimulator } from './server.js';

/** Standalone: `PORT` (8090), `HOST` (127.0.0.1), `WAVE_TOKEN` (required), `SIM_LATENCY_MS`. */
await runServiceMain('Wave simulator', async () => {
  const env = new EnvReader(process.env);
  const options = {
    token: env.required('WAVE_TOKEN', '(the access token clients must present to the simulator)'),
    port: env.port('PORT', 8090),
    host: env.string('HOST', '127.0.0.1'),
    latencyMs: env.int('SIM_LATENCY_MS', 0, { min: 0, max: 600_000 }),
  };
  env.done();
  const sim = await startWaveSimulator(options);
  console.log(`Wave simulator listening on ${sim.url} (GraphQL at ${sim.graphqlUrl})`);
  return { stop: () => sim.close() };
});
