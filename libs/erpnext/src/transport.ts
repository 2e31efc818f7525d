import { Pool, errors as undiciErrors, type Dispatcher } from 'undici';
import { BusError } from '@mcp-gateway/contracts';
import type { Metrics } from '@mcp-gateway/observability';

export interface TransportOptions {
  readonly baseUrl: URL;
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  readonly metrics: Metrics;
}

export interface TransportRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly path: string;
  readonly query?: Readonly<Record<string, string | undefined>>;
  readonly body?: unknown;
  readonly signal?: AbortSignal;
}

export interface TransportResponse {
  readonly status: number;
  readonly contentType: string;
  /** Parsed JSON when the site sent JSON, the text otherwise. */
  readonly body: unknown;
  readonly text: string;
  /** Seconds from `Retry-After` (Frappe's rate limiter sends it with 429). */
  readonly retryAfterSeconds: number | undefined;
}

/**
 * Keep-alive HTTP to one Frappe site (undici Pool), with the kit's transport semantics: a site that cannot
 * be reached is `BACKEND_UNAVAILABLE`, one that does not answer in time `TIMEOUT`, and the caller going
 * away `CANCELLED`. It differs from the kit's HttpBackend in one point Frappe needs: the response keeps
 * `Retry-After`, so a 429 can tell the model when to retry.
 */
export class FrappeTransport {
  private readonly pool: Pool;
  private readonly basePath: string;

  constructor(private readonly options: TransportOptions) {
    this.pool = new Pool(options.baseUrl.origin, {
      connections: 32,
      keepAliveTimeout: 30_000,
      connect: { timeout: Math.min(options.timeoutMs, 10_000) },
    });
    this.basePath = options.baseUrl.pathname.replace(/\/$/, '');
  }

  async request(req: TransportRequest): Promise<TransportResponse> {
    const started = performance.now();
    let status = 'error';
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
        headersTimeout: this.options.timeoutMs,
        bodyTimeout: this.options.timeoutMs,
      });
      status = String(res.statusCode);
      const text = await res.body.text();
      const contentType = String(res.headers['content-type'] ?? '');
      return {
        status: res.statusCode,
        contentType,
        text,
        body: parseBody(text, contentType),
        retryAfterSeconds: retryAfter(res.headers['retry-after']),
      };
    } catch (error) {
      if (
        error instanceof undiciErrors.HeadersTimeoutError ||
        error instanceof undiciErrors.BodyTimeoutError
      ) {
        status = 'timeout';
        throw new BusError('TIMEOUT', `ERPNext did not answer within ${this.options.timeoutMs} ms.`);
      }
      if (req.signal?.aborted) {
        status = 'cancelled';
        throw new BusError('CANCELLED', 'The call was cancelled.');
      }
      throw new BusError('BACKEND_UNAVAILABLE', `ERPNext is unreachable (${describe(error)}).`);
    } finally {
      this.options.metrics.backendDuration.observe(
        { connector: 'erpnext', status },
        (performance.now() - started) / 1000,
      );
    }
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

function queryString(query: TransportRequest['query']): string {
  if (!query) return '';
  const parts = Object.entries(query)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`);
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

/** `Retry-After` is delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
function retryAfter(header: string | string[] | undefined): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

function describe(error: unknown): string {
  if (error instanceof undiciErrors.ConnectTimeoutError) return 'connect timeout';
  const code =
    (error as { code?: unknown; cause?: { code?: unknown } }).code ??
    (error as { cause?: { code?: unknown } }).cause?.code;
  if (typeof code === 'string') return code;
  return error instanceof Error ? error.message.slice(0, 200) : 'unknown error';
}
