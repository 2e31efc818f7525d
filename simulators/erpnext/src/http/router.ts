import { FrappeException, doesNotExist } from '../site/errors.js';
import { GUEST, type Session } from '../site/session.js';
import type { Site } from '../site/site.js';
import { authenticate, type Credentials } from './auth.js';
import { callMethod } from './methods.js';
import type { ApiCall, HandlerResult } from './request.js';
import {
  createDocument,
  deleteDocument,
  listDocuments,
  readDocument,
  runDocumentMethod,
  updateDocument,
} from './resources.js';
import { errorResponse, jsonResponse, pageNotFound, type ApiResponse } from './responses.js';
import { text } from '../site/values.js';

export interface IncomingCall {
  readonly method: string;
  readonly pathname: string;
  readonly query: URLSearchParams;
  readonly contentType: string;
  readonly body: string;
  readonly authorization: string | undefined;
}

export interface RouterOptions {
  readonly site: Site;
  readonly credentials: Credentials;
  readonly version: 14 | 15;
}

/**
 * Frappe's `/api` dispatch (`frappe/api/__init__.py`, v1 rules, mounted at `/api` and `/api/v1`):
 * authenticate, build `form_dict`, route, and turn exceptions into Frappe's error responses.
 */
export function dispatch(options: RouterOptions, incoming: IncomingCall): ApiResponse {
  let session: Session = { user: GUEST, messages: [] };
  const segments = incoming.pathname.split('/').slice(1);
  if (segments[0] !== 'api') return pageNotFound();
  const route = segments[1] === 'v1' ? segments.slice(2) : segments.slice(1);
  try {
    session = { user: authenticate(incoming.authorization, options.credentials), messages: [] };
    const call: ApiCall = { site: options.site, session, httpMethod: incoming.method, ...formDict(incoming) };
    const result = handle(options, call, route);
    return jsonResponse(result.body, session, result.status);
  } catch (error) {
    if (error instanceof FrappeException) return errorResponse(error, session);
    const detail = error instanceof Error ? error.message : text(error);
    return errorResponse(new FrappeException('Exception', 500, [], detail), session);
  }
}

function handle(options: RouterOptions, call: ApiCall, route: string[]): HandlerResult {
  const [kind, first, ...rest] = route.map((s) => decodeURIComponent(s));
  const method = call.httpMethod;
  // `handle_rpc_call`: anything after a slash is ignored "for backward compatibility".
  if (kind === 'method' && first) return callMethod(call, first);
  if (kind === 'resource' && first) {
    const name = rest.filter((s) => s !== '').join('/');
    if (!name) {
      if (method === 'GET') return listDocuments(call, first);
      if (method === 'POST') return createDocument(call, first);
      throw methodNotAllowed();
    }
    if (method === 'GET') return readDocument(call, first, name);
    if (method === 'PUT') return updateDocument(call, first, name);
    if (method === 'DELETE') return deleteDocument(call, first, name, options.version);
    if (method === 'POST') return runDocumentMethod(call, first, name);
    throw methodNotAllowed();
  }
  // Werkzeug's NotFound is re-raised as DoesNotExistError "for backward compatibility".
  throw doesNotExist('Page', route.join('/'));
}

const methodNotAllowed = () => new FrappeException('MethodNotAllowed', 405, [], '405 Method Not Allowed');

/** `make_form_dict`: a JSON body is the whole form; otherwise query string plus form fields. */
function formDict(incoming: IncomingCall): { form: Record<string, unknown>; body: unknown } {
  if (incoming.body && incoming.contentType.includes('application/json')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(incoming.body) as unknown;
    } catch {
      throw new FrappeException('JSONDecodeError', 500, [], 'unexpected character: line 1 column 1 (char 0)');
    }
    const form =
      parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
        ? { ...(parsed as Record<string, unknown>) }
        : { data: parsed };
    return { form, body: parsed };
  }
  const form: Record<string, unknown> = Object.fromEntries(incoming.query);
  if (incoming.contentType.includes('application/x-www-form-urlencoded'))
    Object.assign(form, Object.fromEntries(new URLSearchParams(incoming.body)));
  return { form, body: undefined };
}
