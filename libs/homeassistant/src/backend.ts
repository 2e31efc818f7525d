import { BusError } from '@mcp-gateway/contracts';
import { BackendPolicy, HttpBackend, type ConnectorBackend } from '@mcp-gateway/connector-kit';
import type { Metrics } from '@mcp-gateway/observability';
import type { BackendHealth } from '@mcp-gateway/contracts';
import type { HomeAssistantConfig } from './config.js';
import { RegistryCache, type Registries } from './registries.js';
import { HomeAssistantRequestError, HomeAssistantRest } from './rest-client.js';
import type { HassConfig, HassState } from './types.js';
import { HomeAssistantSocket } from './ws-client.js';

const CONFIG_TTL_MS = 10 * 60_000;

/** Everything the tools reach Home Assistant through: REST, the WebSocket, and cached registries and config. */
export class HomeAssistantBackend implements ConnectorBackend {
  readonly rest: HomeAssistantRest;
  readonly ws: HomeAssistantSocket;
  private readonly http: HttpBackend;
  private readonly registryCache: RegistryCache;
  private config: { readonly at: number; readonly value: HassConfig } | undefined;

  constructor(
    config: HomeAssistantConfig,
    metrics: Metrics,
    options: { registryTtlMs?: number; heartbeatMs?: number; policy?: BackendPolicy } = {},
  ) {
    // REST and WebSocket share one breaker and one concurrency cap: they are the same Home Assistant.
    const policy =
      options.policy ??
      new BackendPolicy({ connector: 'homeassistant', displayName: 'Home Assistant', metrics });
    this.http = new HttpBackend({
      connector: 'homeassistant',
      displayName: 'Home Assistant',
      baseUrl: config.baseUrl,
      headers: { authorization: `Bearer ${config.token}` },
      timeoutMs: config.timeoutMs,
      metrics,
      policy,
    });
    this.rest = new HomeAssistantRest(this.http);
    this.ws = new HomeAssistantSocket({
      url: websocketUrl(config.baseUrl),
      token: config.token,
      timeoutMs: config.timeoutMs,
      policy,
      ...(options.heartbeatMs !== undefined ? { heartbeatMs: options.heartbeatMs } : {}),
    });
    this.registryCache = new RegistryCache(this.ws, options.registryTtlMs);
  }

  /** `GET /api/` answers `{"message": "API running."}` with a valid token. */
  async probe(signal: AbortSignal): Promise<Pick<BackendHealth, 'healthy' | 'detail'>> {
    try {
      const body = await this.rest.get<{ message?: string }>('/api/', { signal });
      return { healthy: true, detail: body.message ?? 'API running.' };
    } catch (error) {
      return {
        healthy: false,
        detail: error instanceof Error ? error.message.slice(0, 200) : 'probe failed',
      };
    }
  }

  registries(signal?: AbortSignal): Promise<Registries> {
    return this.registryCache.get(signal);
  }

  /** `GET /api/config`, kept for ten minutes: the time zone and units change about never. */
  async haConfig(signal?: AbortSignal): Promise<HassConfig> {
    if (this.config && Date.now() - this.config.at < CONFIG_TTL_MS) return this.config.value;
    const value = await this.rest.get<HassConfig>('/api/config', signal ? { signal } : {});
    this.config = { at: Date.now(), value };
    return value;
  }

  /** `GET /api/states/<id>`, or undefined when Home Assistant does not know the entity. */
  async state(id: string, signal: AbortSignal): Promise<HassState | undefined> {
    try {
      return await this.rest.get<HassState>(`/api/states/${id}`, { signal });
    } catch (error) {
      if (error instanceof HomeAssistantRequestError && error.status === 404) return undefined;
      throw error;
    }
  }

  /** Home Assistant's time zone, or UTC when the config cannot be read (times then carry `Z`). */
  async timeZone(signal?: AbortSignal): Promise<string> {
    try {
      return (await this.haConfig(signal)).time_zone ?? 'UTC';
    } catch (error) {
      if (error instanceof BusError && (error.code === 'CANCELLED' || error.code === 'BACKEND_AUTH_FAILED'))
        throw error;
      return 'UTC';
    }
  }

  async close(): Promise<void> {
    await Promise.all([this.ws.close(), this.http.close()]);
  }
}

function websocketUrl(base: URL): URL {
  const url = new URL(base.href);
  url.protocol = base.protocol === 'https:' ? 'wss:' : 'ws:';
  url.pathname = `${base.pathname.replace(/\/$/, '')}/api/websocket`;
  url.search = '';
  url.hash = '';
  return url;
}
