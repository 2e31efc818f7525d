import { ConfigError } from '@mcp-gateway/config';
import { bootstrapMcpFront } from './bootstrap.js';
import { readMcpFrontConfig } from './config.js';

try {
  const running = await bootstrapMcpFront(readMcpFrontConfig(process.env));
  const stop = () =>
    void running.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
} catch (error) {
  process.stderr.write(
    `${error instanceof ConfigError ? error.message : `mcp-front failed to start: ${String(error)}`}\n`,
  );
  process.exit(1);
}
