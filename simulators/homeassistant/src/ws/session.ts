import type { RawData, WebSocket } from 'ws';
import { HA_VERSION } from '../core/config.js';
import type { Translation } from '../core/errors.js';
import type { Context } from '../core/event-bus.js';
import type { HomeAssistantState } from '../core/hass.js';
import { Invalid, dict, humanize, literal, range, strict } from '../core/vol.js';
import type { CommandTable, WsConnection } from './command.js';
import { Outbox } from './outbox.js';

const AUTH_SCHEMA = dict({
  type: { check: literal('auth'), required: true },
  access_token: { check: strict('str') },
  api_password: { check: strict('str') },
});

const BASE_KEYS = {
  id: { check: range(strict('int'), 0), required: true },
  type: { check: strict('str'), required: true },
};

/** A text frame's payload (ws hands over a Buffer, or fragments for a fragmented frame). */
function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  return Buffer.from(data).toString('utf8');
}

const isDict = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * One `/api/websocket` connection (`websocket_api/http.py`, `auth.py`, `connection.py`): the auth
 * phase, then commands with strictly increasing ids. Bad JSON or binary frames end the connection.
 */
export class WsSession implements WsConnection {
  private authenticated = false;
  private lastId = 0;
  private readonly subscriptions = new Map<number, () => void>();
  private readonly outbox: Outbox;

  constructor(
    private readonly socket: WebSocket,
    readonly hass: HomeAssistantState,
    private readonly token: string,
    latencyMs: number,
    private readonly commands: CommandTable,
  ) {
    this.outbox = new Outbox(socket, latencyMs);
    socket.on('message', (data, isBinary) => this.onMessage(data, isBinary));
    socket.on('close', () => this.dispose());
    socket.on('error', () => this.dispose());
    socket.send(JSON.stringify({ type: 'auth_required', ha_version: HA_VERSION }));
  }

  private onMessage(data: RawData, isBinary: boolean): void {
    if (isBinary) return this.disconnect();
    let msg: unknown;
    try {
      msg = JSON.parse(rawText(data));
    } catch {
      return this.disconnect();
    }
    if (!this.authenticated) return this.authenticate(msg);
    if (Array.isArray(msg)) for (const m of msg) this.handle(m);
    else this.handle(msg);
  }

  private authenticate(msg: unknown): void {
    let valid: Record<string, unknown>;
    try {
      valid = AUTH_SCHEMA(msg, []) as Record<string, unknown>;
    } catch (e) {
      const reason = e instanceof Invalid ? humanize(msg, e) : 'expected a dictionary';
      return this.rejectAuth(`Auth message incorrectly formatted: ${reason}`);
    }
    if (valid['access_token'] !== this.token) return this.rejectAuth('Invalid access token or password');
    this.authenticated = true;
    this.socket.send(JSON.stringify({ type: 'auth_ok', ha_version: HA_VERSION }));
  }

  private rejectAuth(message: string): void {
    this.socket.send(JSON.stringify({ type: 'auth_invalid', message }));
    this.disconnect();
  }

  private handle(msg: unknown): void {
    const id = isDict(msg) ? msg['id'] : undefined;
    const type = isDict(msg) ? msg['type'] : undefined;
    if (
      !isDict(msg) ||
      typeof id !== 'number' ||
      !Number.isInteger(id) ||
      id < 0 ||
      typeof type !== 'string' ||
      !type
    ) {
      this.sendError(typeof id === 'number' ? id : 0, 'invalid_format', 'Message incorrectly formatted.');
      return;
    }
    if (id <= this.lastId) {
      this.sendError(id, 'id_reuse', 'Identifier values have to increase.');
      return;
    }
    const command = this.commands[type];
    if (!command) {
      this.sendError(id, 'unknown_command', 'Unknown command.');
      return;
    }
    try {
      const valid = dict({ ...BASE_KEYS, ...command.schema })(msg, []) as Record<string, unknown>;
      command.handle(this, valid);
    } catch (e) {
      if (e instanceof Invalid)
        this.sendError(id, 'invalid_format', `Message incorrectly formatted: ${humanize(msg, e)}`);
      else this.sendError(id, 'unknown_error', e instanceof Error && e.message ? e.message : 'Unknown error');
    }
    this.lastId = id;
  }

  context(): Context {
    return this.hass.newContext();
  }

  sendResult(id: number, result: unknown = null): void {
    this.outbox.send(JSON.stringify({ id, type: 'result', success: true, result }), true);
  }

  sendError(id: number, code: string, message: string, translation?: Translation): void {
    const error: Record<string, unknown> = { code, message };
    if (translation) Object.assign(error, translation);
    this.outbox.send(JSON.stringify({ id, type: 'result', success: false, error }), true);
  }

  sendEvent(id: number, event: unknown): void {
    this.outbox.send(JSON.stringify({ id, type: 'event', event }), false);
  }

  sendRaw(frame: string, isResponse = false): void {
    this.outbox.send(frame, isResponse);
  }

  subscribe(id: number, unsubscribe: () => void): void {
    this.subscriptions.set(id, unsubscribe);
  }

  unsubscribe(id: number): boolean {
    const stop = this.subscriptions.get(id);
    if (!stop) return false;
    stop();
    this.subscriptions.delete(id);
    return true;
  }

  private disconnect(): void {
    this.dispose();
    this.socket.close(1000);
  }

  private dispose(): void {
    for (const stop of this.subscriptions.values()) stop();
    this.subscriptions.clear();
    this.outbox.close();
  }
}
