import {
  EnvReader,
  readBusConfig,
  readServiceConfig,
  type BusConfig,
  type Env,
  type ServiceConfig,
} from '@mcp-gateway/config';
import { readRateLimits, type RateLimitConfig } from '@mcp-gateway/rate-limit';
import { readAuditSettings, type AuditSettings } from '@mcp-gateway/audit';
import { readToolCache } from '@mcp-gateway/catalog';

export interface OpenAiFrontConfig {
  readonly bus: BusConfig;
  readonly service: ServiceConfig;
  readonly port: number;
  /** Browser origins allowed to call the API directly (Open WebUI direct connections); `*` allows any. */
  readonly allowedOrigins: ReadonlySet<string>;
  readonly accessTokens: readonly string[];
  readonly apiTokenCacheMs: number;
  readonly maxBodyBytes: number;
  readonly toolTimeoutMs: number;
  readonly keepAliveMs: number;
  readonly llm:
    { readonly baseUrl: string; readonly apiKey?: string; readonly timeoutMs: number } | undefined;
  readonly llmModels: readonly string[];
  readonly modelsCacheMs: number;
  readonly maxToolRounds: number;
  readonly systemPrompt: string | undefined;
  /** `RATE_LIMIT` and `RATE_LIMIT_TOOLS` (per token, per tool), enforced by this replica alone. */
  readonly rateLimits: RateLimitConfig;
  /** `AUDIT_MAX_AGE`, `AUDIT_MAX_BYTES`, `AUDIT_REPLICAS`: the audit stream's retention. */
  readonly audit: AuditSettings;
  /** `TOOL_CACHE`: seconds to reuse results of read-only tools, by tool. */
  readonly toolCache: ReadonlyMap<string, number>;
  /** Take the client address (in audit records) from the last `X-Forwarded-For` hop. */
  readonly trustProxy: boolean;
}

export function readOpenAiFrontConfig(env: Env): OpenAiFrontConfig {
  const reader = new EnvReader(env);
  const llmUrl = reader.url('LLM_BASE_URL', undefined, ['http:', 'https:']);
  const apiKey = reader.string('LLM_API_KEY');
  const config: OpenAiFrontConfig = {
    bus: readBusConfig(reader),
    service: readServiceConfig(reader, 0),
    port: reader.port('OPENAI_PORT', 8081),
    allowedOrigins: new Set(reader.list('ALLOWED_ORIGINS').map((o) => o.replace(/\/$/, ''))),
    accessTokens: reader.list('ACCESS_TOKENS'),
    apiTokenCacheMs: reader.int('API_TOKEN_CACHE_MS', 30_000, { min: 0, max: 600_000 }),
    maxBodyBytes: reader.int('OPENAI_MAX_BODY_BYTES', 20 * 1_048_576, { min: 1024, max: 200 * 1_048_576 }),
    toolTimeoutMs: reader.int('TOOL_TIMEOUT_MS', 120_000, { min: 100, max: 600_000 }),
    keepAliveMs: reader.int('OPENAI_KEEPALIVE_MS', 10_000, { min: 100, max: 120_000 }),
    llm: llmUrl
      ? {
          baseUrl: llmUrl.href.replace(/\/+$/, ''),
          ...(apiKey ? { apiKey } : {}),
          timeoutMs: reader.int('LLM_TIMEOUT_MS', 300_000, { min: 1000, max: 3_600_000 }),
        }
      : undefined,
    llmModels: reader.list('LLM_MODELS'),
    modelsCacheMs: reader.int('LLM_MODELS_CACHE_MS', 60_000, { min: 0, max: 3_600_000 }),
    maxToolRounds: reader.int('LLM_MAX_TOOL_ROUNDS', 8, { min: 1, max: 50 }),
    systemPrompt: reader.string('SYSTEM_PROMPT'),
    rateLimits: readRateLimits(reader),
    audit: readAuditSettings(reader),
    toolCache: readToolCache(reader),
    trustProxy: reader.flag('TRUST_PROXY') ?? false,
  };
  reader.done();
  return config;
}
