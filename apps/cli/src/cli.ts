import { Command, CommanderError, Option } from 'commander';
import { ConfigError } from '@mcp-gateway/config';
import { AUDIT_KINDS, type AuditKind } from '@mcp-gateway/contracts';
import { parseLines, tailAudit } from './audit-command.js';
import { CliError } from './cli-error.js';
import type { CliBus } from './connect.js';
import { parseExpiry } from './duration.js';
import type { Output } from './output.js';
import { showStatus } from './status-command.js';
import { createToken, listTokens, revokeToken } from './token-commands.js';
import { parseName, parseScopes, parseTokenRef } from './token-fields.js';

export interface CliDeps {
  readonly output: Output;
  /** Opens the bus; called only once a command that needs it runs (so `--help` works without NATS). */
  readonly connect: () => Promise<CliBus>;
  /** How long `status` listens for connector announcements. */
  readonly statusWindowMs?: number;
  /** A signal that Ctrl-C aborts, asked for only by commands that run until then (`audit tail --follow`). */
  readonly interrupt?: () => AbortSignal;
}

/** Exit codes: 0 done, 1 the command failed (or NATS is unreachable), 2 the command line is wrong. */
export async function runCli(args: readonly string[], deps: CliDeps): Promise<number> {
  const { output } = deps;
  const withBus = async (run: (bus: CliBus) => Promise<void>) => {
    const bus = await deps.connect();
    try {
      await run(bus);
    } finally {
      await bus.close();
    }
  };

  const program = new Command('gateway')
    .description('Administer a running MCP Gateway over its NATS bus (NATS_URL, GATEWAY_SUBJECT_PREFIX).')
    .exitOverride()
    .configureOutput({ writeOut: (text) => output.out(text), writeErr: (text) => output.err(text) })
    .showHelpAfterError('(add --help for usage)');

  const token = program.command('token').description('create, list and revoke API tokens');
  token
    .command('create')
    .description('create an API token; it is printed once and only its hash is stored')
    .requiredOption('--name <name>', 'a unique name, e.g. "ci-bot"', parseName)
    .addOption(
      new Option('--scopes <scopes>', 'comma-separated: *, offline_access, <connector>:read|write')
        .argParser(parseScopes)
        .default(['*'], '*'),
    )
    .option('--expires <duration>', 'lifetime: <n>d, <n>h, <n>m or never (default: never)', parseExpiry)
    .option('--json', 'print {"id","name","token","scopes","expiresAt"} as JSON')
    .action(async (flags: { name: string; scopes: string[]; expires?: number | null; json?: boolean }) => {
      await withBus((bus) =>
        createToken(bus.client, output, {
          name: flags.name,
          scopes: flags.scopes,
          lifetimeMs: flags.expires ?? null,
          json: flags.json === true,
        }),
      );
    });
  token
    .command('list')
    .description('list API tokens (never the tokens themselves)')
    .option('--json', 'print the tokens as a JSON array')
    .action(async (flags: { json?: boolean }) => {
      await withBus((bus) => listTokens(bus.client, output, flags.json === true));
    });
  token
    .command('revoke')
    .description('revoke an API token by id or name; every front stops accepting it at once')
    .argument('<id|name>', 'the token id (tok_…) or its name', parseTokenRef)
    .action(async (ref: string) => {
      await withBus((bus) => revokeToken(bus.client, output, ref));
    });
  program
    .command('status')
    .description('report the bus, whether auth answers, and every connector with its replicas and health')
    .option('--json', 'print the report as JSON')
    .action(async (flags: { json?: boolean }) => {
      await withBus((bus) =>
        showStatus(
          bus.client,
          output,
          { server: bus.server, prefix: bus.prefix },
          flags.json === true,
          deps.statusWindowMs,
        ),
      );
    });

  const audit = program.command('audit').description('read the audit log: tool calls and refused tokens');
  audit
    .command('tail')
    .description('print the newest audit records; with --follow, keep printing new ones until Ctrl-C')
    .option('-n, --lines <n>', 'how many of the newest records to print first', parseLines, 20)
    .addOption(new Option('--kind <kind>', 'only this kind of record').choices(AUDIT_KINDS))
    .option('-f, --follow', 'keep printing records as they are written, until Ctrl-C')
    .option('--json', 'print each record as one line of JSON, as stored')
    .action(async (flags: { lines: number; kind?: AuditKind; follow?: boolean; json?: boolean }) => {
      const follow = flags.follow === true;
      const interrupt = follow ? deps.interrupt?.() : undefined;
      await withBus((bus) =>
        tailAudit(
          bus.audit,
          output,
          {
            lines: flags.lines,
            follow,
            json: flags.json === true,
            ...(flags.kind ? { kind: flags.kind } : {}),
          },
          interrupt,
        ),
      );
    });

  try {
    await program.parseAsync([...args], { from: 'user' });
    return 0;
  } catch (error) {
    // Commander has already printed its message (or the help) through `output`.
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof CliError) {
      output.err(`error: ${error.message}\n`);
      return error.exitCode;
    }
    if (error instanceof ConfigError) {
      output.err(`${error.message}\n`);
      return 1;
    }
    output.err(`error: unexpected failure: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
