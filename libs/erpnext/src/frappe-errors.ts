import { BusError } from '@mcp-gateway/contracts';
import { ToolError } from '@mcp-gateway/connector-kit';
import { plainText } from './text.js';

/**
 * Frappe refused a request for a reason the model can act on: a document that does not exist (404), a
 * validation that failed (417), a duplicate name (409), a permission the API user lacks (403). The
 * message is Frappe's own, as plain text.
 */
export class FrappeRequestError extends ToolError {
  constructor(
    readonly status: number,
    /** Frappe's exception class, e.g. `MandatoryError`, `LinkValidationError`. */
    readonly excType: string | undefined,
    /** Frappe's messages, HTML stripped. */
    readonly messages: readonly string[],
    message: string,
  ) {
    super(message);
    this.name = 'FrappeRequestError';
  }
}

/**
 * `_server_messages` is a JSON string of a list of JSON strings, each `{"message", "title", …}`; clients
 * decode it twice. Tolerates the list holding objects or plain strings.
 */
export function serverMessages(raw: unknown): string[] {
  if (typeof raw !== 'string' || raw === '') return [];
  let list: unknown;
  try {
    list = JSON.parse(raw) as unknown;
  } catch {
    return [plainText(raw)];
  }
  if (!Array.isArray(list)) return [];
  return list.flatMap((entry: unknown) => {
    let item: unknown = entry;
    if (typeof entry === 'string') {
      try {
        item = JSON.parse(entry) as unknown;
      } catch {
        item = entry;
      }
    }
    const message =
      typeof item === 'string'
        ? item
        : typeof item === 'object' && item !== null
          ? (item as { message?: unknown }).message
          : undefined;
    const text = typeof message === 'string' ? plainText(message) : '';
    return text === '' ? [] : [text];
  });
}

interface FrappeErrorBody {
  readonly exc_type?: unknown;
  readonly exception?: unknown;
  readonly _server_messages?: unknown;
  readonly _error_message?: unknown;
  readonly message?: unknown;
}

/** What Frappe said went wrong, best source first: the message log, `_error_message`, `exception`. */
export function describeFrappeError(body: unknown): { excType: string | undefined; messages: string[] } {
  if (body === null || typeof body !== 'object') return { excType: undefined, messages: [] };
  const b = body as FrappeErrorBody;
  const excType = typeof b.exc_type === 'string' ? b.exc_type : undefined;
  const messages = serverMessages(b._server_messages);
  if (messages.length === 0 && typeof b._error_message === 'string')
    messages.push(plainText(b._error_message));
  if (messages.length === 0 && typeof b.exception === 'string') {
    // "frappe.exceptions.DocstatusTransitionError: Cannot change docstatus from 0 (Draft) to 2 (Cancelled)"
    const text = plainText(b.exception.replace(/^[\w.]+(Error|Exception)\b:?\s*/, ''));
    if (text !== '') messages.push(text);
  }
  if (messages.length === 0 && typeof b.message === 'string') messages.push(plainText(b.message));
  return { excType, messages };
}

/** Ends a message with a full stop, so hints and further messages read as sentences. */
function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

export interface ErrorContext {
  readonly method: string;
  /** What the call was about, for messages: e.g. `Sales Invoice ACC-SINV-2026-00001`. */
  readonly subject: string;
  readonly retryAfterSeconds: number | undefined;
}

/**
 * Maps Frappe's error statuses (`frappe/exceptions.py`): the model's problems become tool errors it can
 * read and fix; credentials, rate limits and server failures become wire errors.
 */
export function frappeError(status: number, body: unknown, ctx: ErrorContext): Error {
  const { excType, messages } = describeFrappeError(body);
  const said = messages.map(sentence).join(' ');
  const kind = excType ? `${excType}, HTTP ${status}` : `HTTP ${status}`;
  if (status === 401) {
    return new BusError(
      'BACKEND_AUTH_FAILED',
      'ERPNext rejected the API key and secret (401 AuthenticationError). Check ERPNEXT_API_KEY and ERPNEXT_API_SECRET; regenerating the keys in ERPNext invalidates the old secret.',
    );
  }
  if (status === 429) {
    const wait = ctx.retryAfterSeconds;
    return new BusError(
      'RATE_LIMITED',
      `ERPNext is rate limiting requests (HTTP 429)${wait !== undefined ? `; retry after ${wait} s` : ''}.${said ? ` ERPNext said: ${said}` : ''}`,
      wait !== undefined ? wait * 1000 : undefined,
    );
  }
  if (status === 403) {
    return new FrappeRequestError(
      status,
      excType,
      messages,
      `ERPNext refused ${ctx.subject} (${kind}): ${said || 'Not permitted.'} The roles of the connector's API user do not allow this; an ERPNext administrator can grant them.`,
    );
  }
  if (status === 404) {
    return new FrappeRequestError(
      status,
      excType,
      messages,
      `Not found (${kind}): ${said || `${ctx.subject} does not exist.`}`,
    );
  }
  if (status === 409) {
    return new FrappeRequestError(
      status,
      excType,
      messages,
      `Conflict (${kind}): ${said || `${ctx.subject} already exists.`}`,
    );
  }
  if (status === 417 || status === 400 || status === 422) {
    return new FrappeRequestError(
      status,
      excType,
      messages,
      `ERPNext rejected ${ctx.subject} (${kind}): ${said || 'Validation failed.'}`,
    );
  }
  if (status === 502 || status === 503 || status === 504) {
    const maintenance = excType === 'SessionStopped' ? ', the site is in maintenance mode' : '';
    return new BusError('BACKEND_UNAVAILABLE', `ERPNext is unavailable (HTTP ${status}${maintenance}).`);
  }
  // 5xx bodies can carry SQL or tracebacks: only the class name goes out.
  return new BusError('BACKEND_ERROR', `ERPNext failed on ${ctx.method} ${ctx.subject} (${kind}).`);
}
