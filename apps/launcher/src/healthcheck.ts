#!/usr/bin/env node
import { readFileSync, realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { SERVICE_ENTRYPOINTS, SERVICE_PORTS, type ServiceName } from '@mcp-gateway/config';

/**
 * The container health check, `node dist/apps/launcher/healthcheck.js [url]`: slim images have neither curl
 * nor wget, and Node is there anyway. Exit 0 on a 2xx answer within {@link TIMEOUT_MS}, else 1 with one line
 * on stderr, which Docker keeps in the container's health log.
 *
 * The URL, first that applies:
 *  1. the argument (Compose passes one per service, so its port is in plain sight);
 *  2. `HEALTHCHECK_URL`;
 *  3. `http://127.0.0.1:<port><HEALTHCHECK_PATH or /health>`, the port being `HEALTHCHECK_PORT`, else that of
 *     the service this container runs. One image runs every service, so the service is read from PID 1's
 *     command line (`node dist/apps/<service>/main.js`, also behind `docker run --init`), and its port from
 *     the variable SERVICE_PORTS names for it, else its default. Nothing is guessed from whichever port
 *     variables happen to be set.
 */
export const TIMEOUT_MS = 3000;

export type Target = { readonly url: string } | { readonly problem: string };

/** The gateway service whose entry point appears in a command line, e.g. PID 1's. */
export function serviceInCommandLine(args: readonly string[]): ServiceName | undefined {
  const entries = Object.entries(SERVICE_ENTRYPOINTS) as [ServiceName, string][];
  for (const arg of args) {
    const found = entries.find(([, path]) => arg === path || arg.endsWith(`/${path}`));
    if (found) return found[0];
  }
  return undefined;
}

/** Where to check, from the arguments, the environment and PID 1's command line (see the file comment). */
export function resolveTarget(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  pid1Args: readonly string[],
): Target {
  const explicit = argv[0] ?? nonEmpty(env['HEALTHCHECK_URL']);
  if (explicit !== undefined) return { url: explicit };
  const port = nonEmpty(env['HEALTHCHECK_PORT']) ?? servicePort(env, serviceInCommandLine(pid1Args));
  if (port === undefined) {
    return { problem: 'cannot tell which service runs here: pass a URL or set HEALTHCHECK_PORT' };
  }
  const path = nonEmpty(env['HEALTHCHECK_PATH']) ?? '/health';
  return { url: `http://127.0.0.1:${port}${path.startsWith('/') ? path : `/${path}`}` };
}

function servicePort(env: NodeJS.ProcessEnv, service: ServiceName | undefined): string | undefined {
  if (service === undefined) return undefined;
  const { env: variable, port } = SERVICE_PORTS[service];
  return nonEmpty(env[variable]) ?? String(port);
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

/** `undefined` when healthy, else why not, in one line. */
export async function probe(url: string, timeoutMs = TIMEOUT_MS): Promise<string | undefined> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return `not a URL: ${url}`;
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') return `not an http(s) URL: ${url}`;
  try {
    const response = await fetch(target, { signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' });
    const body = (await response.text()).replace(/\s+/g, ' ').trim().slice(0, 200);
    if (response.status >= 200 && response.status < 300) return undefined;
    return `${url} answered ${response.status}${body ? `: ${body}` : ''}`;
  } catch (error) {
    return `${url}: ${failureReason(error, timeoutMs)}`;
  }
}

/** fetch() wraps the socket error in `cause`; the code (ECONNREFUSED, …) is what an operator needs. */
function failureReason(error: unknown, timeoutMs: number): string {
  if (error instanceof DOMException && error.name === 'TimeoutError')
    return `no answer within ${timeoutMs} ms`;
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause instanceof Error) {
    const code = (cause as NodeJS.ErrnoException).code;
    return code ? `${code} (${cause.message})` : cause.message;
  }
  return error instanceof Error ? error.message : 'request failed';
}

function pid1CommandLine(): string[] {
  try {
    return readFileSync('/proc/1/cmdline', 'utf8').split('\0').filter(Boolean);
  } catch {
    return []; // not Linux, or /proc hidden: only an explicit URL or HEALTHCHECK_PORT will do
  }
}

async function main(): Promise<number> {
  const target = resolveTarget(process.argv.slice(2), process.env, pid1CommandLine());
  const problem = 'problem' in target ? target.problem : await probe(target.url);
  if (problem === undefined) return 0;
  process.stderr.write(`unhealthy: ${problem}\n`);
  return 1;
}

/** Run only as a script: the spec imports this module for its functions. */
function isScript(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return pathToFileURL(realpathSync(script)).href === import.meta.url;
  } catch {
    return false;
  }
}

if (isScript()) {
  main().then(
    (code) => process.exit(code),
    () => {
      process.stderr.write('unhealthy: the health check itself failed\n');
      process.exit(1);
    },
  );
}
