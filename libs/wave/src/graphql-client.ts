import { BusError } from '@mcp-gateway/contracts';
import { remainingMs } from '@mcp-gateway/connector-kit';
import { graphQLErrorsToError, type WaveGraphQLErrorEntry } from './errors.js';
import { DEFAULT_RETRY, isRetryableStatus, retryDelayMs, sleep, type RetryPolicy } from './retry.js';
import type { GraphQLTransport, RawResponse } from './transport.js';

export interface GraphQLClientOptions {
  readonly retry?: RetryPolicy;
  /** Injected in tests, so backoff runs without waiting. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly now?: () => number;
  /** Called before each retry; the connector logs nothing per request, tests record the delays. */
  readonly onRetry?: (info: { attempt: number; status: number; delayMs: number }) => void;
}

export interface GraphQLCallOptions {
  readonly signal?: AbortSignal;
  /**
   * Whether a 502/503/504 may be retried: true for queries and for mutations Wave dedupes. A 429 is
   * always retried, since Wave did not run the request.
   */
  readonly idempotent: boolean;
}

/**
 * Wave's GraphQL API: one POST per operation, 429 and transient 5xx retried with backoff (only when the
 * wait still fits before the tool call's deadline), HTTP and GraphQL errors turned into the errors a
 * caller should see (backends.md §4.3).
 */
export class WaveGraphQL {
  private readonly retry: RetryPolicy;
  private readonly wait: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly now: () => number;

  constructor(
    private readonly transport: GraphQLTransport,
    private readonly options: GraphQLClientOptions = {},
  ) {
    this.retry = options.retry ?? DEFAULT_RETRY;
    this.wait = options.sleep ?? sleep;
    this.now = options.now ?? Date.now;
  }

  /** Runs a query or mutation and returns `data`; throws on any error. */
  async request<T>(
    query: string,
    variables: Readonly<Record<string, unknown>>,
    options: GraphQLCallOptions,
  ): Promise<T> {
    const operationName = /^\s*(?:query|mutation)\s+(\w+)/.exec(query)?.[1];
    const body = { query, variables, ...(operationName ? { operationName } : {}) };
    for (let attempt = 0; ; attempt++) {
      const res = await this.transport.post(body, options.signal);
      const retryable = res.status === 429 || (options.idempotent && isRetryableStatus(res.status));
      if (retryable) {
        const delayMs = retryDelayMs(attempt, res.retryAfter, this.now());
        if (attempt < this.retry.maxRetries && delayMs <= this.retry.maxDelayMs && fitsDeadline(delayMs)) {
          this.options.onRetry?.({ attempt, status: res.status, delayMs });
          await this.wait(delayMs, options.signal);
          continue;
        }
        if (res.status === 429) throw rateLimited(delayMs);
      }
      return this.interpret<T>(res);
    }
  }

  close(): Promise<void> {
    return this.transport.close();
  }

  private interpret<T>(res: RawResponse): T {
    const body = res.body;
    const errors = errorsOf(body);
    if (res.status === 401 || res.status === 403) {
      throw new BusError(
        'BACKEND_AUTH_FAILED',
        `Wave rejected the access token (HTTP ${res.status}). Check WAVE_TOKEN: it may be revoked or expired, or lack the needed scope.`,
      );
    }
    if (res.status >= 500) {
      throw new BusError('BACKEND_ERROR', `Wave answered HTTP ${res.status}; try again later.`);
    }
    // Some GraphQL servers answer validation failures with 400 and the usual `errors` body.
    if (errors && errors.length > 0) throw graphQLErrorsToError(errors);
    if (res.status !== 200) throw new BusError('BACKEND_ERROR', `Wave answered HTTP ${res.status}.`);
    const data = body !== null && typeof body === 'object' ? (body as { data?: unknown }).data : undefined;
    if (data === null || data === undefined || typeof data !== 'object') {
      throw new BusError('BACKEND_ERROR', 'Wave answered without data.');
    }
    return data as T;
  }
}

/** A retry is worth its wait only if it leaves a second for the request before the call's deadline. */
function fitsDeadline(delayMs: number): boolean {
  const left = remainingMs();
  return left === undefined || left - delayMs >= 1_000;
}

function rateLimited(delayMs: number): BusError {
  const seconds = Math.max(1, Math.ceil(delayMs / 1000));
  return new BusError(
    'RATE_LIMITED',
    `Wave is rate limiting this token; try again in about ${seconds} s.`,
    delayMs,
  );
}

function errorsOf(body: unknown): WaveGraphQLErrorEntry[] | undefined {
  if (body === null || typeof body !== 'object') return undefined;
  const errors = (body as { errors?: unknown }).errors;
  if (!Array.isArray(errors)) return undefined;
  return errors.map((e: unknown) => {
    const entry = (e ?? {}) as Record<string, unknown>;
    const extensions = (entry['extensions'] ?? {}) as Record<string, unknown>;
    const path = Array.isArray(entry['path']) ? (entry['path'] as (string | number)[]) : undefined;
    return {
      message: typeof entry['message'] === 'string' ? entry['message'] : 'error',
      ...(path ? { path } : {}),
      extensions: {
        ...(typeof extensions['code'] === 'string' ? { code: extensions['code'] } : {}),
        ...(typeof extensions['id'] === 'string' ? { id: extensions['id'] } : {}),
      },
    };
  });
}
