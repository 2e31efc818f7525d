import { ConfigError } from './env-reader.js';

/**
 * Runs a service as the process's main: starts it, stops it cleanly on SIGTERM/SIGINT (exit 0, or 1 if
 * stopping fails; further SIGTERMs are ignored while it stops, a second SIGINT exits at once), and on a failed start prints the configuration problems (or a one-line reason, never a
 * stack trace) and exits 1.
 */
export async function runServiceMain(
  name: string,
  start: () => Promise<{ stop(): Promise<void> }>,
): Promise<void> {
  try {
    const running = await start();
    let stopping = false;
    const stop = () => {
      // A repeated SIGTERM (an orchestrator, a supervisor) must not cut the calls still finishing.
      if (stopping) return;
      stopping = true;
      void running.stop().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', () => {
      // Ctrl-C twice: the person at the terminal does not want to wait.
      if (stopping) process.exit(130);
      stop();
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    process.stderr.write(`${error instanceof ConfigError ? reason : `${name} failed to start: ${reason}`}\n`);
    process.exit(1);
  }
}
