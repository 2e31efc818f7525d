import { existsSync, mkdirSync } from 'node:fs';
import { connect } from 'node:net';
import { delimiter, join } from 'node:path';
import { ROOT } from './paths.js';
import { startChild, type Child } from './child.js';

export function natsAddress(url: string): { host: string; port: number } {
  const first = (url.split(',')[0] ?? '').trim();
  const parsed = new URL(first.includes('://') ? first : `nats://${first}`);
  return { host: parsed.hostname || '127.0.0.1', port: Number(parsed.port || 4222) };
}

export function reachable(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** `nats-server` from PATH (Debian installs it in /usr/sbin, which is not on every user's PATH). */
export function findNatsServer(): string | undefined {
  const dirs = [
    ...(process.env['PATH'] ?? '').split(delimiter),
    '/usr/sbin',
    '/usr/local/sbin',
    '/usr/local/bin',
  ];
  return dirs.map((d) => join(d, 'nats-server')).find((p) => existsSync(p));
}

/** Starts a local nats-server with JetStream, its data under .gateway/nats so state survives restarts. */
export function startNats(binary: string, host: string, port: number): Child {
  const storeDir = join(ROOT, '.gateway', 'nats');
  mkdirSync(storeDir, { recursive: true });
  return startChild(
    'nats-server',
    binary,
    ['-a', host, '-p', String(port), '-js', '-sd', storeDir],
    process.env,
  );
}
