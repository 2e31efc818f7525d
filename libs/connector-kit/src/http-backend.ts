import { Pool, errors as undiciErrors, type Dispatcher } from 'undici';
import { BusError } from '@mcp-gateway/contracts';
import type { Metrics } from '@mcp-gateway/observability';
import { FailedAnswer, isFailureStatus } from './backend-failures.js';
import type { Attempt, BackendPolicy } from './backend-policy.js';

export interface HttpBackendOptions {
  /** Connector name, for metrics and messages. */
  readonly connector: string;
  /** What users call the backend in messages, e.g. "Home Assistant". */
  readonly displayName: string;
  readonly baseUrl: URL;
  readonly headers: Readonly<Record<string, string>>;
  /** Upper bound for one attempt (`<NAME>_TIMEOUT_MS`); the call's deadline may cut it shorter. */
  readonly timeoutMs: number;
  readonly metrics: Metrics;
  /** The backend's breaker, retries and concurrency cap, shared with its other clients. */
  readonly policy: BackendPolicy;
  readonly connections?: number;
}

export interface BackendRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  readonly path: string;
  readonly query?: Readonly<Record<string, string | number | boolean | undefined>>;
  readonly body?: unknown;
  readonly signal?: AbortSignal | undefined;
  readonly timeoutMs?: number;
  /**
   * May be sent again after a transient failure. Defaults to true for GET only: a POST, PUT or DELETE is
   * retried only when the caller knows it has no effect, or one the backend dedupes.
   */
  readonly idempotent?: boolean;
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
 * A keep-alive HTTP client for one backend (undici Pool), every request through the backend's
 * {@link BackendPolicy}. Transport failures become wire errors (`BACKEND_UNAVAILABLE`, `TIMEOUT`,
 * `CANCELLED`); HTTP error statuses are returned for the connector to interpret, since each backend shapes
 * its errors differently (a 5xx or 429 only after the policy has counted it and, for an idempotent
 * request, tried again).
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
    try {
      return await this.options.policy.execute(
        {
          timeoutMs: req.timeoutMs ?? this.options.timeoutMs,
          idempotent: req.idempotent ?? req.method === 'GET',
          signal: req.signal,
        },
        (attempt) => this.send(req, attempt),
      );
    } catch (error) {
      if (error instanceof FailedAnswer) return error.answer as BackendResponse;
      throw error;
    }
  }

  close(): Promise<void> {
    return this.pool.close();
  }

  /** One attempt; a 5xx or 429 is thrown as a {@link FailedAnswer} so the policy sees it fail. */
  private async send(req: BackendRequest, attempt: Attempt): Promise<BackendResponse> {
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
        signal: attempt.signal,
        headersTimeout: attempt.timeoutMs,
        bodyTimeout: attempt.timeoutMs,
      });
      status = String(res.statusCode);
      const text = await res.body.text();
      const contentType = String(res.headers['content-type'] ?? '');
      const header = res.headers['retry-after'];
      const retryAfter = Array.isArray(header) ? header[0] : header;
      const answer: BackendResponse = {
        status: res.statusCode,
        contentType,
        text,
        body: parseBody(text, contentType),
        retryAfter,
      };
      if (isFailureStatus(res.statusCode)) {
        throw new FailedAnswer(answer, res.statusCode, parseRetryAfter(retryAfter));
      }
      return answer;
    } catch (error) {
      if (error instanceof FailedAnswer) throw error;
      if (
        error instanceof undiciErrors.HeadersTimeoutError ||
        error instanceof undiciErrors.BodyTimeoutError
      ) {
        status = 'timeout';
        throw new BusError(
          'TIMEOUT',
          `${this.options.displayName} did not answer within ${attempt.timeoutMs} ms.`,
        );
      }
      if (attempt.signal.aborted) {
        // The policy tells a timeout from a cancellation by whose signal fired.
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
