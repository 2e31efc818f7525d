import type { FrappeException, ServerMessage } from '../site/errors.js';
import { GUEST, type Session } from '../site/session.js';
import { pythonJson } from './python-json.js';

export interface ApiResponse {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
  readonly headers?: Readonly<Record<string, string>>;
}

const JSON_TYPE = 'application/json';

/** `frappe.local.message_log` as `_server_messages`: a JSON string of a list of JSON strings. */
export function serverMessages(messages: readonly ServerMessage[]): string {
  return pythonJson(messages.map((m) => pythonJson(m)));
}

/** `build_response("json")`: the response dict plus the message log, compact JSON. */
export function jsonResponse(body: Record<string, unknown>, session: Session, status = 200): ApiResponse {
  const out: Record<string, unknown> = { ...body };
  if (session.messages.length > 0) out['_server_messages'] = serverMessages(session.messages);
  return { status, contentType: JSON_TYPE, body: JSON.stringify(out) };
}

/**
 * `frappe.utils.response.report_error` for API v1: `exc_type` always; `exception` and `exc` (the
 * traceback) only for a logged-in System User and never on a 404; the message log; and
 * `_error_message` when a permission check set one.
 */
export function errorResponse(error: FrappeException, session: Session): ApiResponse {
  const out: Record<string, unknown> = {};
  const tracebackAllowed = session.user !== GUEST && error.httpStatus !== 404;
  const text = error.detail
    ? `frappe.exceptions.${error.excType}: ${error.detail}`
    : `frappe.exceptions.${error.excType}`;
  if (tracebackAllowed) {
    out['exception'] = text;
    out['exc'] = pythonJson([
      `Traceback (most recent call last):\n  File "apps/frappe/frappe/app.py", line 114, in application\n    response = frappe.api.handle(request)\n${text}\n`,
    ]);
  }
  out['exc_type'] = error.excType;
  const messages = [...session.messages, ...error.serverMessages];
  if (messages.length > 0) out['_server_messages'] = serverMessages(messages);
  if (error.errorMessage) out['_error_message'] = error.errorMessage;
  return { status: error.httpStatus, contentType: JSON_TYPE, body: JSON.stringify(out) };
}

/** The server-wide limiter's answer (`frappe/rate_limiter.py`): plain text plus the budget headers. */
export function tooManyRequests(retryAfterSeconds: number): ApiResponse {
  return {
    status: 429,
    contentType: 'text/plain; charset=utf-8',
    body: 'Too Many Requests',
    headers: {
      'Retry-After': String(retryAfterSeconds),
      'X-RateLimit-Limit': '600000000',
      'X-RateLimit-Remaining': '0',
      'X-RateLimit-Reset': String(retryAfterSeconds),
    },
  };
}

/** The website's 404 for paths outside `/api`. */
export function pageNotFound(): ApiResponse {
  return {
    status: 404,
    contentType: 'text/html; charset=utf-8',
    body: '<!DOCTYPE html><html><head><title>Not Found</title></head><body><h1>Page Not Found</h1></body></html>',
  };
}
