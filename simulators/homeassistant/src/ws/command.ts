import type { Context } from '../core/event-bus.js';
import type { Translation } from '../core/errors.js';
import type { HomeAssistantState } from '../core/hass.js';
import type { Key } from '../core/vol.js';

/** What a command handler may do with its connection. */
export interface WsConnection {
  readonly hass: HomeAssistantState;
  context(): Context;
  sendResult(id: number, result?: unknown): void;
  sendError(id: number, code: string, message: string, translation?: Translation): void;
  /** An `event` frame for subscription `id`. */
  sendEvent(id: number, event: unknown): void;
  /** A pre-serialised frame; `isResponse` marks replies (delayed by the simulated latency). */
  sendRaw(frame: string, isResponse?: boolean): void;
  /** Register a subscription's cleanup under its message id. */
  subscribe(id: number, unsubscribe: () => void): void;
  /** Run the cleanup of subscription `id`; false when there is none. */
  unsubscribe(id: number): boolean;
}

/** One WS command: its voluptuous schema (besides `id`/`type`) and its handler. */
export interface WsCommand {
  schema: Record<string, Key>;
  handle(conn: WsConnection, msg: Record<string, unknown>): void;
}

export type CommandTable = Record<string, WsCommand>;
