import { RPC } from './protocol.js';
import { MAX_JSON_DEPTH, nestedDeeperThan } from '@mcp-gateway/contracts';

export type JsonRpcId = string | number;

export interface JsonRpcRequest {
  readonly kind: 'request';
  readonly id: JsonRpcId;
  readonly method: string;
  readonly params: Record<string, unknown>;
}

export interface JsonRpcNotification {
  readonly kind: 'notification';
  readonly method: string;
  readonly params: Record<string, unknown>;
}

export interface JsonRpcResponseMessage {
  readonly kind: 'response';
}

export type InboundMessage = JsonRpcRequest | JsonRpcNotification | JsonRpcResponseMessage;

export interface JsonRpcErrorBody {
  readonly code: number;
  readonly message: string;
  readonly data?: unknown;
}

export class MessageError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly id: JsonRpcId | null = null,
  ) {
    super(message);
  }
}

/**
 * Parses the raw body text; throws a `-32700` {@link MessageError} when it is not JSON, and a `-32600`
 * one when it nests deeper than {@link MAX_JSON_DEPTH}.
 */
export function parseJson(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    throw new MessageError(RPC.parseError, 'Parse error: the request body is not valid JSON');
  }
  if (nestedDeeperThan(value, MAX_JSON_DEPTH)) {
    throw new MessageError(
      RPC.invalidRequest,
      `Invalid Request: the JSON nests more than ${MAX_JSON_DEPTH} levels deep`,
    );
  }
  return value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isId(value: unknown): value is JsonRpcId {
  return typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
}

/** Classifies one JSON-RPC 2.0 message, rejecting anything that is not one (batches were removed in 2025-06-18). */
export function classifyMessage(body: unknown): InboundMessage {
  if (Array.isArray(body)) {
    throw new MessageError(
      RPC.invalidRequest,
      'Invalid Request: JSON-RPC batches are not supported; send one message per POST',
    );
  }
  if (!isObject(body) || body['jsonrpc'] !== '2.0') {
    throw new MessageError(
      RPC.invalidRequest,
      'Invalid Request: expected a JSON-RPC 2.0 object with "jsonrpc": "2.0"',
    );
  }
  const id = body['id'];
  const hasId = 'id' in body && id !== undefined;
  if (typeof body['method'] !== 'string') {
    if (hasId && ('result' in body || 'error' in body)) return { kind: 'response' };
    throw new MessageError(
      RPC.invalidRequest,
      'Invalid Request: "method" must be a string',
      isId(id) ? id : null,
    );
  }
  const params = body['params'];
  if (params !== undefined && !isObject(params)) {
    throw new MessageError(
      RPC.invalidParams,
      'Invalid params: "params" must be an object',
      isId(id) ? id : null,
    );
  }
  if (!hasId) return { kind: 'notification', method: body['method'], params: params ?? {} };
  if (!isId(id))
    throw new MessageError(RPC.invalidRequest, 'Invalid Request: "id" must be a string or a number');
  return { kind: 'request', id, method: body['method'], params: params ?? {} };
}

export function resultMessage(id: JsonRpcId, result: unknown): string {
  return `{"jsonrpc":"2.0","id":${JSON.stringify(id)},"result":${JSON.stringify(result)}}`;
}

export function errorMessage(id: JsonRpcId | null, error: JsonRpcErrorBody): string {
  return JSON.stringify({ jsonrpc: '2.0', id, error });
}

export function notificationMessage(method: string, params: unknown): string {
  return JSON.stringify({ jsonrpc: '2.0', method, params });
}
