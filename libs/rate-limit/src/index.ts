/**
 * Rate limits of the fronts: token buckets per token, per (token, tool) and per client address, enforced
 * in each front replica's memory (see {@link EdgeRateLimits} for what that means with several replicas).
 */
export { TokenBuckets } from './token-buckets.js';
export type { Rate, Take, TokenBucketsOptions } from './token-buckets.js';
export { DEFAULT_OAUTH_RATE_LIMIT, DEFAULT_RATE_LIMIT, parseRate, readRateLimits } from './rate-config.js';
export type { RateLimitConfig } from './rate-config.js';
export { EdgeRateLimits, RateLimited, callerKey, retryAfterSeconds } from './edge-rate-limits.js';
export type {
  EdgeRateLimitsOptions,
  RateLimitCaller,
  RateLimitKind,
  RateLimitSurface,
} from './edge-rate-limits.js';
