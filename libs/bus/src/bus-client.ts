import {
  ClosedConnectionError,
  DrainingConnectionError,
  NoRespondersError,
  TimeoutError,
  type Msg,
  type Subscription,
} from '@nats-io/transport-node';
import {
  BusError,
  compileSchema,
  describeValidationErrors,
  type EventOperation,
  type ProgressUpdate,
  type RequestOperation,
} from '@mcp-gateway/contracts';
import type { Static, TSchema } from '@sinclair/typebox';
import type { BusConnection } from './bus-connection.js';
import { decode, decodeReply, encode } from './codec.js';
import { ReplyMux } from './reply-mux.js';

export interface RequestOptions {
  /** Overrides the operation's default timeout. */
  readonly timeoutMs?: number;
  /** Aborting rejects the request with `CANCELLED` at once. */
  readonly signal?: AbortSignal;
  /** Receives progress envelopes; the request then takes a reply subject of its own. */
  readonly onProgress?: (update: ProgressUpdate) => void;
  /**
   * Receives the instance id from an `accepted` envelope (for requests that ask the responder to
   * acknowledge them); the request then takes a reply subject of its own.
   */
  readonly onAccepted?: (instance: string) => void;
}

export type RequestOutcome = 'ok' | 'error' | 'timeout' | 'no_responders' | 'unavailable' | 'cancelled';

/** Called once per request, for metrics. */
export type RequestObserver = (operation: string, seconds: number, outcome: RequestOutcome) => void;

/** Typed caller for bus operations: subject, timeout and decoding all come from the contract. */
export class BusClient {
  private mux: ReplyMux | undefined;

  constructor(
    private readonly bus: BusConnection,
    private readonly observe: RequestObserver = () => undefined,
  ) {}

  get prefix(): string {
    return this.bus.prefix;
  }

  get connected(): boolean {
    return this.bus.connected;
  }

  /** Called with `true` after a reconnect and `false` on a disconnect; returns the unsubscribe. */
  onStatus(listener: (connected: boolean) => void): () => void {
    return this.bus.onStatus(listener);
  }

  async request<Req extends TSchema, Res extends TSchema, P>(
    op: RequestOperation<Req, Res, P>,
    params: P,
    payload: Static<Req>,
    options: RequestOptions = {},
  ): Promise<Static<Res>> {
    const started = performance.now();
    let outcome: RequestOutcome = 'error';
    try {
      if (!this.bus.connected) {
        outcome = 'unavailable';
        throw new BusError('BUS_UNAVAILABLE', 'The message bus is not connected; try again shortly.');
      }
      if (options.signal?.aborted) {
        outcome = 'cancelled';
        throw new BusError('CANCELLED', 'The request was cancelled.');
      }
      const subject = op.subject(this.bus.prefix, params);
      const timeoutMs = options.timeoutMs ?? op.timeoutMs;
      const data = encode(payload);
      const reply =
        options.onProgress || options.onAccepted
          ? await this.streamed(subject, data, timeoutMs, options)
          : await this.unary(subject, data, timeoutMs, options.signal);
      const envelope = decodeReply(op, reply.data);
      if ('ok' in envelope && envelope.ok) {
        outcome = 'ok';
        return envelope.result;
      }
      if ('error' in envelope)
        throw new BusError(envelope.error.code, envelope.error.message, envelope.error.retryAfterMs);
      throw new BusError('INTERNAL', `Unexpected interim reply on ${op.name}`);
    } catch (error) {
      const mapped = this.mapError(error, op.name);
      if (outcome === 'error') outcome = outcomeOf(mapped);
      throw mapped;
    } finally {
      this.observe(op.name, (performance.now() - started) / 1000, outcome);
    }
  }

  /** Publishes an event after checking it against its contract. */
  publish<Msg extends TSchema, P>(op: EventOperation<Msg, P>, params: P, message: Static<Msg>): void {
    const validate = compileSchema(op.message);
    if (!validate(message)) {
      throw new BusError(
        'INVALID_REQUEST',
        `Invalid ${op.name} message: ${describeValidationErrors(validate.errors)}`,
      );
    }
    if (this.bus.nc.isClosed() || this.bus.nc.isDraining()) return;
    this.bus.nc.publish(op.subject(this.bus.prefix, params), encode(message));
  }

  /**
   * Subscribes to an event. Every subscriber receives every message (no queue group). Messages that do
   * not match the contract are dropped and reported to `onInvalid`.
   */
  subscribe<Msg extends TSchema, P>(
    op: EventOperation<Msg, P>,
    params: P,
    handler: (message: Static<Msg>) => void,
    onInvalid: (problem: string) => void = () => undefined,
  ): Subscription {
    const validate = compileSchema<Static<Msg>>(op.message);
    return this.bus.nc.subscribe(op.subject(this.bus.prefix, params), {
      callback: (err, msg) => {
        if (err) return;
        const value = decode(msg.data);
        if (!validate(value)) {
          onInvalid(`${op.name}: ${describeValidationErrors(validate.errors)}`);
          return;
        }
        handler(value);
      },
    });
  }

  private unary(subject: string, data: Uint8Array, timeoutMs: number, signal?: AbortSignal): Promise<Msg> {
    const request = this.bus.nc.request(subject, data, { timeout: timeoutMs });
    if (!signal) return request;
    return new Promise<Msg>((resolve, reject) => {
      const onAbort = () => reject(new BusError('CANCELLED', 'The request was cancelled.'));
      signal.addEventListener('abort', onAbort, { once: true });
      request.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
  }

  /**
   * A request with a reply subject of its own, so the responder can acknowledge it and send progress
   * envelopes before the result.
   */
  private streamed(
    subject: string,
    data: Uint8Array,
    timeoutMs: number,
    options: Pick<RequestOptions, 'signal' | 'onProgress' | 'onAccepted'>,
  ): Promise<Msg> {
    const { signal, onProgress, onAccepted } = options;
    const nc = this.bus.nc;
    this.mux ??= new ReplyMux(nc);
    const mux = this.mux;
    return new Promise<Msg>((resolve, reject) => {
      const finish = (settle: () => void) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        inbox.close();
        settle();
      };
      const onAbort = () => finish(() => reject(new BusError('CANCELLED', 'The request was cancelled.')));
      const timer = setTimeout(() => finish(() => reject(new TimeoutError())), timeoutMs);
      const inbox = mux.open((msg) => {
        if (msg.data.length === 0 && msg.headers?.code === 503) {
          return finish(() => reject(new NoRespondersError(subject)));
        }
        const value = decode(msg.data);
        if (isObject(value) && 'progress' in value && isObject(value['progress'])) {
          onProgress?.(value['progress'] as ProgressUpdate);
          return undefined;
        }
        if (isObject(value) && 'accepted' in value && isObject(value['accepted'])) {
          const instance = value['accepted']['instance'];
          if (typeof instance === 'string') onAccepted?.(instance);
          return undefined;
        }
        return finish(() => resolve(msg));
      });
      signal?.addEventListener('abort', onAbort, { once: true });
      nc.publish(subject, data, { reply: inbox.subject });
    });
  }

  /**
   * Answers a request operation in this process only (no queue group): for subjects that name one
   * replica, like its ping. Invalid requests get an `INVALID_REQUEST` envelope.
   */
  serve<Req extends TSchema, Res extends TSchema, P>(
    op: RequestOperation<Req, Res, P>,
    params: P,
    handler: (request: Static<Req>) => Static<Res>,
  ): Subscription {
    const validate = compileSchema<Static<Req>>(op.request);
    return this.bus.nc.subscribe(op.subject(this.bus.prefix, params), {
      callback: (err, msg) => {
        if (err || !msg.reply) return;
        const value = decode(msg.data);
        const envelope = validate(value)
          ? { ok: true, result: handler(value) }
          : {
              ok: false,
              error: new BusError(
                'INVALID_REQUEST',
                `Invalid ${op.name}: ${describeValidationErrors(validate.errors)}`,
              ).toWire(),
            };
        msg.respond(encode(envelope));
      },
    });
  }

  private mapError(error: unknown, operation: string): BusError {
    if (error instanceof BusError) return error;
    if (error instanceof NoRespondersError || hasCause(error, NoRespondersError)) {
      return new BusError('CONNECTOR_UNAVAILABLE', `No service is answering ${operation} right now.`);
    }
    if (error instanceof TimeoutError || hasCause(error, TimeoutError)) {
      return new BusError('TIMEOUT', `${operation} did not answer in time.`);
    }
    if (error instanceof ClosedConnectionError || error instanceof DrainingConnectionError) {
      return new BusError('BUS_UNAVAILABLE', 'The message bus connection is closing.');
    }
    return new BusError('BUS_UNAVAILABLE', `The message bus failed during ${operation}.`);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function hasCause(error: unknown, type: abstract new (...args: never[]) => Error): boolean {
  return error instanceof Error && error.cause instanceof type;
}

function outcomeOf(error: BusError): RequestOutcome {
  switch (error.code) {
    case 'TIMEOUT':
      return 'timeout';
    case 'CONNECTOR_UNAVAILABLE':
      return 'no_responders';
    case 'BUS_UNAVAILABLE':
      return 'unavailable';
    case 'CANCELLED':
      return 'cancelled';
    case 'TOOL_NOT_FOUND':
    case 'INVALID_ARGUMENTS':
    case 'INVALID_REQUEST':
    case 'BACKEND_UNAVAILABLE':
    case 'BACKEND_ERROR':
    case 'BACKEND_AUTH_FAILED':
    case 'UNAUTHORIZED':
    case 'FORBIDDEN':
    case 'NOT_FOUND':
    case 'CONFLICT':
    case 'RATE_LIMITED':
    case 'INTERNAL':
      // The bus delivered an answer; the failure belongs to the service that gave it.
      return 'error';
  }
}
