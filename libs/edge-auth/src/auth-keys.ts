import { createLocalJWKSet, errors, type JWTHeaderParameters, type FlattenedJWSInput } from 'jose';
import { AuthKeysGet, type PublicJwk } from '@mcp-gateway/contracts';
import type { BusClient } from '@mcp-gateway/bus';

type KeyResolver = ReturnType<typeof createLocalJWKSet>;
type ResolvedKey = Awaited<ReturnType<KeyResolver>>;

export interface AuthKeysOptions {
  /** How often the key set is refreshed in the background. */
  readonly refreshMs?: number;
  /** A token naming an unknown key id triggers a refetch, at most this often. */
  readonly minRefetchMs?: number;
  readonly log?: (message: string) => void;
}

/**
 * The auth service's public signing keys, fetched over the bus and kept in memory, so access tokens are
 * verified locally without a round trip. Refreshed periodically and on demand when a token names a key id
 * not seen yet (a rotation): the old key stays published by auth until its tokens expire, so both verify
 * during the overlap.
 */
export class AuthKeys {
  private resolver: KeyResolver | undefined;
  private keyIds: readonly string[] = [];
  private lastFetch = 0;
  private inflight: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly refreshMs: number;
  private readonly minRefetchMs: number;

  constructor(
    private readonly client: BusClient,
    private readonly options: AuthKeysOptions = {},
  ) {
    this.refreshMs = options.refreshMs ?? 300_000;
    this.minRefetchMs = options.minRefetchMs ?? 10_000;
  }

  /** Fetches the keys once (a failure is logged, not thrown: the fronts start while auth is still coming up). */
  async start(): Promise<void> {
    await this.refresh().catch((error: unknown) =>
      this.options.log?.(`signing keys not loaded yet: ${message(error)}`),
    );
    this.timer = setInterval(() => {
      this.refresh().catch((error: unknown) =>
        this.options.log?.(`signing key refresh failed: ${message(error)}`),
      );
    }, this.refreshMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  get kids(): readonly string[] {
    return this.keyIds;
  }

  /** A jose key resolver: `jwtVerify(token, keys.resolve, …)`. */
  readonly resolve = async (header: JWTHeaderParameters, token: FlattenedJWSInput): Promise<ResolvedKey> => {
    if (this.resolver && header.kid && this.keyIds.includes(header.kid)) return this.resolver(header, token);
    if (Date.now() - this.lastFetch >= this.minRefetchMs) await this.refresh();
    if (!this.resolver) throw new errors.JWKSNoMatchingKey('the signing keys are not available yet');
    return this.resolver(header, token);
  };

  /** Loads the key set now (coalescing concurrent calls). */
  refresh(): Promise<void> {
    this.inflight ??= (async () => {
      try {
        const { keys } = await this.client.request(AuthKeysGet, {}, {});
        this.install(keys);
      } finally {
        this.lastFetch = Date.now();
        this.inflight = undefined;
      }
    })();
    return this.inflight;
  }

  private install(keys: readonly PublicJwk[]): void {
    this.resolver = createLocalJWKSet({ keys: keys.map((k) => ({ ...k })) });
    this.keyIds = keys.map((k) => k.kid);
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
