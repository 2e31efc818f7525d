import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { SERVICE_ENTRYPOINTS, type ServiceName } from '@mcp-gateway/config';
import { REPO_ROOT } from './repo.js';
import { waitFor } from './wait.js';

export interface ServiceProcess {
  readonly proc: ChildProcess;
  /** Everything the process wrote so far. */
  output(): string;
  /** Resolves when the output matches. */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<void>;
  /** SIGTERM, then wait for the exit; SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<number | null>;
  /** SIGKILL: the process gets no chance to clean up. */
  kill(): Promise<void>;
}

/**
 * Runs a service by name (its entry point from `SERVICE_ENTRYPOINTS`, as the launcher and the container
 * image do), or any built path under the repo, with the given environment.
 */
export function startService(
  entry: ServiceName | (string & {}),
  env: Record<string, string>,
): ServiceProcess {
  const path = join(REPO_ROOT, entry.endsWith('.js') ? entry : entryPointOf(entry));
  const proc = spawn(process.execPath, [path], {
    cwd: REPO_ROOT,
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  proc.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  proc.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  return {
    proc,
    output: () => text,
    waitForOutput: async (pattern, timeoutMs = 15_000) => {
      await waitFor(
        () => {
          if (proc.exitCode !== null) throw new Error(`${entry} exited with ${proc.exitCode}:\n${text}`);
          return pattern.test(text);
        },
        timeoutMs,
        `${entry} to print ${pattern}`,
      );
    },
    stop: async (graceMs = 10_000) => {
      if (proc.exitCode !== null || proc.signalCode !== null) return proc.exitCode;
      proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), graceMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
    kill: async () => {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      proc.kill('SIGKILL');
      await exited;
    },
  };
}

function entryPointOf(name: string): string {
  const path = (SERVICE_ENTRYPOINTS as Readonly<Record<string, string>>)[name];
  if (!path)
    throw new Error(`Unknown service ${name}; one of ${Object.keys(SERVICE_ENTRYPOINTS).join(', ')}`);
  return path;
}
