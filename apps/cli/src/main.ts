#!/usr/bin/env node
import { runCli } from './cli.js';
import { connectBus } from './connect.js';
import { processOutput } from './output.js';

process.exitCode = await runCli(process.argv.slice(2), {
  output: processOutput,
  connect: () => connectBus(process.env),
});
