import { ConfigError } from '@mcp-gateway/config';
import { bootstrapAuth } from './bootstrap.js';
import { readAuthConfig } from './config.js';

try {
  const running = await bootstrapAuth(readAuthConfig(process.env));
  const stop = () =>
    void running.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
} catch (error) {
  process.stderr.write(
    `${error instanceof ConfigError ? error.message : `auth failed to start: ${error instanceof Error ? error.message : String(error)}`}\n`,
  );
  process.exit(1);
}
