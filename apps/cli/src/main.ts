#!/usr/bin/env node
import { runCli } from './cli.js';
import { connectBus } from './connect.js';
import { processOutput } from './output.js';

process.exitCode = await runCli(process.argv.slice(2), {
  output: processOutput,
  connect: () => connectBus(process.env),
  // The first Ctrl-C ends `audit tail --follow` cleanly (exit 0); a second one kills the process.
  interrupt: () => {
    const controller = new AbortController();
    process.once('SIGINT', () => controller.abort());
    return controller.signal;
  },
});
