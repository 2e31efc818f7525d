import type { RateLimitConfig } from './rate-config.js';
import { TokenBuckets, type Rate, type TokenBucketsOptions } from './token-buckets.js';

/** Where a request was refused, as `gateway_rate_limited_total` labels it. */
export type RateLimitSurface = 'mcp' | 'openai' | 'openapi' | 'oauth';
/** Which limit refused it: the token's, the (token, tool) pair's, or the client address's. */
export type RateLimitKind = 'token' | 'tool' | 'address';

/**
 * A refused request: the message a client (or a model) can read and `retryAfterMs` until a token is
 * back. An Error so that a Nest guard can throw it to the filter that writes the surface's 429.
 */
export class RateLimited extends Error {
  constructor(
    readonly limit: RateLimitKind,
    readonly retryAfterMs: number,
    message: string,
  ) {
    super(message);
    this.name = 'RateLimited';
  }

  /** The `Retry-After` value: whole seconds, rounded up, at least 1. */
  get retryAfterSeconds(): number {
    return retryAfterSeconds(this.retryAfterMs);
  }
}

export function retryAfterSeconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

/** Who is calling, as the fronts' principals say (`TokenPrincipal`, the MCP and chat principals). */
export interface RateLimitCaller {
  readonly subject: string;
  readonly clientId?: string;
}

/**
 * The bucket key of a caller's token. An API token's or `ACCESS_TOKENS` entry's subject names that token;
 * every OAuth access token has the owner as its subject, so there the client it was issued to tells the
 * tokens apart (Claude.ai and another MCP client get a bucket each).
 */
export function callerKey(caller: RateLimitCaller): string {
  return caller.clientId === undefined ? caller.subject : `${caller.subject}\u0000${caller.clientId}`;
}

export interface EdgeRateLimitsOptions extends TokenBucketsOptions {
  /** Called once per refused request (the fronts count `gateway_rate_limited_total` with it). */
  readonly onRefused?: (surface: RateLimitSurface, limit: RateLimitKind) => void;
}

/**
 * The limits one front replica enforces. They live in this process's memory: each replica has its own
 * buckets, so behind a load balancer spreading a token over N replicas the token can get up to N times
 * the limit. Sharing buckets over NATS would add a bus round trip to every request, the hot path this
 * gateway keeps to one bus exchange per tool call. Keys are the caller's token ({@link callerKey}), per
 * tool with a configured limit that key again in the tool's own buckets, or a client address.
 */
export class EdgeRateLimits {
  private readonly perToken: TokenBuckets | undefined;
  private readonly perTool: ReadonlyMap<string, TokenBuckets>;
  private readonly perAddress: TokenBuckets | undefined;

  constructor(
    config: RateLimitConfig,
    private readonly options: EdgeRateLimitsOptions = {},
  ) {
    this.perToken = config.perToken && new TokenBuckets(config.perToken, options);
    this.perTool = new Map(
      [...config.perTool].map(([tool, rate]) => [tool, new TokenBuckets(rate, options)]),
    );
    this.perAddress = config.oauthPerAddress && new TokenBuckets(config.oauthPerAddress, options);
  }

  /** One request of `caller`'s token; a refusal, or `undefined` to go ahead. */
  token(caller: RateLimitCaller, surface: RateLimitSurface): RateLimited | undefined {
    return this.take(
      this.perToken,
      callerKey(caller),
      surface,
      'token',
      (rate, wait) =>
        `Rate limit exceeded: this token may make ${count(rate.perMinute, 'request')} per minute${burst(rate)}; retry after ${wait} s`,
    );
  }

  /** One call of `tool` with `caller`'s token; tools without a configured limit always go ahead. */
  tool(caller: RateLimitCaller, tool: string, surface: RateLimitSurface): RateLimited | undefined {
    return this.take(
      this.perTool.get(tool),
      callerKey(caller),
      surface,
      'tool',
      (rate, wait) =>
        `Rate limit exceeded: ${tool} may be called ${count(rate.perMinute, 'time')} per minute per token${burst(rate)}; retry after ${wait} s`,
    );
  }

  /** One OAuth request from the client address `address`. */
  address(address: string, surface: RateLimitSurface): RateLimited | undefined {
    return this.take(
      this.perAddress,
      address,
      surface,
      'address',
      (rate, wait) =>
        `Too many requests from this address: at most ${rate.perMinute} per minute${burst(rate)}; retry after ${wait} s`,
    );
  }

  private take(
    buckets: TokenBuckets | undefined,
    key: string,
    surface: RateLimitSurface,
    limit: RateLimitKind,
    describe: (rate: Rate, seconds: number) => string,
  ): RateLimited | undefined {
    if (!buckets) return undefined;
    const taken = buckets.take(key);
    if (taken.ok) return undefined;
    this.options.onRefused?.(surface, limit);
    return new RateLimited(
      limit,
      taken.retryAfterMs,
      describe(buckets.rate, retryAfterSeconds(taken.retryAfterMs)),
    );
  }
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function burst(rate: Rate): string {
  return rate.burst === rate.perMinute ? '' : ` (bursts of ${rate.burst})`;
}
