import {
  EnvReader,
  readBusConfig,
  readPublicIdentity,
  readServiceConfig,
  type BusConfig,
  type Env,
  type PublicIdentity,
  type ServiceConfig,
} from '@mcp-gateway/config';

export interface AuthConfig {
  readonly bus: BusConfig;
  readonly service: ServiceConfig;
  readonly identity: PublicIdentity;
  /** `GATEWAY_ADMIN_PASSWORD` (or `_FILE`): the consent page's password; generated once when unset. */
  readonly adminPassword: string | undefined;
  readonly accessTokenTtlSeconds: number;
  readonly refreshTokenTtlSeconds: number;
  readonly codeTtlSeconds: number;
  readonly keyRotationDays: number;
  readonly cimdAllowPrivate: boolean;
  readonly kvReplicas: number;
}

export function readAuthConfig(env: Env): AuthConfig {
  const reader = new EnvReader(env);
  const config: AuthConfig = {
    bus: readBusConfig(reader),
    service: readServiceConfig(reader, 9470),
    // PUBLIC_URL defaults to mcp-front's own address, so auth reads MCP_PORT from the shared environment too.
    identity: readPublicIdentity(reader, reader.port('MCP_PORT', 8080)),
    adminPassword: reader.string('GATEWAY_ADMIN_PASSWORD'),
    accessTokenTtlSeconds: reader.int('OAUTH_ACCESS_TOKEN_TTL', 3600, { min: 60, max: 86_400 }),
    refreshTokenTtlSeconds: reader.int('OAUTH_REFRESH_TOKEN_TTL', 2_592_000, { min: 3600, max: 31_536_000 }),
    codeTtlSeconds: reader.int('OAUTH_CODE_TTL', 60, { min: 10, max: 600 }),
    keyRotationDays: reader.int('OAUTH_KEY_ROTATION_DAYS', 30, { min: 1, max: 365 }),
    cimdAllowPrivate: reader.flag('OAUTH_CIMD_ALLOW_PRIVATE') ?? false,
    kvReplicas: reader.int('AUTH_KV_REPLICAS', 1, { min: 1, max: 5 }),
  };
  reader.check(
    config.refreshTokenTtlSeconds > config.accessTokenTtlSeconds,
    'OAUTH_REFRESH_TOKEN_TTL must be longer than OAUTH_ACCESS_TOKEN_TTL',
  );
  reader.done();
  return config;
}
