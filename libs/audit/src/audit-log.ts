import { AuditRecord, compileSchema, describeValidationErrors, type AuditKind } from '@mcp-gateway/contracts';

/** Where records are stored: the JetStream stream in production, a fake in unit tests. */
export interface AuditSink {
  /** False while the bus is disconnected: writing would only wait for a timeout. */
  readonly connected: boolean;
  /** Called after each reconnect; returns the unsubscribe. */
  onReconnect(listener: () => void): () => void;
  /** Makes sure the stream exists with the configured limits. */
  ensure(): Promise<void>;
  /** Resolves once the record is stored (acknowledged); a retried record is stored once. */
  write(record: AuditRecord): Promise<void>;
}

/** Why a record was lost (`gateway_audit_dropped_total{reason}`). */
export type DropReason = 'queue_full' | 'rate_limited' | 'shutdown' | 'invalid';

/** Told what happens to records, for metrics. */
export interface AuditObserver {
  stored(kind: AuditKind): void;
  dropped(kind: AuditKind, reason: DropReason): void;
  pending(count: number): void;
}

export interface AuditLogOptions {
  /** Records kept in memory while the stream cannot be written; beyond it new records are dropped. */
  readonly queueLimit?: number;
  /** Writes waiting for their acknowledgement at once. */
  readonly window?: number;
  /** The longest pause between two attempts while the stream cannot be written. */
  readonly retryMaxMs?: number;
  /** Auth failures recorded per second at most (and in a burst), so a flood of bad tokens cannot crowd out tool calls. */
  readonly authFailureRate?: { readonly perSecond: number; readonly burst: number };
  readonly observer?: AuditObserver;
  readonly log?: (message: string) => void;
}

const validate = compileSchema<AuditRecord>(AuditRecord.message);

/**
 * The front's side of the audit log. {@link record} never blocks a request: the record joins an in-memory
 * queue that is written to the stream in order, a window at a time, each write waiting for JetStream's
 * acknowledgement. A write that fails (NATS away, the stream missing, a timeout) stays queued and is tried
 * again with backoff, and at once after a reconnect; since the record id is the JetStream message id, a
 * write that was stored but not acknowledged is not stored twice (within the stream's two-minute
 * duplicate window). {@link flush} waits for the queue on shutdown.
 *
 * Lost are only: records beyond the queue limit while NATS stays away, auth failures beyond the rate cap,
 * records still unacknowledged when {@link flush} gives up, and whatever is queued when the process dies.
 */
export class AuditLog {
  private queue: AuditRecord[] = [];
  private draining = false;
  private ready = false;
  private stopped = false;
  private failures = 0;
  private full = false;
  private wake: (() => void) | undefined;
  private preparing: Promise<boolean> | undefined;
  private readonly queueLimit: number;
  private readonly window: number;
  private readonly retryMaxMs: number;
  private readonly authFailures: TokenBucket;
  private readonly observer: Partial<AuditObserver>;
  private readonly log: (message: string) => void;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly sink: AuditSink,
    options: AuditLogOptions = {},
  ) {
    this.queueLimit = options.queueLimit ?? 10_000;
    this.window = options.window ?? 64;
    this.retryMaxMs = options.retryMaxMs ?? 5_000;
    const rate = options.authFailureRate ?? { perSecond: 10, burst: 50 };
    this.authFailures = new TokenBucket(rate.perSecond, rate.burst);
    this.observer = options.observer ?? {};
    this.log = options.log ?? (() => undefined);
    this.unsubscribe = sink.onReconnect(() => {
      this.failures = 0;
      this.wake?.();
    });
  }

  /** Records waiting for their acknowledgement. */
  get pending(): number {
    return this.queue.length;
  }

  /** Creates the stream now rather than with the first record, so it can be read before any call. */
  start(): void {
    void this.prepare();
  }

  /** Queues a record for the stream; false when it was dropped (and counted). */
  record(record: AuditRecord): boolean {
    const { kind } = record;
    if (!validate(record)) {
      this.log(
        `audit record dropped, it does not match the contract: ${describeValidationErrors(validate.errors)}`,
      );
      this.observer.dropped?.(kind, 'invalid');
      return false;
    }
    if (this.stopped) {
      // A call that outlived the shutdown grace period: nothing writes any more.
      this.observer.dropped?.(kind, 'shutdown');
      return false;
    }
    if (record.kind === 'auth-failure' && !this.authFailures.take()) {
      this.observer.dropped?.(record.kind, 'rate_limited');
      return false;
    }
    if (this.queue.length >= this.queueLimit) {
      if (!this.full) {
        this.full = true;
        this.log(`audit queue full (${this.queueLimit} records waiting for NATS): new records are dropped`);
      }
      this.observer.dropped?.(record.kind, 'queue_full');
      return false;
    }
    this.queue.push(record);
    this.observer.pending?.(this.queue.length);
    // A drain that is waiting out a failure keeps waiting: the new record is no reason to hurry.
    if (!this.draining) void this.drain();
    return true;
  }

  /**
   * Waits until every queued record is acknowledged or `timeoutMs` has passed, then stops writing. Returns
   * how many records were left (and lost); they are counted as dropped with reason `shutdown`.
   */
  async flush(timeoutMs: number): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    this.failures = 0;
    this.wake?.();
    while (this.queue.length > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(20, deadline - Date.now())));
    }
    this.stopped = true;
    this.unsubscribe();
    this.wake?.();
    const left = this.queue;
    this.queue = [];
    for (const record of left) this.observer.dropped?.(record.kind, 'shutdown');
    this.observer.pending?.(0);
    if (left.length > 0) {
      this.log(
        `${left.length} audit records were lost: NATS did not acknowledge them within ${timeoutMs} ms`,
      );
    }
    return left.length;
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.queue.length > 0 && !this.stopped) {
        if (!this.sink.connected) {
          await this.pause(this.retryMaxMs);
          continue;
        }
        if (!(await this.prepare())) {
          await this.pause(this.backoff());
          continue;
        }
        await this.writeBatch();
      }
    } finally {
      this.draining = false;
    }
  }

  private async writeBatch(): Promise<void> {
    const batch = this.queue.slice(0, this.window);
    const results = await Promise.allSettled(
      batch.map((record) => this.sink.write(record).then(() => record)),
    );
    const stored = new Set<AuditRecord>();
    let failure: unknown;
    for (const result of results) {
      if (result.status === 'fulfilled') stored.add(result.value);
      else failure ??= result.reason;
    }
    if (stored.size > 0) {
      this.queue = this.queue.filter((record) => !stored.has(record));
      for (const record of stored) this.observer.stored?.(record.kind);
      this.observer.pending?.(this.queue.length);
      if (this.queue.length < this.queueLimit) this.full = false;
    }
    if (failure === undefined) {
      if (this.failures > 0) this.log('audit records are being written again');
      this.failures = 0;
      return;
    }
    // Perhaps the stream went away (deleted, or a NATS without its storage): check it before trying again.
    this.ready = false;
    this.failed(`audit records could not be written (${messageOf(failure)})`);
    await this.pause(this.backoff());
  }

  private prepare(): Promise<boolean> {
    if (this.ready) return Promise.resolve(true);
    this.preparing ??= this.sink
      .ensure()
      .then(
        () => {
          this.ready = true;
          return true;
        },
        (error: unknown) => {
          this.failed(`the audit stream could not be set up (${messageOf(error)})`);
          return false;
        },
      )
      .finally(() => (this.preparing = undefined));
    return this.preparing;
  }

  /** Counts a failure and says so, the first time and then every twentieth. */
  private failed(problem: string): void {
    this.failures++;
    if (this.failures === 1 || this.failures % 20 === 0) {
      this.log(`${problem}; ${this.queue.length} records kept in memory and retried`);
    }
  }

  private backoff(): number {
    return Math.min(100 * 2 ** Math.min(this.failures, 10), this.retryMaxMs);
  }

  /** Waits `ms`, or less when a reconnect, a new record or a flush wakes it. */
  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message || error.name : String(error);
}

/** A token bucket: `perSecond` refill, at most `burst` at once. */
class TokenBucket {
  private tokens: number;
  private last = Date.now();

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
  ) {
    this.tokens = burst;
  }

  take(now = Date.now()): boolean {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
