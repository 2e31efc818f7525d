import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join, posix } from 'node:path';
import { CLI_ENTRYPOINT, SERVICE_ENTRYPOINTS, SIMULATOR_ENTRYPOINTS } from '@mcp-gateway/config';
import { ROOT, readText } from './files.js';

interface Instruction {
  readonly keyword: string;
  readonly args: string;
  readonly line: number;
}

interface Stage {
  readonly from: string;
  readonly name: string | undefined;
  readonly instructions: readonly Instruction[];
}

/**
 * Dockerfile instructions grouped by stage: `\` continues a line, comment lines (also inside a continued
 * instruction, as BuildKit allows) are dropped. Enough for the checks here, not a full parser.
 */
function parseDockerfile(text: string): Stage[] {
  const instructions: Instruction[] = [];
  let pending: { text: string; line: number } | undefined;
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line.startsWith('#') || (line === '' && !pending)) return;
    const continued = line.endsWith('\\');
    const part = continued ? line.slice(0, -1).trim() : line;
    pending = pending
      ? { text: `${pending.text} ${part}`, line: pending.line }
      : { text: part, line: index + 1 };
    if (continued) return;
    const [keyword = '', ...rest] = pending.text.split(/\s+/);
    instructions.push({ keyword: keyword.toUpperCase(), args: rest.join(' '), line: pending.line });
    pending = undefined;
  });
  const stages: { from: string; name: string | undefined; instructions: Instruction[] }[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const [from = '', as, name] = instruction.args.split(/\s+/);
      stages.push({ from, name: as?.toUpperCase() === 'AS' ? name : undefined, instructions: [] });
    } else {
      stages[stages.length - 1]?.instructions.push(instruction);
    }
  }
  return stages;
}

/** An exec-form (JSON array) argument such as `["node"]`. */
function execForm(args: string): string[] {
  const parsed: unknown = JSON.parse(args);
  assert.ok(Array.isArray(parsed) && parsed.every((item) => typeof item === 'string'), args);
  return parsed;
}

function find(stage: Stage, keyword: string): Instruction[] {
  return stage.instructions.filter((instruction) => instruction.keyword === keyword);
}

const STAGES = parseDockerfile(readText('Dockerfile'));
const RUNTIME = STAGES[STAGES.length - 1];
const HEALTHCHECK_SCRIPT = 'dist/apps/launcher/healthcheck.js';
/** Every file a container is started with: the services, the simulators, the CLI and the health check. */
const RUNTIME_FILES = [
  ...Object.values(SERVICE_ENTRYPOINTS),
  ...Object.values(SIMULATOR_ENTRYPOINTS),
  CLI_ENTRYPOINT,
  HEALTHCHECK_SCRIPT,
];

describe('Dockerfile', () => {
  it('builds in one stage and runs in another, both on a pinned Node 24 LTS', () => {
    assert.ok(STAGES.length >= 2 && RUNTIME);
    assert.match(RUNTIME.from, /^node:24-[a-z0-9.-]+$/);
    for (const stage of STAGES) assert.match(stage.from, /^[^:\s]+:(?!latest$)\S+$/, `${stage.from} pinned`);
  });

  it('compiles with tsc and drops dev dependencies in the build stage', () => {
    const runs = STAGES.flatMap((stage) => find(stage, 'RUN').map((run) => run.args)).join('\n');
    assert.match(runs, /npm ci\b/);
    assert.match(runs, /npx tsc -b\b/);
    assert.match(runs, /npm prune --omit=dev\b/);
  });

  it('runs as the non-root node user, set before the command', () => {
    assert.ok(RUNTIME);
    const users = find(RUNTIME, 'USER');
    assert.deepEqual(
      users.map((user) => user.args),
      ['node'],
    );
    const cmd = find(RUNTIME, 'CMD')[0];
    assert.ok(cmd && (users[0]?.line ?? Infinity) < cmd.line);
  });

  it('starts node with mcp-front by default; any entry point can be the command', () => {
    assert.ok(RUNTIME);
    assert.deepEqual(execForm(find(RUNTIME, 'ENTRYPOINT')[0]?.args ?? '[]'), ['node']);
    assert.deepEqual(execForm(find(RUNTIME, 'CMD')[0]?.args ?? '[]'), [SERVICE_ENTRYPOINTS['mcp-front']]);
  });

  it('sets the production environment, /app, SIGTERM and OCI labels', () => {
    assert.ok(RUNTIME);
    const env = find(RUNTIME, 'ENV')
      .map((e) => e.args)
      .join(' ');
    assert.match(env, /\bNODE_ENV=production\b/);
    assert.match(env, /\bBIND_HOST=0\.0\.0\.0\b/);
    assert.deepEqual(
      find(RUNTIME, 'WORKDIR').map((w) => w.args),
      ['/app'],
    );
    assert.deepEqual(
      find(RUNTIME, 'STOPSIGNAL').map((s) => s.args),
      ['SIGTERM'],
    );
    const labels = find(RUNTIME, 'LABEL')
      .map((l) => l.args)
      .join(' ');
    for (const label of ['title', 'description', 'licenses', 'version']) {
      assert.match(labels, new RegExp(`org\\.opencontainers\\.image\\.${label}=`));
    }
  });

  it('checks health with the healthcheck script, allowing for its 3 s timeout', () => {
    assert.ok(RUNTIME);
    const [healthcheck] = find(RUNTIME, 'HEALTHCHECK');
    assert.ok(healthcheck);
    const command = healthcheck.args.slice(healthcheck.args.indexOf('CMD') + 3).trim();
    assert.deepEqual(execForm(command), ['node', HEALTHCHECK_SCRIPT]);
    const timeout = /--timeout=(\d+)s/.exec(healthcheck.args)?.[1];
    assert.ok(Number(timeout) > 3, `--timeout=${timeout}s`);
  });

  it('puts the admin CLI on PATH as `gateway`', () => {
    assert.ok(RUNTIME);
    const runs = find(RUNTIME, 'RUN').map((run) => run.args);
    assert.ok(
      runs.some((run) => run.includes('/usr/local/bin/gateway') && run.includes(`/app/${CLI_ENTRYPOINT}`)),
    );
  });

  it('copies only build output into the runtime stage, covering every file containers start', () => {
    assert.ok(RUNTIME);
    const copies = find(RUNTIME, 'COPY');
    assert.ok(
      copies.every((copy) => copy.args.includes('--from=build')),
      'nothing from the build context',
    );
    const destinations = copies.map((copy) => posix.normalize(copy.args.split(/\s+/).pop() ?? ''));
    for (const needed of ['package.json', 'node_modules', 'dist', 'libs', 'simulators']) {
      assert.ok(destinations.includes(needed), `COPY to ./${needed}`);
    }
    for (const file of RUNTIME_FILES) {
      assert.ok(destinations.includes(file.split('/')[0] ?? ''), `${file} is copied`);
    }
  });
});

describe('what the image runs', () => {
  it('exists after `tsc -b`: the paths the launcher and the process tests start', () => {
    const missing = RUNTIME_FILES.filter((file) => !existsSync(join(ROOT, file)));
    assert.deepEqual(missing, []);
  });

  it('resolves every library through its package.json to its dist, which the image keeps', () => {
    for (const lib of readdirSync(join(ROOT, 'libs'))) {
      const manifest = JSON.parse(readText(`libs/${lib}/package.json`)) as {
        exports?: { '.'?: { default?: string } };
      };
      assert.match(manifest.exports?.['.']?.default ?? '', /^\.\/dist\//, `libs/${lib}`);
    }
  });

  it('builds from folders the build context keeps', () => {
    // `tsc -b apps/* simulators/*` follows project references; none may point into an ignored folder.
    const ignored = dockerignore();
    for (const dir of ['libs', 'apps', 'simulators']) {
      for (const project of readdirSync(join(ROOT, dir))) {
        const tsconfig = JSON.parse(readText(`${dir}/${project}/tsconfig.json`)) as {
          references?: { path: string }[];
        };
        for (const reference of tsconfig.references ?? []) {
          const top = posix.normalize(posix.join(dir, project, reference.path)).split('/')[0] ?? '';
          assert.ok(!ignored.has(top), `${dir}/${project} references ${reference.path}`);
        }
      }
    }
  });
});

/** The top-level patterns of .dockerignore. */
function dockerignore(): Set<string> {
  return new Set(
    readText('.dockerignore')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#')),
  );
}

describe('.dockerignore', () => {
  it('keeps dependencies, build output, version control and secrets out of the build context', () => {
    const patterns = dockerignore();
    for (const pattern of ['node_modules', '**/node_modules', 'dist', '**/dist', '.git', '.env', 'secrets']) {
      assert.ok(patterns.has(pattern), pattern);
    }
  });
});
