import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { startChild, waitForLine, type Child } from './child.js';
import { findNatsServer, natsAddress, reachable, startNats } from './nats.js';
import { BACKENDS } from './backends.js';
import { SERVICES, SIMULATORS } from './paths.js';

/**
 * `npm start`: the whole gateway on this machine. NATS is started when none answers at NATS_URL, a demo
 * simulator stands in for each backend whose URL is unset (unless DEMO=0), then every service runs as a
 * child process. Ctrl-C stops the fronts first, then the connectors (which drain and announce leaving),
 * then the simulators and NATS.
 */
const env: NodeJS.ProcessEnv = { ...process.env };
const children: Child[] = [];
let shuttingDown = false;

function fail(message: string): never {
  process.stderr.write(`\n${message}\n`);
  void shutdown(1);
  throw new Error(message);
}

async function shutdown(code: number): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  process.stdout.write('\nStopping the gateway…\n');
  const order = ['mcp-front', 'openai-front', 'connector-', 'auth', 'simulator-', 'nats-server'];
  for (const prefix of order) {
    await Promise.all(children.filter((c) => c.name.startsWith(prefix)).map((c) => c.stop()));
  }
  process.exit(code);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function track(child: Child): Child {
  children.push(child);
  void child.exited.then((code) => {
    if (!shuttingDown) {
      process.stderr.write(`\n${child.name} exited unexpectedly (code ${code}); stopping everything.\n`);
      void shutdown(1);
    }
  });
  return child;
}

async function ensureNats(): Promise<string> {
  const url = env['NATS_URL'] ?? 'nats://127.0.0.1:4222';
  const { host, port } = natsAddress(url);
  if (await reachable(host, port)) {
    process.stdout.write(`NATS answers at ${url}\n`);
    return url;
  }
  const binary = findNatsServer();
  if (!binary) {
    fail(
      `No NATS server answers at ${url}, and nats-server is not installed.\nInstall it (Debian/Ubuntu: sudo apt-get install nats-server; macOS: brew install nats-server) or set NATS_URL to a running server.`,
    );
  }
  process.stdout.write(`No NATS server at ${url}: starting ${binary} with JetStream\n`);
  const nats = track(startNats(binary, host, port));
  for (let i = 0; i < 100 && !(await reachable(host, port, 200)); i++)
    await new Promise((r) => setTimeout(r, 100));
  if (!(await reachable(host, port))) fail(`nats-server did not start on ${host}:${port}`);
  void nats;
  return url;
}

/**
 * For each backend: its real address when set (unless DEMO=1), else its demo simulator (unless DEMO=0),
 * with the connector's settings put into the environment. Returns one line per backend for the summary.
 */
async function ensureBackends(): Promise<string[]> {
  const demo = env['DEMO'];
  const lines: string[] = [];
  for (const backend of BACKENDS) {
    const own = env[backend.urlVar];
    if (own && demo !== '1') {
      lines.push(`${backend.display} at ${backend.location?.(env) ?? own}`);
      continue;
    }
    if (demo === '0')
      fail(
        `${backend.urlVar} is not set and DEMO=0 forbids the demo simulator: set ${backend.ownVars.join(', ')}.`,
      );
    const port = await freePort();
    const settings = backend.demo(port);
    const sim = track(
      startChild(`simulator-${backend.name}`, process.execPath, [SIMULATORS[backend.name]], {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        ...settings.simulator,
      }),
    );
    await waitForLine(sim, (l) => l.includes('listening on'), 15_000);
    Object.assign(env, settings.connector, { [`${backend.name.toUpperCase()}_DEMO`]: '1' });
    lines.push(
      `${backend.display} demo simulator on port ${port} (set ${backend.ownVars.join(', ')} to use your own)`,
    );
  }
  return lines;
}

async function main(): Promise<void> {
  for (const [name, path] of Object.entries({ ...SERVICES, ...SIMULATORS })) {
    if (!existsSync(path)) fail(`${name} is not built (${path} is missing): run npm run build`);
  }
  process.once('SIGINT', () => void shutdown(0));
  process.once('SIGTERM', () => void shutdown(0));
  if (process.stdout.isTTY && !env['LOG_FORMAT']) env['LOG_FORMAT'] = 'text';
  env['NATS_URL'] = await ensureNats();
  const backends = await ensureBackends();
  let tokenNote = 'ACCESS_TOKENS from your environment';
  if ((env['MCP_AUTH'] ?? 'required') !== 'none' && !env['ACCESS_TOKENS']) {
    env['ACCESS_TOKENS'] = randomBytes(48).toString('base64url');
    tokenNote = `${env['ACCESS_TOKENS']}  (generated for this run; set ACCESS_TOKENS to choose your own)`;
  }
  const auth = track(startChild('auth', process.execPath, [SERVICES.auth], env));
  let generatedPassword: string | undefined;
  auth.proc.stdout?.on('data', (chunk: Buffer) => {
    generatedPassword ??= /Admin password for the OAuth consent page[^:]*: (\S+)/.exec(chunk.toString())?.[1];
  });
  await waitForLine(auth, (l) => l.includes('auth service serving'), 30_000);
  // Connectors start together; each announces itself once its backend answers.
  await Promise.all(
    BACKENDS.map(async (backend) => {
      const name = `connector-${backend.name}` as const;
      const connector = track(startChild(name, process.execPath, [SERVICES[name]], env));
      await waitForLine(connector, (l) => /serving \d+ tools/.test(l), 30_000);
    }),
  );
  const front = track(startChild('mcp-front', process.execPath, [SERVICES['mcp-front']], env));
  await waitForLine(front, (l) => l.includes('MCP endpoint'), 30_000);
  const openai = track(startChild('openai-front', process.execPath, [SERVICES['openai-front']], env));
  await waitForLine(openai, (l) => l.includes('OpenAI API'), 30_000);
  const openaiPort = env['OPENAI_PORT'] ?? '8081';
  const port = env['MCP_PORT'] ?? '8080';
  const publicUrl = (env['PUBLIC_URL'] ?? `http://localhost:${port}`).replace(/\/$/, '');
  const local = `http://localhost:${port}`;
  process.stdout.write(
    [
      '',
      'MCP Gateway is running.',
      `  MCP endpoint (Streamable HTTP): ${publicUrl}/mcp`,
      `  OpenAI-compatible API:          http://localhost:${openaiPort}/v1  (models: ${env['LLM_BASE_URL'] ? `gateway + ${env['LLM_BASE_URL']}` : 'the built-in gateway model; set LLM_BASE_URL for an LLM'})`,
      `  OpenAPI tool server:            http://localhost:${openaiPort}/openapi.json`,
      `  Status:                         ${local}/status`,
      `  Metrics:                        ${local}/metrics`,
      '  Backends:',
      ...backends.map((line) => `    ${line}`),
      `  Bearer token:                   ${env['MCP_AUTH'] === 'none' ? 'none needed (MCP_AUTH=none)' : tokenNote}`,
      `  OAuth consent password:         ${passwordNote(generatedPassword)}`,
      '',
      'Create an API token (Open WebUI, scripts):',
      '  npm run gateway -- token create --name my-client --scopes homeassistant:read',
      'Connect Claude.ai: docs/SETUP_CLAUDE.md (needs a public HTTPS PUBLIC_URL).',
      'Connect MCP Inspector: npx @modelcontextprotocol/inspector, transport "Streamable HTTP",',
      `  URL ${publicUrl}/mcp, header "Authorization: Bearer <token>".`,
      'Add a connector replica (another terminal):',
      `  ${replicaEnv()}NATS_URL=${env['NATS_URL'] ?? ''} npm run service -- connector-homeassistant`,
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
}

function passwordNote(generated: string | undefined): string {
  if (env['GATEWAY_ADMIN_PASSWORD'] || env['GATEWAY_ADMIN_PASSWORD_FILE'])
    return 'GATEWAY_ADMIN_PASSWORD from your environment';
  if (generated) return `${generated}  (generated now and shown once; stored only as a hash)`;
  return 'the one printed at the first start (set GATEWAY_ADMIN_PASSWORD to choose a new one)';
}

/** The Home Assistant settings a replica needs; in demo mode only this process knows them. */
function replicaEnv(): string {
  return env['HOMEASSISTANT_DEMO'] === '1'
    ? `HOMEASSISTANT_URL=${env['HOMEASSISTANT_URL'] ?? ''} HOMEASSISTANT_TOKEN=${env['HOMEASSISTANT_TOKEN'] ?? ''} `
    : '';
}

main().catch((error: unknown) => {
  if (!shuttingDown) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    void shutdown(1);
  }
});
