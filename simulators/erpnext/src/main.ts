#!/usr/bin/env node
import { EnvReader, runServiceMain } from '@mcp-gateway/config';
import { startErpnextSimulator } from './server.js';

/**
 * Standalone: `PORT` (8000, bench's default), `HOST` (127.0.0.1), `ERPNEXT_API_KEY` and
 * `ERPNEXT_API_SECRET` (required: the pair clients must send), `SIM_LATENCY_MS` (0).
 */
await runServiceMain('ERPNext simulator', async () => {
  const env = new EnvReader(process.env);
  const options = {
    apiKey: env.required('ERPNEXT_API_KEY', '(the API key clients must present)'),
    apiSecret: env.required('ERPNEXT_API_SECRET', '(the API secret clients must present)'),
    port: env.port('PORT', 8000),
    host: env.string('HOST', '127.0.0.1'),
    latencyMs: env.int('SIM_LATENCY_MS', 0, { min: 0, max: 600_000 }),
  };
  env.done();
  const sim = await startErpnextSimulator(options);
  console.log(`ERPNext simulator listening on ${sim.url}`);
  return { stop: () => sim.close() };
});
