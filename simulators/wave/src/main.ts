#!/usr/bin/env node
import { startWaveSimulator } from './server.js';

/** Standalone: `PORT` (8090), `HOST` (127.0.0.1), `WAVE_TOKEN` (required), `SIM_LATENCY_MS`. */
function readEnv(): { port: number; host: string; token: string; latencyMs: number } {
  const token = process.env['WAVE_TOKEN'];
  if (!token) {
    console.error('WAVE_TOKEN is required: the access token clients must present to the simulator.');
    process.exit(1);
  }
  const port = Number(process.env['PORT'] ?? '8090');
  const latencyMs = Number(process.env['SIM_LATENCY_MS'] ?? '0');
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`PORT must be a port number, got ${process.env['PORT'] ?? ''}`);
    process.exit(1);
  }
  if (!Number.isFinite(latencyMs) || latencyMs < 0) {
    console.error(`SIM_LATENCY_MS must be a non-negative number, got ${process.env['SIM_LATENCY_MS'] ?? ''}`);
    process.exit(1);
  }
  return { port, host: process.env['HOST'] ?? '127.0.0.1', token, latencyMs };
}

const sim = await startWaveSimulator(readEnv());
console.log(`Wave simulator listening on ${sim.url} (GraphQL at ${sim.graphqlUrl})`);

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
