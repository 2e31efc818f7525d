import {
  AuthApiTokenCreate,
  AuthApiTokenList,
  AuthApiTokenRevoke,
  BusError,
  type ApiTokenInfo,
} from '@mcp-gateway/contracts';
import type { BusClient } from '@mcp-gateway/bus';
import { CliError, explainAuthError } from './cli-error.js';
import { expiresAt } from './duration.js';
import type { Output } from './output.js';
import { formatInstant, formatTable } from './table.js';
import { generateApiToken } from './token-secret.js';

export type RequestClient = Pick<BusClient, 'request'>;

export interface CreateTokenOptions {
  readonly name: string;
  readonly scopes: readonly string[];
  /** Lifetime in milliseconds; `null` never expires. */
  readonly lifetimeMs: number | null;
  readonly json: boolean;
}

/** What `token create --json` prints: the only time the token itself is ever shown. */
export interface CreatedToken {
  readonly id: string;
  readonly name: string;
  readonly token: string;
  readonly scopes: readonly string[];
  readonly expiresAt: string | null;
}

/** Generates a token here, registers only its hash with auth, and shows the token once. */
export async function createToken(
  client: RequestClient,
  output: Output,
  options: CreateTokenOptions,
  now = new Date(),
): Promise<void> {
  const { token, tokenHash } = generateApiToken();
  const info = await client
    .request(
      AuthApiTokenCreate,
      {},
      {
        name: options.name,
        scopes: [...options.scopes],
        tokenHash,
        expiresAt: expiresAt(options.lifetimeMs, now),
      },
    )
    .catch((error: unknown) => {
      throw explainAuthError(error);
    });
  const created: CreatedToken = {
    id: info.id,
    name: info.name,
    token,
    scopes: info.scopes,
    expiresAt: info.expiresAt,
  };
  output.out(options.json ? `${JSON.stringify(created, null, 2)}\n` : renderCreated(created));
}

export function renderCreated(created: CreatedToken): string {
  const expiry = created.expiresAt === null ? 'never' : formatInstant(created.expiresAt);
  return [
    `Created API token "${created.name}" (${created.id})`,
    `  scopes:  ${created.scopes.join(',')}`,
    `  expires: ${expiry}`,
    '',
    created.token,
    '',
    'Copy it now: it is shown only this once (the gateway keeps only its hash).',
    'Clients send it in the Authorization header:',
    `  Authorization: Bearer ${created.token}`,
    '',
  ].join('\n');
}

/** Every API token, never the token or its hash (auth does not have the token, and keeps the hash). */
export async function listTokens(client: RequestClient, output: Output, json: boolean, now = new Date()) {
  const { tokens } = await client.request(AuthApiTokenList, {}, {}).catch((error: unknown) => {
    throw explainAuthError(error);
  });
  output.out(json ? `${JSON.stringify(tokens, null, 2)}\n` : renderTokenList(tokens, now));
}

export function renderTokenList(tokens: readonly ApiTokenInfo[], now: Date): string {
  if (tokens.length === 0) return 'No API tokens. Create one with: gateway token create --name <name>\n';
  const expiry = (token: ApiTokenInfo) => {
    if (token.expiresAt === null) return 'never';
    return Date.parse(token.expiresAt) <= now.getTime() ? 'expired' : formatInstant(token.expiresAt);
  };
  return formatTable(
    ['ID', 'NAME', 'SCOPES', 'CREATED', 'LAST USED', 'EXPIRES'],
    tokens.map((token) => [
      token.id,
      token.name,
      token.scopes.join(','),
      formatInstant(token.createdAt),
      token.lastUsedAt === null ? 'never' : formatInstant(token.lastUsedAt),
      expiry(token),
    ]),
  );
}

/** Revokes by id or name; every front stops accepting the token at once. */
export async function revokeToken(client: RequestClient, output: Output, ref: string): Promise<void> {
  const revoked = await client.request(AuthApiTokenRevoke, {}, { ref }).catch((error: unknown) => {
    if (error instanceof BusError && error.code === 'NOT_FOUND') {
      throw new CliError(`no token with id or name ${JSON.stringify(ref)}`);
    }
    throw explainAuthError(error);
  });
  output.out(`revoked ${revoked.name} (${revoked.id})\n`);
}
