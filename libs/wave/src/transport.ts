import { HttpBackend, type BackendPolicy } from '@mcp-gateway/connector-kit';
import type { Metrics } from '@mcp-gateway/observability';

/** A GraphQL request body (backends.md §4.1). */
export interface GraphQLBody {
  readonly query: string;
  readonly variables?: Readonly<Record<string, unknown>>;
  readonly operationName?: string;
}

export interface RawResponse {
  readonly status: number;
  /** The `Retry-After` header, when Wave sent one (429, 503). */
  readonly retryAfter: string | undefined;
  /** Parsed JSON when the body was JSON, the text otherwise. */
  readonly body: unknown;
}

/** How the GraphQL client reaches Wave; tests hand it a scripted fake. */
export interface GraphQLTransport {
  post(body: GraphQLBody, signal: AbortSignal | undefined): Promise<RawResponse>;
  close(): Promise<void>;
}

export interface WaveHttpOptions {
  readonly url: URL;
  readonly token: string;
  readonly timeoutMs: number;
  readonly metrics: Metrics;
  readonly policy: BackendPolicy;
}

/**
 * POSTs GraphQL bodies to Wave's single endpoint through the kit's HttpBackend (keep-alive pool; the
 * backend policy's breaker and concurrency cap; transport failures become BACKEND_UNAVAILABLE, TIMEOUT or
 * CANCELLED), handing back the `Retry-After` header that Wave's rate limiting asks clients to honour. The
 * POSTs are not marked idempotent, so the policy never retries them: {@link WaveGraphQL} does, knowing
 * which operations are safe to repeat.
 */
export class WaveHttp implements GraphQLTransport {
  private readonly http: HttpBackend;

  constructor(private readonly options: WaveHttpOptions) {
    this.http = new HttpBackend({
      connector: 'wave',
      displayName: 'Wave',
      baseUrl: options.url,
      headers: { authorization: `Bearer ${options.token}` },
      timeoutMs: options.timeoutMs,
      metrics: options.metrics,
      // As many connections as the policy lets requests through (4 by default: Wave tolerates "roughly
      // two concurrent requests" per token, backends.md §4.3), so none waits in the pool on its timer.
      policy: options.policy,
      connections: options.policy.settings.maxConcurrency,
    });
  }

  async post(body: GraphQLBody, signal: AbortSignal | undefined): Promise<RawResponse> {
    const res = await this.http.request({
      method: 'POST',
      path: this.options.url.search,
      body,
      ...(signal ? { signal } : {}),
    });
    return { status: res.status, retryAfter: res.retryAfter, body: looseJson(res.body) };
  }

  close(): Promise<void> {
    return this.http.close();
  }
}

/** A JSON body sent without a JSON content type is still read as JSON. */
function looseJson(body: unknown): unknown {
  if (typeof body !== 'string' || !/^\s*[{[]/.test(body)) return body;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return body;
  }
}
