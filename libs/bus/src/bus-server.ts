import { Server, type CustomTransportStrategy } from '@nestjs/microservices';
import { isObservable, lastValueFrom } from 'rxjs';
import type { Msg, Subscription } from '@nats-io/transport-node';
import {
  BusError,
  compileSchema,
  describeValidationErrors,
  type ReplyEnvelope,
  type RequestOperation,
} from '@mcp-gateway/contracts';
import type { TSchema } from '@sinclair/typebox';
import type { BusConnection } from './bus-connection.js';
import { BusContext } from './bus-context.js';
import { decode, encode } from './codec.js';

/** Where one operation is served: its concrete subject and queue group. */
export interface Binding {
  readonly operation: RequestOperation<TSchema, TSchema, never>;
  readonly subject: string;
  readonly queue: string;
  /** Whether the request payload asks for progress envelopes. */
  readonly wantsProgress?: (payload: unknown) => boolean;
  /** Whether the request payload asks to be acknowledged (an `accepted` envelope) before it runs. */
  readonly wantsAck?: (payload: unknown) => boolean;
}

export interface BusServerOptions {
  /** How long {@link BusServer.close} waits for calls in flight. */
  readonly drainTimeoutMs?: number;
  /** This replica's instance id, sent in `accepted` envelopes. */
  readonly instance?: string;
}

/**
 * A Nest transport strategy on our own NATS wire. Handlers are declared with
 * `@MessagePattern(Operation.name)` and must return a {@link ReplyEnvelope}; the strategy subscribes each
 * to its bound subject in a queue group, validates every payload against the contract before the handler
 * runs, acknowledges requests that ask for it, and on close stops taking work, lets in-flight calls finish,
 * then returns.
 */
export class BusServer extends Server implements CustomTransportStrategy {
  private readonly subscriptions: Subscription[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private readonly shutdown = new AbortController();

  private readonly drainTimeoutMs: number;

  constructor(
    private readonly bus: BusConnection,
    private readonly bindings: readonly Binding[],
    private readonly options: BusServerOptions = {},
  ) {
    super();
    this.drainTimeoutMs = options.drainTimeoutMs ?? 25_000;
  }

  get inFlightCount(): number {
    return this.inFlight.size;
  }

  listen(callback: (...optionalParams: unknown[]) => void): void {
    try {
      for (const binding of this.bindings) {
        const handler = this.getHandlerByPattern(binding.operation.name);
        if (!handler)
          throw new Error(`No @MessagePattern('${binding.operation.name}') handler is registered`);
        const validate = compileSchema(binding.operation.request);
        const sub = this.bus.nc.subscribe(binding.subject, {
          queue: binding.queue,
          callback: (err, msg) => {
            if (err) return;
            const work = this.handle(binding, validate, handler, msg);
            this.inFlight.add(work);
            void work.finally(() => this.inFlight.delete(work));
          },
        });
        this.subscriptions.push(sub);
      }
      callback();
    } catch (error) {
      callback(error);
    }
  }

  async close(): Promise<void> {
    await Promise.allSettled(this.subscriptions.map((sub) => sub.drain()));
    const deadline = new Promise<void>((resolve) => setTimeout(resolve, this.drainTimeoutMs).unref());
    await Promise.race([Promise.allSettled([...this.inFlight]), deadline]);
    this.shutdown.abort();
  }

  on(): void {
    // Connection events are observed through BusConnection.onStatus.
  }

  unwrap<T>(): T {
    return this.bus.nc as T;
  }

  private async handle(
    binding: Binding,
    validate: ReturnType<typeof compileSchema>,
    handler: (data: unknown, ctx: BusContext) => Promise<unknown>,
    msg: Msg,
  ): Promise<void> {
    const payload = decode(msg.data);
    if (!validate(payload)) {
      const problem = payload === undefined ? 'body is not JSON' : describeValidationErrors(validate.errors);
      this.reply(msg, {
        ok: false,
        error: new BusError('INVALID_REQUEST', `Invalid ${binding.operation.name}: ${problem}`).toWire(),
      });
      return;
    }
    if (this.options.instance !== undefined && binding.wantsAck?.(payload) === true) {
      // Before anything else: from here on the caller knows which replica to watch.
      this.reply(msg, { accepted: { instance: this.options.instance } });
    }
    const streaming = binding.wantsProgress?.(payload) === true && msg.reply !== undefined;
    const ctx = new BusContext(
      binding.subject,
      streaming ? (progress) => this.reply(msg, { progress }) : undefined,
      this.shutdown.signal,
    );
    let envelope: ReplyEnvelope<unknown>;
    try {
      const out = await handler(payload, ctx);
      envelope = (isObservable(out) ? await lastValueFrom(out) : out) as ReplyEnvelope<unknown>;
      if (!envelope || typeof envelope !== 'object' || !('ok' in envelope)) {
        throw new Error(`Handler for ${binding.operation.name} did not return a reply envelope`);
      }
    } catch (error) {
      if (error instanceof BusError) {
        // A handler registered directly (not through a Nest controller, whose RPC proxy turns every
        // exception into its own error object) may throw a wire error: that is an answer, not a failure.
        this.reply(msg, { ok: false, error: error.toWire() });
        return;
      }
      this.logger.error(
        `${binding.operation.name} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
      envelope = {
        ok: false,
        error: { code: 'INTERNAL', message: 'The service failed while handling the request.' },
      };
    }
    this.reply(msg, envelope);
  }

  private reply(msg: Msg, envelope: ReplyEnvelope<unknown>): void {
    if (!msg.reply || this.bus.nc.isClosed()) return;
    msg.respond(encode(envelope));
  }
}
