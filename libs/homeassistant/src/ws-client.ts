import WebSocket from 'ws';
import { BusError } from '@mcp-gateway/contracts';
import { BackendPolicy, NotSent, ToolError } from '@mcp-gateway/connector-kit';

export interface HomeAssistantSocketOptions {
  /** `ws(s)://host:port/api/websocket`. */
  readonly url: URL;
  readonly token: string;
  /** Upper bound for the handshake and for one command. */
  readonly timeoutMs: number;
  /** First reconnect delay after a drop; doubles per failed attempt up to `maxBackoffMs`. */
  readonly initialBackoffMs?: number;
  readonly maxBackoffMs?: number;
  /** How often an idle connection is pinged to detect a dead peer. */
  readonly heartbeatMs?: number;
  /** The breaker and concurrency cap shared with the REST client; a fresh one when absent. */
  readonly policy?: BackendPolicy;
}

/**
 * Commands that only read (every one the connector sends is a registry `…/list`): retried after a
 * transient failure. Anything else is sent once.
 */
function isReadCommand(type: string): boolean {
  return /^get_|\/list(_for_display)?$/.test(type);
}

/** A `result` with `success: false` (`websocket_api/const.py` error codes). */
export class HomeAssistantSocketError extends ToolError {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'HomeAssistantSocketError';
  }
}

interface Pending {
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
  readonly cleanup: () => void;
}

type State = 'idle' | 'connecting' | 'open' | 'backoff' | 'closed';

interface IncomingMessage {
  readonly id?: number;
  readonly type?: string;
  readonly success?: boolean;
  readonly result?: unknown;
  readonly error?: { readonly code?: string; readonly message?: string };
  readonly message?: string;
  readonly ha_version?: string;
}

/**
 * One persistent, authenticated connection to Home Assistant's WebSocket API (`docs/api/websocket.md`),
 * for what REST lacks (registries). Connects on first use; after a drop it reconnects with exponential
 * backoff, and commands fail at once while it is down rather than queueing behind an outage.
 */
export class HomeAssistantSocket {
  private state: State = 'idle';
  private socket: WebSocket | undefined;
  private connecting: Promise<void> | undefined;
  private failure: BusError | undefined;
  private nextId = 1;
  private attempts = 0;
  private readonly pending = new Map<number, Pending>();
  private readonly policy: BackendPolicy;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private heartbeatTimer: NodeJS.Timeout | undefined;
  /** Version reported in `auth_ok`, once connected. */
  haVersion: string | undefined;

  constructor(private readonly options: HomeAssistantSocketOptions) {
    this.policy =
      options.policy ?? new BackendPolicy({ connector: 'homeassistant', displayName: 'Home Assistant' });
  }

  get connected(): boolean {
    return this.state === 'open';
  }

  /**
   * Sends one command (`{"id", "type", …payload}`) through the backend policy and resolves with its
   * `result`.
   */
  command<T>(type: string, payload: Record<string, unknown> = {}, signal?: AbortSignal): Promise<T> {
    return this.policy.execute(
      { timeoutMs: this.options.timeoutMs, idempotent: isReadCommand(type), signal },
      (attempt) => this.send<T>(type, payload, attempt.signal),
    );
  }

  /** One attempt of a command; the heartbeat uses it directly, so it never counts against the circuit. */
  private async send<T>(type: string, payload: Record<string, unknown>, signal?: AbortSignal): Promise<T> {
    signal?.throwIfAborted();
    await this.ready(signal);
    const socket = this.socket;
    if (this.state !== 'open' || !socket) throw this.unavailable();
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.settle(id)?.reject(
          new BusError(
            'TIMEOUT',
            `Home Assistant did not answer ${type} within ${this.options.timeoutMs} ms.`,
          ),
        );
      }, this.options.timeoutMs);
      const onAbort = () => this.settle(id)?.reject(new BusError('CANCELLED', 'The call was cancelled.'));
      signal?.addEventListener('abort', onAbort, { once: true });
      this.pending.set(id, {
        resolve: resolve as (value: unknown) => void,
        reject,
        cleanup: () => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
        },
      });
      socket.send(JSON.stringify({ ...payload, id, type }), (error) => {
        if (error) this.settle(id)?.reject(this.unavailable(error.message));
      });
    });
  }

  async close(): Promise<void> {
    this.state = 'closed';
    clearTimeout(this.reconnectTimer);
    clearInterval(this.heartbeatTimer);
    this.rejectAll(new BusError('BACKEND_UNAVAILABLE', 'The Home Assistant connector is shutting down.'));
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
        throw new BusError('BACKEND_UNAVAILABLE', 'The Home Assistant connector is shutting down.');
      case 'backoff':
        throw new NotSent(this.failure ?? this.unavailable());
      case 'idle':
        this.connect();
        break;
      case 'connecting':
        break;
    }
    const connecting = this.connecting;
    if (!connecting) throw this.unavailable();
    if (!signal) return connecting;
    await Promise.race([
      connecting,
      new Promise<never>((_, reject) =>
        signal.addEventListener('abort', () => reject(new BusError('CANCELLED', 'The call was cancelled.')), {
          once: true,
        }),
      ),
    ]);
  }

  private connect(): void {
    this.state = 'connecting';
    clearTimeout(this.reconnectTimer);
    const socket = new WebSocket(this.options.url, {
      handshakeTimeout: this.options.timeoutMs,
      perMessageDeflate: false,
    });
    this.socket = socket;
    let authenticated = false;
    this.connecting = new Promise<void>((resolve, reject) => {
      // Bounds the whole handshake, authentication included.
      const authTimer = setTimeout(() => {
        fail(
          new BusError(
            'TIMEOUT',
            `Home Assistant did not complete the WebSocket handshake within ${this.options.timeoutMs} ms.`,
          ),
        );
        socket.terminate();
      }, this.options.timeoutMs);
      const fail = (error: BusError) => {
        clearTimeout(authTimer);
        this.failure = error;
        reject(error);
      };
      socket.on('message', (data) => {
        for (const message of parseFrame(data)) {
          if (authenticated) {
            this.dispatch(message);
            continue;
          }
          if (message.type === 'auth_required') {
            socket.send(JSON.stringify({ type: 'auth', access_token: this.options.token }));
          } else if (message.type === 'auth_ok') {
            authenticated = true;
            clearTimeout(authTimer);
            this.haVersion = message.ha_version;
            this.state = 'open';
            this.attempts = 0;
            this.failure = undefined;
            this.startHeartbeat();
            resolve();
          } else if (message.type === 'auth_invalid') {
            fail(
              new BusError(
                'BACKEND_AUTH_FAILED',
                'Home Assistant rejected the access token on its WebSocket API. Check HOMEASSISTANT_TOKEN.',
              ),
            );
            socket.close();
          }
        }
      });
      socket.on('error', (error) => {
        if (!authenticated) fail(this.unavailable(describe(error)));
      });
      socket.on('close', () => {
        clearTimeout(authTimer);
        if (!authenticated) fail(this.failure ?? this.unavailable('connection closed during authentication'));
        this.onClosed(socket);
      });
    });
    // Callers await `connecting`; this keeps an unobserved failed attempt from being an unhandled rejection.
    this.connecting.catch(() => undefined);
  }

  private onClosed(socket: WebSocket): void {
    if (this.socket !== socket) return;
    this.socket = undefined;
    clearInterval(this.heartbeatTimer);
    this.rejectAll(this.unavailable('the connection was lost'));
    if (this.state === 'closed') return;
    this.failure ??= this.unavailable('the connection was lost; reconnecting');
    this.state = 'backoff';
    const initial = this.options.initialBackoffMs ?? 500;
    const delay =
      Math.min(this.options.maxBackoffMs ?? 30_000, initial * 2 ** this.attempts) *
      (0.8 + Math.random() * 0.4);
    this.attempts++;
    this.reconnectTimer = setTimeout(() => this.connect(), delay);
    this.reconnectTimer.unref();
  }

  private dispatch(message: IncomingMessage): void {
    if (typeof message.id !== 'number') return;
    if (message.type === 'pong') {
      this.settle(message.id)?.resolve(null);
      return;
    }
    if (message.type !== 'result') return;
    const pending = this.settle(message.id);
    if (!pending) return;
    if (message.success) pending.resolve(message.result);
    else pending.reject(commandError(message.error));
  }

  private startHeartbeat(): void {
    clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = setInterval(() => {
      const socket = this.socket;
      this.send('ping', {}).catch(() => socket?.terminate());
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
    return new BusError(
      'BACKEND_UNAVAILABLE',
      `Home Assistant's WebSocket API is unreachable${detail ? ` (${detail})` : ''}.`,
    );
  }
}

function parseFrame(data: WebSocket.RawData): IncomingMessage[] {
  try {
    const buffer = Array.isArray(data)
      ? Buffer.concat(data)
      : Buffer.isBuffer(data)
        ? data
        : Buffer.from(data);
    const text = buffer.toString('utf8');
    const parsed = JSON.parse(text) as unknown;
    // With `coalesce_messages` Home Assistant may send several messages in one frame.
    const list = Array.isArray(parsed) ? parsed : [parsed];
    return list.filter((m): m is IncomingMessage => m !== null && typeof m === 'object');
  } catch {
    return [];
  }
}

function commandError(error: IncomingMessage['error']): Error {
  const code = error?.code ?? 'unknown_error';
  const message = (error?.message ?? 'Home Assistant reported an error.').slice(0, 1000);
  switch (code) {
    case 'timeout':
      return new BusError('TIMEOUT', `Home Assistant timed out: ${message}`);
    case 'unknown_error':
      return new BusError('BACKEND_ERROR', `Home Assistant reported an unexpected error: ${message}`);
    case 'unauthorized':
      return new HomeAssistantSocketError(
        code,
        `Home Assistant refused: ${message} (the token's user may need administrator rights).`,
      );
    default:
      return new HomeAssistantSocketError(code, message);
  }
}

function describe(error: Error): string {
  const code = (error as NodeJS.ErrnoException).code;
  return typeof code === 'string' ? code : error.message.slice(0, 200);
}
