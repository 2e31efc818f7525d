#!/usr/bin/env node
import { startLlmSimulator, type LlmSimulatorOptions } from './server.js';

/** Standalone: `PORT` (11435), `HOST` (127.0.0.1), `LLM_API_KEY` (optional), `LLM_MODELS` (comma-separated). */
function readEnv(): LlmSimulatorOptions {
  const port = Number(process.env['PORT'] ?? '11435');
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`PORT must be a port number, got ${process.env['PORT'] ?? ''}`);
    process.exit(1);
  }
  const models = (process.env['LLM_MODELS'] ?? '')
    .split(',')
    .map((m) => m.trim())
    .filter((m) => m !== '');
  const apiKey = process.env['LLM_API_KEY'];
  return {
    port,
    host: process.env['HOST'] ?? '127.0.0.1',
    ...(apiKey ? { apiKey } : {}),
    ...(models.length > 0 ? { models } : {}),
  };
}

const sim = await startLlmSimulator(readEnv());
console.log(`LLM simulator listening on ${sim.url} (unscripted: every answer echoes the last user message)`);

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
