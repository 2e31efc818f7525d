#!/usr/bin/env node
import { EnvReader, runServiceMain } from '@mcp-gateway/config';
import { startLlmSimulator } from './server.js';

/** Standalone: `PORT` (11435), `HOST` (127.0.0.1), `LLM_API_KEY` (optional), `LLM_MODELS` (comma-separated). */
await runServiceMain('LLM simulator', async () => {
  const env = new EnvReader(process.env);
  const apiKey = env.string('LLM_API_KEY');
  const models = env.list('LLM_MODELS');
  const options = {
    port: env.port('PORT', 11435),
    host: env.string('HOST', '127.0.0.1'),
    ...(apiKey ? { apiKey } : {}),
    ...(models.length > 0 ? { models } : {}),
  };
  env.done();
  const sim = await startLlmSimulator(options);
  console.log(
    `LLM simulator listening on ${sim.url} (unscripted: every answer echoes the last user message)`,
  );
  return { stop: () => sim.close() };
});
