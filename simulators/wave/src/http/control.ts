/**
 * Test hooks the simulator exposes, in process (`sim.control`) and over HTTP under `/__simulator/`,
 * so end-to-end tests that run the simulator as a process can steer it too.
 */
export class SimulatorControl {
  private rateLimited = 0;
  private retryAfterSeconds = 1;
  private rateLimitedOperation: string | undefined;
  latencyMs: number;
  token: string;
  /** Tokens replaced with `setToken`: refused at the edge with 401, like a revoked Wave token. */
  readonly revoked = new Set<string>();

  constructor(token: string, latencyMs: number) {
    this.token = token;
    this.latencyMs = latencyMs;
  }

  /**
   * The next `count` GraphQL requests get HTTP 429 with `Retry-After: retryAfterSeconds`; with
   * `operationName`, only requests for that operation count (so a health probe does not eat them).
   */
  rateLimitNext(count: number, retryAfterSeconds = 1, operationName?: string): void {
    this.rateLimited = Math.max(0, Math.floor(count));
    this.retryAfterSeconds = Math.max(0, Math.floor(retryAfterSeconds));
    this.rateLimitedOperation = operationName;
  }

  /** Consumes one queued 429 for this request, returning its Retry-After in seconds. */
  takeRateLimit(operationName: string | undefined): number | undefined {
    if (this.rateLimited <= 0) return undefined;
    if (this.rateLimitedOperation !== undefined && operationName !== this.rateLimitedOperation)
      return undefined;
    this.rateLimited -= 1;
    return this.retryAfterSeconds;
  }

  /** Accepts `token` from now on; the previous token is revoked (401 at the edge). */
  setToken(token: string): void {
    if (token === this.token) return;
    this.revoked.add(this.token);
    this.revoked.delete(token);
    this.token = token;
  }
}
