import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  SERVICE_ENTRYPOINTS,
  SERVICE_PORTS,
  SIMULATOR_ENTRYPOINTS,
  type ServiceName,
} from '@mcp-gateway/config';
import {
  durationMs,
  findDirective,
  parseCaddyfile,
  pathMatches,
  type CaddyDirective,
} from './compose-caddyfile.js';
import { parseEnvFile, referencedVariables } from './compose-interpolate.js';
import {
  commandOf,
  COMPOSE_PATH,
  composeDurationMs,
  composeSchemaErrors,
  environmentOf,
  loadCompose,
  mountedSecrets,
  publishedPorts,
  readComposeDocument,
  type ComposeService,
} from './compose-model.js';
import { ROOT, readText } from './files.js';

const ENV_EXAMPLE = parseEnvFile(readText('.env.example'));
const COMPOSE = loadCompose(ENV_EXAMPLE);
const GATEWAY = Object.keys(SERVICE_ENTRYPOINTS) as ServiceName[];
const CONNECTORS = GATEWAY.filter((name) => name.startsWith('connector-'));
const HEALTHCHECK_SCRIPT = 'dist/apps/launcher/healthcheck.js';
/** Names that hold credentials; they may reach a service only as `<NAME>_FILE`. */
const SECRET_NAME = /(TOKENS?|SECRET|PASSWORD|API_KEY)(_FILE|__FILE)?$/;

function service(name: string): ComposeService {
  const found = COMPOSE.services[name];
  assert.ok(found, `${COMPOSE_PATH} has no service ${name}`);
  return found;
}

describe('docker-compose.yml against the Compose Specification', () => {
  it('is valid with the values of .env.example and with no .env at all', () => {
    assert.deepEqual(composeSchemaErrors(COMPOSE), []);
    assert.doesNotThrow(() => loadCompose(new Map()));
  });

  it('fails the schema on a misspelt key or value', () => {
    const document = readComposeDocument() as { services: Record<string, Record<string, unknown>> };
    assert.notDeepEqual(composeSchemaErrors({ servics: document.services }), []);
    const typo = structuredClone(document);
    typo.services['auth'] = { ...typo.services['auth'], restrat: 'always' };
    assert.notDeepEqual(composeSchemaErrors(typo), []);
    const badCondition = structuredClone(document);
    badCondition.services['auth'] = {
      ...badCondition.services['auth'],
      depends_on: { nats: { condition: 'service_healty' } },
    };
    assert.notDeepEqual(composeSchemaErrors(badCondition), []);
  });

  it('passes dclint with no error or warning', async () => {
    const { lintFiles } = await dclint();
    const [result] = lintFiles([join(ROOT, COMPOSE_PATH)], false);
    const messages = (result?.messages ?? []).map((m) => `${m.line}: ${m.rule} ${m.message}`);
    assert.deepEqual(messages, []);
  });

  it('uses restart policies Compose knows (the schema accepts any string)', () => {
    for (const [name, svc] of Object.entries(COMPOSE.services)) {
      assert.match(svc.restart ?? 'no', /^(no|always|on-failure(:\d+)?|unless-stopped)$/, name);
    }
  });
});

interface DclintResult {
  readonly messages: readonly { readonly line: number; readonly rule: string; readonly message: string }[];
}

interface DclintModule {
  readonly DCLinter: new (config: { rules: object; quiet: boolean; debug: boolean; exclude: string[] }) => {
    lintFiles(paths: string[], recursive: boolean): DclintResult[];
  };
}

/**
 * dclint's programmatic linter, all rules at their default levels (as the CLI without a config file). Its
 * type declarations use extensionless relative imports that Node16 resolution cannot follow (the class
 * comes out as `any`), so the part used is typed here.
 */
async function dclint(): Promise<{ lintFiles(paths: string[], recursive: boolean): DclintResult[] }> {
  const module: unknown = await import('dclint');
  const linter = new (module as DclintModule).DCLinter({ rules: {}, quiet: true, debug: false, exclude: [] });
  return { lintFiles: (paths, recursive) => linter.lintFiles(paths, recursive) };
}

describe('gateway services', () => {
  const image = service('mcp-front').image;

  it('run the entry points the launcher and the process tests run, all from one image', () => {
    for (const name of GATEWAY) {
      assert.deepEqual(commandOf(service(name)), [SERVICE_ENTRYPOINTS[name]], name);
      assert.equal(service(name).image, image, name);
    }
    assert.match(image ?? '', /^mcp-gateway:\S+$/);
  });

  it('build that image from this repository', () => {
    for (const name of GATEWAY) {
      const build = service(name).build;
      assert.equal(typeof build === 'string' ? build : build?.context, '.', name);
    }
  });

  it('wait for a healthy NATS and reach it by its service name', () => {
    for (const name of GATEWAY) {
      const dependsOn = service(name).depends_on;
      assert.ok(dependsOn && !Array.isArray(dependsOn), `${name}: depends_on with conditions`);
      const nats = (dependsOn as Record<string, { condition?: string }>)['nats'];
      assert.equal(nats?.condition, 'service_healthy', name);
      assert.equal(environmentOf(service(name)).get('NATS_URL'), 'nats://nats:4222', name);
    }
  });

  it('listen on the container network and have time to drain on SIGTERM', () => {
    for (const name of GATEWAY) {
      assert.equal(environmentOf(service(name)).get('BIND_HOST'), '0.0.0.0', name);
      assert.ok(composeDurationMs(service(name).stop_grace_period ?? '10s') >= 30_000, name);
    }
  });

  it('check their health with the healthcheck script on their own port', () => {
    for (const name of GATEWAY) {
      const { env, port } = SERVICE_PORTS[name];
      const configured = environmentOf(service(name)).get(env);
      assert.ok(configured === undefined || configured === String(port), `${name} moves ${env}`);
      assert.deepEqual(
        service(name).healthcheck?.test,
        ['CMD', 'node', HEALTHCHECK_SCRIPT, `http://127.0.0.1:${port}/health`],
        name,
      );
    }
  });

  it('know their public origin and, behind Caddy, trust its forwarded address', () => {
    const origin = `https://${ENV_EXAMPLE.get('GATEWAY_DOMAIN') ?? ''}`;
    for (const name of ['auth', 'mcp-front', 'openai-front']) {
      assert.equal(environmentOf(service(name)).get('PUBLIC_URL'), origin, name);
    }
    // mcp-front works out the client's address (for the login backoff) and hands it to auth.
    assert.equal(environmentOf(service('mcp-front')).get('TRUST_PROXY'), '1');
  });
});

describe('scaling and exposure', () => {
  it('lets connectors scale: no container name, host name or host port', () => {
    for (const name of CONNECTORS) {
      const svc = service(name);
      assert.equal(svc.container_name, undefined, name);
      assert.equal(svc.hostname, undefined, name);
      assert.deepEqual(svc.ports ?? [], [], name);
    }
  });

  it('publishes only Caddy on 80 and 443; monitoring at most on loopback', () => {
    for (const [name, svc] of Object.entries(COMPOSE.services)) {
      const ports = publishedPorts(svc);
      if (name === 'caddy') {
        const published = ports.map((p) => `${p.published}/${p.protocol}`).sort();
        assert.deepEqual(published, ['443/tcp', '443/udp', '80/tcp']);
        continue;
      }
      if (ports.length > 0) assert.ok(['prometheus', 'grafana'].includes(name), `${name} publishes ports`);
      for (const port of ports) assert.match(port.hostIp, /^(127\.0\.0\.1|::1)$/, `${name} beyond loopback`);
    }
  });
});

describe('secrets', () => {
  const declared = COMPOSE.secrets ?? {};

  it('reach services only as NAME_FILE pointing at a declared secret the service mounts', () => {
    for (const [name, svc] of Object.entries(COMPOSE.services)) {
      const mounted = mountedSecrets(svc);
      for (const [variable, value] of environmentOf(svc)) {
        if (!SECRET_NAME.test(variable)) continue;
        assert.match(variable, /_FILE$/, `${name}: ${variable} must be passed as a file`);
        const source = mounted.get(value);
        assert.ok(source, `${name}: ${variable}=${value} is not a secret mounted in ${name}`);
        assert.ok(declared[source], `${name}: secret ${source} is not declared`);
      }
    }
  });

  it('are files under ./secrets/, and every mounted secret is declared', () => {
    for (const [name, secret] of Object.entries(declared)) assert.equal(secret.file, `./secrets/${name}`);
    for (const [name, svc] of Object.entries(COMPOSE.services)) {
      for (const source of mountedSecrets(svc).values()) assert.ok(declared[source], `${name}: ${source}`);
    }
  });

  it('are created, every one, by the commands .env.example gives', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gateway-secrets-'));
    try {
      execFileSync('sh', ['-e', '-c', secretsSetupScript()], { cwd: dir, stdio: 'pipe' });
      for (const [name, secret] of Object.entries(declared)) {
        assert.ok(existsSync(join(dir, secret.file ?? '')), `${name} was not created`);
      }
      const read = (name: string) => readFileSync(join(dir, 'secrets', name), 'utf8');
      assert.ok(read('gateway_admin_password').length >= 12);
      assert.match(read('truenas_api_key'), /^\d+-\S+$/, 'TrueNAS keys look like <id>-<key>');
      assert.equal(statSync(join(dir, 'secrets')).mode & 0o077, 0, 'the folder is private');
      assert.equal(read('.gitignore').trim(), '*');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** The shell lines of .env.example's "create them all once" recipe, comment markers removed. */
function secretsSetupScript(): string {
  const lines = readText('.env.example').split('\n');
  const start = lines.findIndex((line) => line.startsWith('#   mkdir -p secrets'));
  assert.ok(start >= 0, '.env.example shows how to create the secrets');
  const script: string[] = [];
  for (const line of lines.slice(start)) {
    if (!line.startsWith('#   ')) break;
    script.push(line.slice(4));
  }
  return script.join('\n');
}

describe('NATS', () => {
  const nats = service('nats');

  it('runs JetStream on a named volume with the monitoring port', () => {
    const command = commandOf(nats);
    assert.ok(command.includes('-js'), 'JetStream on');
    const storeDir = command[command.indexOf('-sd') + 1];
    assert.ok(storeDir, 'a store directory');
    const mount = (nats.volumes ?? []).find((v) => typeof v === 'string' && v.endsWith(`:${storeDir}`));
    const volume = typeof mount === 'string' ? mount.split(':')[0] : undefined;
    assert.ok(volume && COMPOSE.volumes && volume in COMPOSE.volumes, `${storeDir} is on a named volume`);
    assert.equal(command[command.indexOf('-m') + 1], '8222');
    assert.match(String(nats.healthcheck?.test), /127\.0\.0\.1:8222\/healthz/);
  });
});

describe('demo profile', () => {
  const simulators = Object.entries(SIMULATOR_ENTRYPOINTS);

  it('runs every simulator, only in `demo`, listening on the container network', () => {
    for (const [name, entry] of simulators) {
      const svc = service(`simulator-${name}`);
      assert.deepEqual(svc.profiles, ['demo'], name);
      assert.deepEqual(commandOf(svc), [entry], name);
      assert.equal(environmentOf(svc).get('HOST'), '0.0.0.0', name);
      assert.equal(svc.image, service('mcp-front').image, name);
    }
  });

  it('turns on every connector, each also under its own backend profile', () => {
    for (const name of CONNECTORS) {
      const backend = name.replace('connector-', '');
      assert.deepEqual([...(service(name).profiles ?? [])].sort(), [backend, 'demo'].sort(), name);
    }
    for (const name of ['nats', 'auth', 'mcp-front', 'openai-front', 'caddy']) {
      assert.equal(service(name).profiles, undefined, `${name} always runs`);
    }
  });

  it('with .env.example, points each client at its simulator, sharing its credentials', () => {
    const clients: [string, string][] = [
      ...CONNECTORS.map((name): [string, string] => [name, `simulator-${name.replace('connector-', '')}`]),
      ['openai-front', 'simulator-llm'],
    ];
    for (const [client, simulator] of clients) {
      const urls = [...environmentOf(service(client))].filter(
        ([key]) => key.endsWith('_URL') && key !== 'NATS_URL',
      );
      const backend = urls.find(([key]) => key !== 'PUBLIC_URL');
      assert.ok(backend, `${client} has a backend URL`);
      const url = new URL(backend[1]);
      assert.equal(url.hostname, simulator, `${client}: ${backend[0]}`);
      assert.equal(url.port, environmentOf(service(simulator)).get('PORT'), `${client}: ${backend[0]}`);
      const clientSecrets = new Set(mountedSecrets(service(client)).values());
      for (const secret of mountedSecrets(service(simulator)).values()) {
        assert.ok(clientSecrets.has(secret), `${client} and ${simulator} share ${secret}`);
      }
    }
  });
});

describe('.env.example', () => {
  const composeText = readText(COMPOSE_PATH);
  const used = referencedVariables(composeText);
  /** Read by the `docker compose` command itself, not by the file. */
  const composeCli = new Set(['COMPOSE_PROFILES']);

  it('documents every variable the compose file reads', () => {
    const missing = [...used].filter((name) => !ENV_EXAMPLE.has(name));
    assert.deepEqual(missing, []);
  });

  it('names only variables the compose file or `docker compose` reads', () => {
    const unknown = [...ENV_EXAMPLE.keys()].filter((name) => !used.has(name) && !composeCli.has(name));
    assert.deepEqual(unknown, []);
  });

  it('holds no credential', () => {
    assert.deepEqual(
      [...ENV_EXAMPLE.keys()].filter((name) => SECRET_NAME.test(name)),
      [],
    );
  });

  it('turns on only profiles the compose file defines', () => {
    const defined = new Set(Object.values(COMPOSE.services).flatMap((svc) => svc.profiles ?? []));
    for (const profile of (ENV_EXAMPLE.get('COMPOSE_PROFILES') ?? '').split(',').filter(Boolean)) {
      assert.ok(defined.has(profile), profile);
    }
  });
});

describe('Caddy ingress (deploy/caddy/Caddyfile)', () => {
  const caddyfile = parseCaddyfile(readText('deploy/caddy/Caddyfile'));
  const site = caddyfile.find((directive) => directive.tokens[0]?.startsWith('{$GATEWAY_DOMAIN'));
  const upstream = (name: 'mcp-front' | 'openai-front') => `${name}:${SERVICE_PORTS[name].port}`;

  it('serves the domain Compose passes it, from the mounted Caddyfile', () => {
    assert.ok(site, 'a site block for {$GATEWAY_DOMAIN}');
    const caddy = service('caddy');
    assert.equal(environmentOf(caddy).get('GATEWAY_DOMAIN'), ENV_EXAMPLE.get('GATEWAY_DOMAIN'));
    assert.ok((caddy.volumes ?? []).includes('./deploy/caddy/Caddyfile:/etc/caddy/Caddyfile:ro'));
  });

  it('routes the OpenAI API to openai-front, /metrics nowhere and the rest to mcp-front', () => {
    assert.ok(site);
    const expected: Record<string, string> = {
      '/v1': upstream('openai-front'),
      '/v1/models': upstream('openai-front'),
      '/v1/chat/completions': upstream('openai-front'),
      '/openapi.json': upstream('openai-front'),
      '/tools/homeassistant_get_state': upstream('openai-front'),
      '/metrics': 'respond 404',
      '/metrics/': 'respond 404',
      '/mcp': upstream('mcp-front'),
      '/.well-known/oauth-protected-resource/mcp': upstream('mcp-front'),
      '/oauth/token': upstream('mcp-front'),
      '/status': upstream('mcp-front'),
      '/v1beta': upstream('mcp-front'),
      '/': upstream('mcp-front'),
    };
    for (const [path, target] of Object.entries(expected)) assert.equal(routeOf(site, path), target, path);
  });

  it('streams responses unbuffered and waits out 10-minute tool calls', () => {
    assert.ok(site);
    const snippet = caddyfile.find((directive) => directive.tokens[0] === '(upstream)');
    assert.deepEqual(findDirective(snippet?.children ?? [], 'flush_interval')?.tokens, [
      'flush_interval',
      '-1',
    ]);
    const transport = findDirective(snippet?.children ?? [], 'transport');
    for (const timeout of ['response_header_timeout', 'read_timeout']) {
      const value = findDirective(transport?.children ?? [], timeout)?.tokens[1];
      assert.ok(value === undefined || durationMs(value) > 10 * 60_000, `${timeout} ${value}`);
    }
    const servers = findDirective(caddyfile[0]?.children ?? [], 'servers');
    const write = findDirective(findDirective(servers?.children ?? [], 'timeouts')?.children ?? [], 'write');
    assert.ok(
      write === undefined || durationMs(write.tokens[1] ?? '0s') > 10 * 60_000,
      'no short write timeout',
    );
    for (const handle of site.children.filter((d) => d.tokens[0] === 'handle')) {
      const proxy = findDirective(handle.children, 'reverse_proxy');
      if (!proxy) continue;
      assert.ok(findDirective(proxy.children, 'import')?.tokens[1] === 'upstream', `line ${proxy.line}`);
      assert.ok(findDirective(handle.children, 'request_body'), `line ${handle.line}: a body size limit`);
    }
  });
});

/**
 * Where Caddy sends a request path. `handle` blocks are mutually exclusive and Caddy keeps those with
 * named matchers in file order and puts one without a matcher last, so the file must be in that order.
 */
function routeOf(site: CaddyDirective, path: string): string {
  const matchers = new Map(
    site.children
      .filter((d) => d.tokens[0]?.startsWith('@') && d.tokens[1] === 'path')
      .map((d) => [d.tokens[0] ?? '', d.tokens.slice(2)]),
  );
  const handles = site.children.filter((d) => d.tokens[0] === 'handle');
  handles.forEach((handle, index) => {
    const matcher = handle.tokens[1];
    const last = index === handles.length - 1;
    assert.ok(last ? matcher === undefined : matcher?.startsWith('@'), `Caddyfile line ${handle.line}`);
  });
  for (const handle of handles) {
    const matcher = handle.tokens[1];
    const patterns = matcher === undefined ? ['*'] : (matchers.get(matcher) ?? []);
    if (!patterns.some((pattern) => pathMatches(pattern, path))) continue;
    const proxy = findDirective(handle.children, 'reverse_proxy');
    const respond = findDirective(handle.children, 'respond');
    return proxy?.tokens[1] ?? `respond ${respond?.tokens.slice(1).join(' ') ?? '?'}`;
  }
  return 'unrouted';
}
