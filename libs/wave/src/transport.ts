import { Pool, errors as undiciErrors } from 'undici';
import { BusError } from '@mcp-gateway/contracts';
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
}

/**
 * POSTs GraphQL bodies to Wave's single endpoint over a keep-alive undici pool. Like the kit's
 * HttpBackend, transport failures become wire errors (BACKEND_UNAVAILABLE, TIMEOUT, CANCELLED); unlike
 * it, the `Retry-After` header comes back too, since Wave's rate limiting asks clients to honour it.
 */
export class WaveHttp implements GraphQLTransport {
  private readonly pool: Pool;

  constructor(private readonly options: WaveHttpOptions) {
    this.pool = new Pool(options.url.origin, {
      // Wave tolerates "roughly two concurrent requests" per token (backends.md §4.3).
      connections: 4,
      keepAliveTimeout: 30_000,
      connect: { timeout: Math.min(options.timeoutMs, 10_000) },
    });
  }

  async post(body: GraphQLBody, signal: AbortSignal | undefined): Promise<RawResponse> {
    const started = performance.now();
    let status = 'error';
    try {
      const res = await this.pool.request({
        method: 'POST',
        path: this.options.url.pathname + this.options.url.search,
        headers: {
          accept: 'application/json',
          'content-type': 'application/json',
          authorization: `Bearer ${this.options.token}`,
        },
        body: JSON.stringify(body),
        signal,
        headersTimeout: this.options.timeoutMs,
        bodyTimeout: this.options.timeoutMs,
      });
      status = String(res.statusCode);
      const text = await res.body.text();
      const retryAfter = res.headers['retry-after'];
      return {
        status: res.statusCode,
        retryAfter: Array.isArray(retryAfter) ? retryAfter[0] : retryAfter,
        body: parse(text, String(res.headers['content-type'] ?? '')),
      };
    } catch (error) {
      if (
        error instanceof undiciErrors.HeadersTimeoutError ||
        error instanceof undiciErrors.BodyTimeoutError
      ) {
        status = 'timeout';
        throw new BusError('TIMEOUT', `Wave did not answer within ${this.options.timeoutMs} ms.`);
      }
      if (signal?.aborted) {
        status = 'cancelled';
        throw new BusError('CANCELLED', 'The call was cancelled.');
      }
      throw new BusError('BACKEND_UNAVAILABLE', `Wave is unreachable (${describe(error)}).`);
    } finally {
      this.options.metrics.backendDuration.observe(
        { connector: 'wave', status },
        (performance.now() - started) / 1000,
      );
    }
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

function parse(text: string, contentType: string): unknown {
  if (text === '' || !(contentType.includes('json') || /^\s*[{[]/.test(text))) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function describe(error: unknown): string {
  if (error instanceof undiciErrors.ConnectTimeoutError) return 'connect timeout';
  const code = (error as { code?: unknown }).code ?? (error as { cause?: { code?: unknown } }).cause?.code;
  if (typeof code === 'string') return code;
  return error instanceof Error ? error.message.slice(0, 200) : 'unknown error';
}
