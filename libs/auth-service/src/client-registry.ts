import type { AuthClientGet, AuthClientRegister, ResponseOf } from '@mcp-gateway/contracts';
import type { AuthStore, Stored } from './store.js';
import { parseClientMetadata, type ClientMetadata } from './client-metadata.js';
import { isOAuthFailure, oauthFailure } from './oauth-failure.js';
import { constantTimeEqual, randomToken, sha256Hex } from './secrets.js';
import { systemClock, type Clock } from './settings.js';

/** A dynamically registered client as stored: secrets only as sha256. */
export interface RegisteredClient {
  readonly clientId: string;
  readonly secretHash: string | null;
  readonly registrationTokenHash: string;
  readonly metadata: ClientMetadata;
  /** Seconds since the epoch (RFC 7591 `client_id_issued_at`). */
  readonly issuedAt: number;
  readonly lastUsedAt: string | null;
}

export interface ClientRegistryOptions {
  readonly issuer: string;
  /** Registrations beyond this are refused until the sweep frees room. */
  readonly maxClients?: number;
  readonly now?: Clock;
}

const HOUR_MS = 3_600_000;
/** A client never used within a day of registering is a leftover of an abandoned connection attempt. */
const UNUSED_GRACE_MS = 24 * HOUR_MS;
const IDLE_LIMIT_MS = 90 * 24 * HOUR_MS;
const COUNT_CACHE_MS = 60_000;

type ClientInformation = Record<string, unknown>;

/**
 * Dynamic Client Registration (RFC 7591) and its read endpoint (RFC 7592). Registrations are cheap —
 * Claude registers a new client on every fresh connection, sometimes twice — so they are capped and swept:
 * a client unused a day after registering, or idle for 90 days, is deleted. A deleted client gets 401
 * `invalid_client` at the token endpoint, which makes Claude register again.
 */
export class ClientRegistry {
  private readonly now: Clock;
  private readonly maxClients: number;
  private counted: { value: number; at: number } | undefined;

  constructor(
    private readonly store: AuthStore,
    private readonly options: ClientRegistryOptions,
  ) {
    this.now = options.now ?? systemClock;
    this.maxClients = options.maxClients ?? 10_000;
  }

  async register(body: Readonly<Record<string, unknown>>): Promise<ResponseOf<typeof AuthClientRegister>> {
    const metadata = parseClientMetadata(body);
    if (isOAuthFailure(metadata)) return metadata;
    if ((await this.count()) >= this.maxClients) {
      return oauthFailure('invalid_client_metadata', 'too many clients are registered; try again later');
    }
    const clientId = randomToken(18);
    const secret = metadata.token_endpoint_auth_method === 'none' ? undefined : randomToken(32);
    const registrationAccessToken = randomToken(32);
    const client: RegisteredClient = {
      clientId,
      secretHash: secret === undefined ? null : sha256Hex(secret),
      registrationTokenHash: sha256Hex(registrationAccessToken),
      metadata,
      issuedAt: Math.floor(this.now().getTime() / 1000),
      lastUsedAt: null,
    };
    if (!(await this.store.create('main', keyOf(clientId), client))) {
      throw new Error('a freshly generated client_id already exists');
    }
    if (this.counted) this.counted.value++;
    return {
      outcome: 'ok',
      client: {
        ...this.information(client),
        ...(secret === undefined ? {} : { client_secret: secret }),
        registration_access_token: registrationAccessToken,
      },
    };
  }

  /** RFC 7592 §2.1; an unknown client and a wrong token look the same, so ids cannot be probed. */
  async read(clientId: string, registrationAccessToken: string): Promise<ResponseOf<typeof AuthClientGet>> {
    const stored = await this.find(clientId);
    if (
      !stored ||
      !constantTimeEqual(sha256Hex(registrationAccessToken), stored.value.registrationTokenHash)
    ) {
      return oauthFailure('invalid_token', 'the registration access token is not valid for this client');
    }
    return { outcome: 'ok', client: this.information(stored.value) };
  }

  async find(clientId: string): Promise<Stored<RegisteredClient> | undefined> {
    return this.store.get<RegisteredClient>('main', keyOf(clientId));
  }

  /** Records that the client obtained tokens; written at most once an hour per client. */
  async markUsed(clientId: string): Promise<void> {
    const stored = await this.find(clientId);
    if (!stored) return;
    const now = this.now();
    const last = stored.value.lastUsedAt;
    if (last !== null && now.getTime() - Date.parse(last) < HOUR_MS) return;
    // A lost race means another replica just wrote it: nothing to do.
    await this.store.update(
      'main',
      keyOf(clientId),
      { ...stored.value, lastUsedAt: now.toISOString() },
      stored.revision,
    );
  }

  /** Deletes abandoned and long-idle clients; returns how many. */
  async sweep(): Promise<number> {
    const now = this.now().getTime();
    let removed = 0;
    for (const key of await this.store.keys('main', 'client.*')) {
      const stored = await this.store.get<RegisteredClient>('main', key);
      if (!stored) continue;
      const { lastUsedAt, issuedAt } = stored.value;
      const stale =
        lastUsedAt === null
          ? now - issuedAt * 1000 > UNUSED_GRACE_MS
          : now - Date.parse(lastUsedAt) > IDLE_LIMIT_MS;
      if (stale) {
        await this.store.delete('main', key);
        removed++;
      }
    }
    this.counted = undefined;
    return removed;
  }

  /** The RFC 7591 §3.2.1 body, without the secrets (which exist only as hashes after registration). */
  private information(client: RegisteredClient): ClientInformation {
    return {
      client_id: client.clientId,
      client_id_issued_at: client.issuedAt,
      client_secret_expires_at: 0,
      ...client.metadata,
      registration_client_uri: `${this.options.issuer}/oauth/register/${encodeURIComponent(client.clientId)}`,
    };
  }

  private async count(): Promise<number> {
    const now = this.now().getTime();
    if (!this.counted || now - this.counted.at > COUNT_CACHE_MS) {
      this.counted = { value: (await this.store.keys('main', 'client.*')).length, at: now };
    }
    return this.counted.value;
  }
}

function keyOf(clientId: string): string {
  return `client.${sha256Hex(clientId)}`;
}
