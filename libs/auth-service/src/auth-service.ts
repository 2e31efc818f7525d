import type { BusClient } from '@mcp-gateway/bus';
import { AccessTokens } from './access-tokens.js';
import { ApiTokens } from './api-tokens.js';
import { AuthorizationCodes } from './authorization-codes.js';
import { AuthorizeEndpoint } from './authorize-endpoint.js';
import { AuthorizeRequestValidator } from './authorize-request.js';
import { CimdFetcher } from './cimd.js';
import { ClientAuthenticator } from './client-authentication.js';
import { ClientRegistry } from './client-registry.js';
import { ClientResolver } from './clients.js';
import { CsrfGuard } from './csrf.js';
import { Housekeeping } from './housekeeping.js';
import { LoginBackoff } from './login-backoff.js';
import { OwnerPassword, type PasswordSetup } from './owner-password.js';
import type { PasswordHasher } from './password-hash.js';
import { RefreshFamilies } from './refresh-families.js';
import { RevocationEndpoint } from './revocation-endpoint.js';
import { Revocations } from './revocations.js';
import { systemClock, type AuthSettings, type Clock } from './settings.js';
import { SigningKeys } from './signing-keys.js';
import type { AuthStore } from './store.js';
import { TokenEndpoint } from './token-endpoint.js';

export interface AuthServiceOptions extends AuthSettings {
  readonly keyRotationDays: number;
  /** `GATEWAY_ADMIN_PASSWORD`; when unset a password is generated once and printed. */
  readonly adminPassword: string | undefined;
  readonly cimdAllowPrivate: boolean;
  /** Logs a housekeeping failure (without secrets: messages only). */
  readonly onChoreError: (chore: string, error: unknown) => void;
  readonly now?: Clock;
  /** Tests pass a cheap hasher; production uses the default scrypt cost. */
  readonly hasher?: PasswordHasher;
  /** Tests trust a self-signed metadata-document server. */
  readonly cimdCa?: string;
}

const MINUTE_MS = 60_000;

/**
 * The authorisation server, assembled: every endpoint the auth app exposes on the bus, over one store,
 * plus the periodic chores (key re-reads and rotation, sweeps of expired records).
 */
export class AuthService {
  private constructor(
    readonly keys: SigningKeys,
    readonly revocations: Revocations,
    readonly registry: ClientRegistry,
    readonly authorize: AuthorizeEndpoint,
    readonly token: TokenEndpoint,
    readonly revocation: RevocationEndpoint,
    readonly apiTokens: ApiTokens,
    readonly passwordSetup: PasswordSetup,
    private readonly housekeeping: Housekeeping,
    private readonly cimd: CimdFetcher,
  ) {}

  static async start(store: AuthStore, bus: BusClient, options: AuthServiceOptions): Promise<AuthService> {
    const now = options.now ?? systemClock;
    const { identity } = options;
    const owner = new OwnerPassword(store, options.hasher, undefined, now);
    const passwordSetup = await owner.initialise(options.adminPassword);
    const keys = new SigningKeys(store, {
      rotationDays: options.keyRotationDays,
      accessTokenTtlSeconds: options.accessTokenTtlSeconds,
      now,
    });
    await keys.refresh();
    const revocations = new Revocations(store, bus, now);
    const registry = new ClientRegistry(store, { issuer: identity.issuer, now });
    const cimd = new CimdFetcher({
      allowPrivate: options.cimdAllowPrivate,
      now: () => now().getTime(),
      ...(options.cimdCa === undefined ? {} : { ca: options.cimdCa }),
    });
    const resolver = new ClientResolver(registry, cimd);
    const authenticator = new ClientAuthenticator(resolver);
    const codes = new AuthorizationCodes(store, options.codeTtlSeconds, now);
    const families = new RefreshFamilies(store, revocations, {
      refreshTokenTtlSeconds: options.refreshTokenTtlSeconds,
      accessTokenTtlSeconds: options.accessTokenTtlSeconds,
      now,
    });
    const accessTokens = new AccessTokens(keys, {
      issuer: identity.issuer,
      ttlSeconds: options.accessTokenTtlSeconds,
      now,
    });
    const authorize = new AuthorizeEndpoint({
      validator: new AuthorizeRequestValidator(resolver, identity),
      csrf: await CsrfGuard.open(store),
      password: owner,
      backoff: new LoginBackoff(now),
      codes,
      issuer: identity.issuer,
    });
    const token = new TokenEndpoint({ authenticator, codes, families, accessTokens, registry });
    const revocation = new RevocationEndpoint({ authenticator, families, accessTokens, revocations, now });
    const housekeeping = new Housekeeping(
      [
        { name: 'signing keys', everyMs: MINUTE_MS, run: () => keys.refresh() },
        { name: 'revocations sweep', everyMs: 10 * MINUTE_MS, run: () => revocations.sweep() },
        { name: 'refresh families sweep', everyMs: 60 * MINUTE_MS, run: () => families.sweep() },
        { name: 'clients sweep', everyMs: 60 * MINUTE_MS, run: () => registry.sweep() },
      ],
      options.onChoreError,
    );
    housekeeping.start();
    return new AuthService(
      keys,
      revocations,
      registry,
      authorize,
      token,
      revocation,
      new ApiTokens(store, revocations, now),
      passwordSetup,
      housekeeping,
      cimd,
    );
  }

  async stop(): Promise<void> {
    this.housekeeping.stop();
    await this.apiTokens.flush();
    await this.cimd.close();
  }
}
