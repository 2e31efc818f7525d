#!/usr/bin/env node
import { EnvReader, runServiceMain } from '@mcp-gateway/config';
import { startHomeAssistantSimulator } from './server.js';

/** Standalone: `PORT` (8123), `HOST` (127.0.0.1), `HOMEASSISTANT_TOKEN` (required), `SIM_LATENCY_MS`. */
await runServiceMain('Home Assistant simulator', async () => {
  const env = new EnvReader(process.env);
  const options = {
    token: env.required('HOMEASSISTANT_TOKEN', '(the access token clients must present to the simulator)'),
    port: env.port('PORT', 8123),
    host: env.string('HOST', '127.0.0.1'),
    latencyMs: env.int('SIM_LATENCY_MS', 0, { min: 0, max: 600_000 }),
  };
  env.done();
  const sim = await startHomeAssistantSimulator(options);
  console.log(`Home Assistant simulator listening on ${sim.url}`);
  return { stop: () => sim.close() };
});
