import { randomUUID } from 'node:crypto';
import type WebSocket from 'ws';
import { CallError, ERRNO, RPC, toJsonRpcError, type JsonRpcErrorBody } from './errors.js';
import { SimJob } from './jobs.js';
import { findMethod } from './methods/registry.js';
import type { MethodDef, SessionControl } from './methods/types.js';
import type { RateLimiter } from './rate-limit.js';
import type { TrueNasState } from './state/store.js';

/** `utils/limits.py`: bigger messages close the socket. */
const MAX_UNAUTHENTICATED = 8_192;
const MAX_AUTHENTICATED = 65_536;
/** `SoftHardSemaphore(10, 20)` per connection (`ws_handler/rpc.py`). */
const SOFT_LIMIT = 10;
const HARD_LIMIT = 20;

type Id = string | number | null;

export interface SessionOptions {
  readonly state: TrueNasState;
  readonly latencyMs: number;
  readonly secureTransport: boolean;
  readonly remoteAddress: string;
  readonly rateLimiter: RateLimiter;
}

/** One client connection to `/api/current`: `RpcWebSocketHandler.process` and `RpcWebSocketApp`. */
export class RpcSession {
  private readonly control: SessionControl;
  private readonly subscriptions = new Map<string, string>();
  private readonly stopEvents: () => void;
  private accepted = 0;
  private running = 0;
  private readonly queue: (() => void)[] = [];

  constructor(
    private readonly ws: WebSocket,
    private readonly options: SessionOptions,
  ) {
    const subscriptions = this.subscriptions;
    this.control = {
      secureTransport: options.secureTransport,
      authenticated: false,
      username: undefined,
      legacyJobs: true,
      subscribe(name) {
        const id = randomUUID();
        subscriptions.set(id, name);
        return id;
      },
      unsubscribe(id) {
        subscriptions.delete(id);
      },
    };
    this.stopEvents = options.state.onEvent((collection, msg, id, fields) => {
      if (!this.control.authenticated) return;
      const names = [...subscriptions.values()];
      if (!names.includes(collection) && !names.includes('*')) return;
      const params: Record<string, unknown> = { msg, collection, id };
      if (msg !== 'removed' && fields !== undefined) params['fields'] = fields;
      this.send({ jsonrpc: '2.0', method: 'collection_update', params });
    });
    ws.on('message', (data, isBinary) => this.onMessage(data, isBinary));
    ws.on('close', () => this.stopEvents());
  }

  private onMessage(data: WebSocket.RawData, isBinary: boolean): void {
    if (isBinary) {
      this.ws.close(1003, 'Invalid websocket message type: <WSMsgType.BINARY: 2>');
      return;
    }
    const text = (Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer)).toString(
      'utf8',
    );
    if (!this.control.authenticated && text.length > MAX_UNAUTHENTICATED) {
      this.ws.close(1007, 'Anonymous connection max message length is 8 kB');
      return;
    }
    if (text.length > MAX_AUTHENTICATED) {
      this.ws.close(1009, 'Max message length is 64 kB');
      return;
    }
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch (error) {
      this.sendError(null, { code: RPC.invalidJson, message: (error as Error).message });
      return;
    }
    if (Array.isArray(message)) {
      this.sendError(null, {
        code: RPC.invalidJson,
        message: 'Batch messages are not supported at this time',
      });
      return;
    }
    if (message === null || typeof message !== 'object') {
      this.sendError(null, { code: RPC.invalidJson, message: 'Invalid Message Format' });
      return;
    }
    this.process(message as Record<string, unknown>);
  }

  /** `validate_message` then dispatch; notifications (no `id`) never get an answer. */
  private process(message: Record<string, unknown>): void {
    const hasId = 'id' in message;
    const id = (hasId ? message['id'] : null) as Id;
    const problem = invalidRequest(message);
    if (problem) {
      if (hasId) this.sendError(id, { code: RPC.invalidRequest, message: problem });
      return;
    }
    const name = message['method'] as string;
    const method = findMethod(this.options.state, name);
    if (!method) {
      if (hasId) this.sendError(id, { code: RPC.methodNotFound, message: 'Method does not exist' });
      return;
    }
    const params = (message['params'] ?? []) as unknown[];
    void this.call(name, method, params, hasId ? id : undefined);
  }

  private async call(name: string, method: MethodDef, params: unknown[], id: Id | undefined): Promise<void> {
    const state = this.options.state;
    state.methodCalls.set(name, (state.methodCalls.get(name) ?? 0) + 1);
    if (this.accepted >= HARD_LIMIT) {
      if (id !== undefined) {
        this.sendError(id, {
          code: RPC.tooManyConcurrentCalls,
          message: `Maximum number of concurrent calls (${HARD_LIMIT}) has exceeded`,
        });
      }
      return;
    }
    this.accepted++;
    if (this.running >= SOFT_LIMIT) await new Promise<void>((resolve) => this.queue.push(resolve));
    this.running++;
    try {
      await this.authorize(name, method);
      let result = await method.run({ state, session: this.control, messageId: id ?? undefined }, params);
      if (result instanceof SimJob) {
        if (this.control.legacyJobs) {
          result = result.record.id;
        } else {
          const outcome = await result.done;
          if (!outcome.ok) throw outcome.error;
          result = outcome.result;
        }
      }
      if (id !== undefined) await this.reply({ jsonrpc: '2.0', result: result ?? null, id });
    } catch (error) {
      if (id !== undefined) await this.reply({ jsonrpc: '2.0', error: toJsonRpcError(error), id });
    } finally {
      this.running--;
      this.accepted--;
      this.queue.shift()?.();
    }
  }

  /** `Middleware.authorize_method_call`: rate limit anonymous calls, refuse the rest until login. */
  private async authorize(name: string, method: MethodDef): Promise<void> {
    if (method.noAuth) {
      if (this.control.authenticated) return;
      const sleepMs = this.options.rateLimiter.hit(name, this.options.remoteAddress);
      if (sleepMs !== undefined) {
        await new Promise((resolve) => setTimeout(resolve, sleepMs));
        throw new CallError('Rate Limit Exceeded', ERRNO.EBUSY);
      }
      return;
    }
    if (!this.control.authenticated) throw new CallError('Not authenticated', ERRNO.ENOTAUTHENTICATED);
  }

  private async reply(message: Record<string, unknown>): Promise<void> {
    if (this.options.latencyMs > 0)
      await new Promise((resolve) => setTimeout(resolve, this.options.latencyMs));
    this.send(message);
  }

  private sendError(id: Id, error: JsonRpcErrorBody): void {
    this.send({ jsonrpc: '2.0', error, id });
  }

  private send(message: Record<string, unknown>): void {
    if (this.ws.readyState === this.ws.OPEN) this.ws.send(JSON.stringify(message));
  }
}

function invalidRequest(message: Record<string, unknown>): string | undefined {
  if (!('jsonrpc' in message)) return "Missing 'jsonrpc' member";
  if (message['jsonrpc'] !== '2.0')
    return "'jsonrpc' member must be of type string and must be exactly '2.0'";
  const id = message['id'];
  if (
    'id' in message &&
    id !== null &&
    typeof id !== 'string' &&
    !(typeof id === 'number' && Number.isInteger(id))
  ) {
    return "'id' member must be of type null, string or number";
  }
  if (!('method' in message)) return "Missing 'method' member";
  if (typeof message['method'] !== 'string' || message['method'] === '')
    return "'method' member must be of type string";
  if ('params' in message && !Array.isArray(message['params']))
    return "'params' member must be of type array";
  return undefined;
}
