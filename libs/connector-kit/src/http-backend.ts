import { Pool, errors as undiciErrors, type Dispatcher } from 'undici';
import { BusError } from '@mcp-gateway/contracts';
import type { Metrics } from '@mcp-gateway/observability';

export interface HttpBackendOptions {
  /** Connector name, for metrics and messages. */
  readonly connector: string;
  /** What users call the backend in messages, e.g. "Home Assistant". */
  readonly displayName: string;
  readonly baseUrl: URL;
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  readonly metrics: Metrics;
  readonly connections?: number;
}

export interface BackendRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  readonly path: string;
  readonly query?: Readonly<Record<string, string | number | boolean | undefined>>;
  readonly body?: unknown;
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
}

export interface BackendResponse {
  readonly status: number;
  readonly contentType: string;
  /** Parsed JSON when the backend sent JSON, the text otherwise. */
  readonly body: unknown;
  readonly text: string;
  /** The `Retry-After` header as sent (429, 503); read it with {@link parseRetryAfter}. */
  readonly retryAfter: string | undefined;
}

/**
 * A keep-alive HTTP client for one backend (undici Pool). Transport failures become wire errors
 * (`BACKEND_UNAVAILABLE`, `TIMEOUT`, `CANCELLED`); HTTP error statuses are returned for the connector to
 * interpret, since each backend shapes its errors differently.
 */
export class HttpBackend {
  private readonly pool: Pool;
  private readonly basePath: string;

  constructor(private readonly options: HttpBackendOptions) {
    this.pool = new Pool(options.baseUrl.origin, {
      connections: options.connections ?? 32,
      keepAliveTimeout: 30_000,
      connect: { timeout: Math.min(options.timeoutMs, 10_000) },
    });
    this.basePath = options.baseUrl.pathname.replace(/\/$/, '');
  }

  async request(req: BackendRequest): Promise<BackendResponse> {
    const started = performance.now();
    let status = 'error';
    const timeoutMs = req.timeoutMs ?? this.options.timeoutMs;
    try {
      const headers: Record<string, string> = { accept: 'application/json', ...this.options.headers };
      let body: string | undefined;
      if (req.body !== undefined) {
        headers['content-type'] = 'application/json';
        body = JSON.stringify(req.body);
      }
      const res: Dispatcher.ResponseData = await this.pool.request({
        method: req.method,
        path: this.basePath + req.path + queryString(req.query),
        headers,
        body,
        signal: req.signal,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      status = String(res.statusCode);
      const text = await res.body.text();
      const contentType = String(res.headers['content-type'] ?? '');
      const retryAfter = res.headers['retry-after'];
      return {
        status: res.statusCode,
        contentType,
        text,
        body: parseBody(text, contentType),
        retryAfter: Array.isArray(retryAfter) ? retryAfter[0] : retryAfter,
      };
    } catch (error) {
      if (
        error instanceof undiciErrors.HeadersTimeoutError ||
        error instanceof undiciErrors.BodyTimeoutError
      ) {
        status = 'timeout';
        throw new BusError('TIMEOUT', `${this.options.displayName} did not answer within ${timeoutMs} ms.`);
      }
      if (req.signal?.aborted) {
        status = 'cancelled';
        throw new BusError('CANCELLED', 'The call was cancelled.');
      }
      throw new BusError(
        'BACKEND_UNAVAILABLE',
        `${this.options.displayName} is unreachable (${describe(error)}).`,
      );
    } finally {
      this.options.metrics.backendDuration.observe(
        { connector: this.options.connector, status },
        (performance.now() - started) / 1000,
      );
    }
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

/**
 * `Retry-After` in milliseconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3); undefined when absent
 * or unreadable.
 */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function queryString(query: BackendRequest['query']): string {
  if (!query) return '';
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === false) continue;
    // Home Assistant and others use bare flags (`?return_response`, `?minimal_response`).
    parts.push(
      value === true
        ? encodeURIComponent(key)
        : `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`,
    );
  }
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}

function parseBody(text: string, contentType: string): unknown {
  if (!contentType.includes('json') || text === '') return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function describe(error: unknown): string {
  if (error instanceof undiciErrors.ConnectTimeoutError) return 'connect timeout';
  const code =
    (error as { code?: unknown; cause?: { code?: unknown } }).code ??
    (error as { cause?: { code?: unknown } }).cause?.code;
  if (typeof code === 'string') return code;
  return error instanceof Error ? error.message.slice(0, 200) : 'unknown error';
}
