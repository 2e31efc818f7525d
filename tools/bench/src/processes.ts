import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { auditStreamName } from '@mcp-gateway/audit';

export interface Proc {
  readonly name: string;
  readonly proc: ChildProcess;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Starts `node <entry>` and resolves once its output matches `ready`. */
export function startNode(
  name: string,
  entry: string,
  env: Record<string, string>,
  ready: RegExp,
): Promise<Proc> {
  const proc = spawn(process.execPath, [entry], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (ready.test(output)) {
        clearTimeout(timer);
        resolve({
          name,
          proc,
          stop: () =>
            new Promise<void>((done) => {
              if (proc.exitCode !== null) return done();
              proc.once('exit', () => done());
              proc.kill('SIGTERM');
            }),
        });
      }
    };
    proc.stdout?.on('data', onData);
    proc.stderr?.on('data', onData);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code}:\n${output}`));
    });
  });
}

/**
 * Deletes the audit streams a run's fronts created (`<prefix>_audit`): JetStream reserves their size on the
 * shared server, so a benchmark leaves none behind.
 */
export async function deleteAuditStreams(natsUrl: string, prefixes: readonly string[]): Promise<void> {
  const { connect } = await import('@nats-io/transport-node');
  const { jetstreamManager } = await import('@nats-io/jetstream');
  const nc = await connect({ servers: natsUrl });
  try {
    const jsm = await jetstreamManager(nc);
    for (const prefix of prefixes) await jsm.streams.delete(auditStreamName(prefix)).catch(() => false);
  } finally {
    await nc.close();
  }
}
