import {
  EnvReader,
  isLoopbackHost,
  readBusConfig,
  readPublicIdentity,
  readServiceConfig,
  type BusConfig,
  type PublicIdentity,
  type Env,
  type ServiceConfig,
} from '@mcp-gateway/config';
import { readRateLimits, type RateLimitConfig } from '@mcp-gateway/rate-limit';
import { readAuditSettings, type AuditSettings } from '@mcp-gateway/audit';
import { readToolCache } from '@mcp-gateway/catalog';

export interface McpFrontConfig {
  readonly bus: BusConfig;
  readonly service: ServiceConfig;
  readonly port: number;
  readonly publicUrl: URL;
  /** Issuer (`PUBLIC_URL`) and protected resource (`PUBLIC_URL/mcp`), as auth spells them too. */
  readonly identity: PublicIdentity;
  /** Take the client address from the last `X-Forwarded-For` hop (set behind one reverse proxy). */
  readonly trustProxy: boolean;
  /** How long a verified API token is trusted before auth is asked again. */
  readonly apiTokenCacheMs: number;
  readonly allowedOrigins: ReadonlySet<string>;
  readonly auth: 'required' | 'none';
  readonly accessTokens: readonly string[];
  readonly maxBodyBytes: number;
  readonly toolTimeoutMs: number;
  readonly keepAliveMs: number;
  readonly pageSize: number;
  /** `RATE_LIMIT`, `RATE_LIMIT_TOOLS`, `OAUTH_RATE_LIMIT`: enforced by this replica alone. */
  readonly rateLimits: RateLimitConfig;
  /** `AUDIT_MAX_AGE`, `AUDIT_MAX_BYTES`, `AUDIT_REPLICAS`: the audit stream's retention. */
  readonly audit: AuditSettings;
  /** `TOOL_CACHE`: seconds to reuse results of read-only tools, by tool. */
  readonly toolCache: ReadonlyMap<string, number>;
}

export function readMcpFrontConfig(env: Env): McpFrontConfig {
  const reader = new EnvReader(env);
  const service = readServiceConfig(reader, 0);
  const port = reader.port('MCP_PORT', 8080);
  const identity = readPublicIdentity(reader, port);
  const config: McpFrontConfig = {
    bus: readBusConfig(reader),
    service,
    port,
    publicUrl: identity.publicUrl,
    identity,
    trustProxy: reader.flag('TRUST_PROXY') ?? false,
    apiTokenCacheMs: reader.int('API_TOKEN_CACHE_MS', 30_000, { min: 0, max: 600_000 }),
    allowedOrigins: new Set(reader.list('ALLOWED_ORIGINS').map((o) => o.replace(/\/$/, ''))),
    auth: reader.oneOf('MCP_AUTH', ['required', 'none'], 'required'),
    accessTokens: reader.list('ACCESS_TOKENS'),
    maxBodyBytes: reader.int('MCP_MAX_BODY_BYTES', 1_048_576, { min: 1024, max: 64 * 1_048_576 }),
    toolTimeoutMs: reader.int('TOOL_TIMEOUT_MS', 120_000, { min: 100, max: 600_000 }),
    keepAliveMs: reader.int('MCP_KEEPALIVE_MS', 15_000, { min: 100, max: 120_000 }),
    pageSize: reader.int('MCP_TOOLS_PAGE_SIZE', 100, { min: 1, max: 1000 }),
    rateLimits: readRateLimits(reader),
    audit: readAuditSettings(reader),
    toolCache: readToolCache(reader),
  };
  reader.check(
    config.auth === 'required' || isLoopbackHost(service.bindHost),
    `MCP_AUTH=none is only allowed when BIND_HOST is a loopback address (got "${service.bindHost}")`,
  );
  reader.done();
  return config;
}
