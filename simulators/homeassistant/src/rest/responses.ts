import type { HomeAssistantState } from '../core/hass.js';
import type { Context } from '../core/event-bus.js';

export interface ApiRequest {
  method: string;
  /** Path segments after the route prefix, percent-decoded (e.g. the entity id). */
  params: string[];
  query: URLSearchParams;
  body: string;
  hass: HomeAssistantState;
  /** The authenticated caller's context for anything this request changes. */
  context: () => Context;
}

export interface ApiResponse {
  status: number;
  contentType: string;
  body: string;
  headers?: Record<string, string>;
}

export type Handler = (req: ApiRequest) => ApiResponse;

const JSON_TYPE = 'application/json';
const TEXT_TYPE = 'text/plain; charset=utf-8';

/** `HomeAssistantView.json`: compact JSON. */
export function json(value: unknown, status = 200, headers?: Record<string, string>): ApiResponse {
  return { status, contentType: JSON_TYPE, body: JSON.stringify(value), headers };
}

/** An already-serialised JSON body (cached state JSON). */
export function rawJson(body: string, status = 200): ApiResponse {
  return { status, contentType: JSON_TYPE, body };
}

/** `HomeAssistantView.json_message`: `{"message": "..."}`. */
export function message(text: string, status = 200): ApiResponse {
  return json({ message: text }, status);
}

export function text(body: string, status = 200): ApiResponse {
  return { status, contentType: TEXT_TYPE, body };
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  500: 'Internal Server Error',
};

/** aiohttp's `HTTPException` body: `"<status>: <reason>"` as plain text. */
export function httpError(status: number, headers?: Record<string, string>): ApiResponse {
  return { status, contentType: TEXT_TYPE, body: `${status}: ${REASONS[status] ?? 'Error'}`, headers };
}

/** aiohttp's response to an exception escaping a handler. */
export function serverError(): ApiResponse {
  return {
    status: 500,
    contentType: TEXT_TYPE,
    body: '500 Internal Server Error\n\nServer got itself in trouble',
  };
}

/** `json_loads(body) if body else None`; undefined when the body is not JSON. */
export function parseBody(body: string): { ok: true; value: unknown } | { ok: false } {
  if (!body) return { ok: true, value: null };
  try {
    return { ok: true, value: JSON.parse(body) as unknown };
  } catch {
    return { ok: false };
  }
}

export const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);
