#!/usr/bin/env node
import { startErpnextSimulator } from './server.js';

/**
 * Standalone: `PORT` (8000, bench's default), `HOST` (127.0.0.1), `ERPNEXT_API_KEY` and
 * `ERPNEXT_API_SECRET` (required: the pair clients must send), `SIM_LATENCY_MS` (0).
 */
function readEnv() {
  const apiKey = process.env['ERPNEXT_API_KEY'];
  const apiSecret = process.env['ERPNEXT_API_SECRET'];
  if (!apiKey || !apiSecret) {
    console.error(
      'ERPNEXT_API_KEY and ERPNEXT_API_SECRET are required: the API key pair clients must present.',
    );
    process.exit(1);
  }
  const port = Number(process.env['PORT'] ?? '8000');
  const latencyMs = Number(process.env['SIM_LATENCY_MS'] ?? '0');
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`PORT must be a port number, got ${process.env['PORT'] ?? ''}`);
    process.exit(1);
  }
  if (!Number.isFinite(latencyMs) || latencyMs < 0) {
    console.error(`SIM_LATENCY_MS must be a non-negative number, got ${process.env['SIM_LATENCY_MS'] ?? ''}`);
    process.exit(1);
  }
  return { port, host: process.env['HOST'] ?? '127.0.0.1', apiKey, apiSecret, latencyMs };
}

const sim = await startErpnextSimulator(readEnv());
console.log(`ERPNext simulator listening on ${sim.url}`);

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
