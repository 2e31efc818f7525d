import WebSocket from 'ws';
import { BusError } from '@mcp-gateway/contracts';
import { NotSent } from '@mcp-gateway/connector-kit';
import { INSECURE_REFUSAL, isPlainText } from './endpoint.js';
import { describeLoginFailure, type LoginResponse } from './login.js';
import { rpcError, type RpcErrorBody } from './rpc-errors.js';

/** Calls made on the fresh socket before it is handed to callers (login, version, subscriptions). */
export type RawCall = <T>(method: string, params?: readonly unknown[]) => Promise<T>;

export interface TrueNasClientOptions {
  /** `wss://host/api/current`. */
  readonly url: URL;
  readonly apiKey: string;
  readonly username: string;
  readonly verifyTls: boolean;
  /** Without it the client refuses `ws://`: TrueNAS revokes a key that crossed the network in clear. */
  readonly allowInsecure: boolean;
  /** Upper bound for the handshake (login included) and for one call. */
  readonly timeoutMs: number;
  /** First reconnect delay after a drop; doubles per failed attempt up to `maxBackoffMs`. */
  readonly initialBackoffMs?: number;
  readonly maxBackoffMs?: number;
  /** How often an idle connection is pinged (`core.ping`) to detect a dead peer. */
  readonly heartbeatMs?: number;
  /** Calls in flight on the one connection; TrueNAS queues past 10 and refuses past 20 (-32000). */
  readonly maxConcurrent?: number;
  /** Runs after every successful login, before any queued call is sent. */
  readonly onReady?: (call: RawCall) => Promise<void>;
}

/** A `collection_update` notification (`ws_handler/rpc.py` `send_event`). */
export interface CollectionUpdate {
  readonly msg: 'added' | 'changed' | 'removed';
  readonly collection: string;
  readonly id?: unknown;
  readonly fields?: Record<string, unknown>;
}

interface Pending {
  readonly method: string;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
  readonly cleanup: () => void;
}

interface Incoming {
  readonly id?: unknown;
  readonly result?: unknown;
  readonly error?: RpcErrorBody;
  readonly method?: string;
  readonly params?: unknown;
}

type State = 'idle' | 'connecting' | 'open' | 'backoff' | 'closed';

/**
 * One persistent, authenticated JSON-RPC 2.0 connection to TrueNAS (`jsonrpc.rst`): connects on first use,
 * logs in with `auth.login_ex` (API_KEY_PLAIN), and after a drop reconnects and logs in again with
 * exponential backoff. While it is down calls fail at once rather than queue behind an outage.
 */
export class TrueNasClient {
  private state: State = 'idle';
  private socket: WebSocket | undefined;
  private connecting: Promise<void> | undefined;
  private failure: BusError | undefined;
  private nextId = 1;
  private attempts = 0;
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Set<(update: CollectionUpdate) => void>();
  private reconnectTimer: NodeJS.Timeout | undefined;
  private heartbeatTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: TrueNasClientOptions) {
    if (isPlainText(options.url) && !options.allowInsecure) throw new Error(INSECURE_REFUSAL);
  }

  get connected(): boolean {
    return this.state === 'open';
  }

  /** Listens to `collection_update` notifications (job progress, alert changes…). */
  onCollectionUpdate(listener: (update: CollectionUpdate) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Calls one method with positional params and resolves with its `result`. */
  async call<T>(method: string, params: readonly unknown[] = [], signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) throw cancelled();
    await this.ready(signal);
    await this.slot(signal);
    try {
      return await this.send<T>(method, params, signal);
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }

  async close(): Promise<void> {
    this.state = 'closed';
    clearTimeout(this.reconnectTimer);
    clearInterval(this.heartbeatTimer);
    this.rejectAll(new BusError('BACKEND_UNAVAILABLE', 'The TrueNAS connector is shutting down.'));
    const socket = this.socket;
    this.socket = undefined;
    if (!socket || socket.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      const force = setTimeout(() => {
        socket.terminate();
        resolve();
      }, 1_000);
      socket.once('close', () => {
        clearTimeout(force);
        resolve();
      });
      socket.close(1000);
    });
  }

  private async ready(signal: AbortSignal | undefined): Promise<void> {
    switch (this.state) {
      case 'open':
        return;
      case 'closed':
        throw new BusError('BACKEND_UNAVAILABLE', 'The TrueNAS connector is shutting down.');
      case 'backoff':
        // Known down until the reconnect timer fires: not a new failure for the breaker, not worth a retry.
        throw new NotSent(this.failure ?? this.unavailable());
      case 'idle':
        this.connect();
        break;
      case 'connecting':
        break;
    }
    const connecting = this.connecting;
    if (!connecting) throw this.unavailable();
    await (signal ? Promise.race([connecting, aborted(signal)]) : connecting);
  }

  private async slot(signal: AbortSignal | undefined): Promise<void> {
    const max = this.options.maxConcurrent ?? 8;
    if (this.active < max) {
      this.active++;
      return;
    }
    await new Promise<void>((resolve, reject) => {
      const go = () => {
        signal?.removeEventListener('abort', onAbort);
        this.active++;
        resolve();
      };
      const onAbort = () => {
        const index = this.waiting.indexOf(go);
        if (index >= 0) this.waiting.splice(index, 1);
        reject(cancelled());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(go);
    });
  }

  private send<T>(method: string, params: readonly unknown[], signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) return Promise.reject(cancelled());
    const socket = this.socket;
    if (socket?.readyState !== WebSocket.OPEN) return Promise.reject(this.failure ?? this.unavailable());
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.settle(id)?.reject(
          new BusError('TIMEOUT', `TrueNAS did not answer ${method} within ${this.options.timeoutMs} ms.`),
        );
      }, this.options.timeoutMs);
      const onAbort = () => this.settle(id)?.reject(cancelled());
      signal?.addEventListener('abort', onAbort, { once: true });
      this.pending.set(id, {
        method,
        resolve: resolve as (value: unknown) => void,
        reject,
        cleanup: () => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
        },
      });
      socket.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }), (error) => {
        if (error) this.settle(id)?.reject(this.unavailable(error.message));
      });
    });
  }

  private connect(): void {
    this.state = 'connecting';
    clearTimeout(this.reconnectTimer);
    const socket = new WebSocket(this.options.url, {
      handshakeTimeout: this.options.timeoutMs,
      perMessageDeflate: false,
      rejectUnauthorized: this.options.verifyTls,
    });
    this.socket = socket;
    socket.on('message', (data) => this.dispatch(parse(data)));
    socket.on('close', () => this.onClosed(socket));
    // A 'close' always follows an 'error'; this keeps a late error from being an uncaught exception.
    socket.on('error', () => undefined);
    const opened = new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', (error) => reject(this.unavailable(describe(error))));
      socket.once('close', () => reject(this.unavailable('connection closed during login')));
    });
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(
          new BusError('TIMEOUT', `TrueNAS did not complete the login within ${this.options.timeoutMs} ms.`),
        );
      }, this.options.timeoutMs);
    });
    const handshake = async () => {
      await opened;
      const login = await this.send<LoginResponse>('auth.login_ex', [
        {
          mechanism: 'API_KEY_PLAIN',
          username: this.options.username,
          api_key: this.options.apiKey,
          login_options: { user_info: false },
        },
      ]);
      const refused = describeLoginFailure(login);
      if (refused) throw refused;
      await this.options.onReady?.((method, params) => this.send(method, params ?? []));
    };
    this.connecting = Promise.race([handshake(), deadline]).then(
      () => {
        clearTimeout(timer);
        if (this.socket !== socket || this.state !== 'connecting') throw this.failure ?? this.unavailable();
        this.state = 'open';
        this.attempts = 0;
        this.failure = undefined;
        this.startHeartbeat(socket);
      },
      (error: unknown) => {
        clearTimeout(timer);
        this.failure = error instanceof BusError ? error : this.unavailable(String(error));
        socket.terminate();
        throw this.failure;
      },
    );
    // Callers await `connecting`; this keeps an unobserved failed attempt from being an unhandled rejection.
    this.connecting.catch(() => undefined);
  }

  private onClosed(socket: WebSocket): void {
    if (this.socket !== socket) return;
    this.socket = undefined;
    clearInterval(this.heartbeatTimer);
    this.rejectAll(this.unavailable('the connection was lost'));
    if (this.state === 'closed') return;
    if (this.state === 'open' || !this.failure)
      this.failure = this.unavailable('the connection was lost; reconnecting');
    this.state = 'backoff';
    const initial = this.options.initialBackoffMs ?? 500;
    const delay =
      Math.min(this.options.maxBackoffMs ?? 30_000, initial * 2 ** this.attempts) *
      (0.8 + Math.random() * 0.4);
    this.attempts++;
    this.reconnectTimer = setTimeout(() => this.connect(), delay);
    this.reconnectTimer.unref();
  }

  private dispatch(message: Incoming | undefined): void {
    if (!message) return;
    if (typeof message.method === 'string') {
      if (message.method === 'collection_update' && isUpdate(message.params)) {
        for (const listener of this.listeners) listener(message.params);
      }
      return;
    }
    if (typeof message.id !== 'number') return;
    const pending = this.settle(message.id);
    if (!pending) return;
    if (message.error) pending.reject(rpcError(pending.method, message.error));
    else pending.resolve(message.result);
  }

  private startHeartbeat(socket: WebSocket): void {
    clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = setInterval(() => {
      this.send('core.ping', []).catch(() => socket.terminate());
    }, this.options.heartbeatMs ?? 30_000);
    this.heartbeatTimer.unref();
  }

  private settle(id: number): Pending | undefined {
    const pending = this.pending.get(id);
    if (!pending) return undefined;
    this.pending.delete(id);
    pending.cleanup();
    return pending;
  }

  private rejectAll(error: Error): void {
    for (const id of [...this.pending.keys()]) this.settle(id)?.reject(error);
  }

  private unavailable(detail?: string): BusError {
    return new BusError('BACKEND_UNAVAILABLE', `TrueNAS is unreachable${detail ? ` (${detail})` : ''}.`);
  }
}

function cancelled(): BusError {
  return new BusError('CANCELLED', 'The call was cancelled.');
}

function aborted(signal: AbortSignal): Promise<never> {
  return new Promise<never>((_, reject) => {
    if (signal.aborted) reject(cancelled());
    signal.addEventListener('abort', () => reject(cancelled()), { once: true });
  });
}

function isUpdate(value: unknown): value is CollectionUpdate {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { collection?: unknown }).collection === 'string' &&
    typeof (value as { msg?: unknown }).msg === 'string'
  );
}

function parse(data: WebSocket.RawData): Incoming | undefined {
  try {
    const buffer = Array.isArray(data)
      ? Buffer.concat(data)
      : Buffer.isBuffer(data)
        ? data
        : Buffer.from(data);
    const parsed = JSON.parse(buffer.toString('utf8')) as unknown;
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

function describe(error: Error): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (typeof code === 'string' && TLS_CODES.has(code)) {
    return `${code}: the certificate is not trusted; set TRUENAS_VERIFY_TLS=0 for TrueNAS's self-signed certificate`;
  }
  if (error.message.includes('Unexpected server response: 404')) {
    return 'no JSON-RPC API at this path: TrueNAS 25.04 or later serves it at /api/current';
  }
  return typeof code === 'string' ? code : error.message.slice(0, 200);
}
