import { BusError } from '@mcp-gateway/contracts';
import { frappeError, serverMessages } from './frappe-errors.js';
import { parseRetryAfter, type BackendRequest, type HttpBackend } from '@mcp-gateway/connector-kit';

export type Doc = Record<string, unknown>;

/** `frappe.client.get_list` arguments; the client JSON-encodes lists and objects. */
export interface ListParams {
  readonly fields?: readonly string[];
  readonly filters?: unknown;
  readonly or_filters?: unknown;
  readonly order_by?: string;
  readonly group_by?: string;
  readonly limit_start?: number;
  readonly limit_page_length?: number;
}

/** A successful answer and the notes Frappe logged on the way (`_server_messages`, e.g. a renamed customer). */
export interface Answer<T> {
  readonly value: T;
  readonly notes: string[];
}

type Params = Readonly<Record<string, unknown>>;

const path = (...segments: string[]) => segments.map(encodeURIComponent).join('/');

/**
 * Frappe's REST API v1 (`/api/resource`, `/api/method`) over one transport: envelopes unwrapped
 * (`data` for resources, `message` for methods), error statuses turned into the errors the caller should
 * see, success notes kept.
 */
export class FrappeClient {
  constructor(private readonly transport: HttpBackend) {}

  async list(doctype: string, params: ListParams, signal?: AbortSignal): Promise<Doc[]> {
    const body = await this.send(
      {
        method: 'GET',
        path: `/api/resource/${path(doctype)}`,
        query: encodeParams(params as Params),
        signal,
      },
      `the ${doctype} list`,
    );
    return Array.isArray(body['data']) ? (body['data'] as Doc[]) : [];
  }

  async get(doctype: string, name: string, signal?: AbortSignal): Promise<Doc> {
    const body = await this.send(
      { method: 'GET', path: `/api/resource/${path(doctype, name)}`, signal },
      `${doctype} ${name}`,
    );
    return asDoc(body['data']);
  }

  /** `POST /api/resource/<DocType>`; `docstatus: 1` in the document submits it in the same call. */
  async insert(doctype: string, doc: Doc, signal?: AbortSignal): Promise<Answer<Doc>> {
    const body = await this.send(
      { method: 'POST', path: `/api/resource/${path(doctype)}`, body: doc, signal },
      `the new ${doctype}`,
    );
    return { value: asDoc(body['data']), notes: serverMessages(body['_server_messages']) };
  }

  /** `PUT /api/resource/<DocType>/<name>`: a partial update; child tables given replace the stored rows. */
  async update(doctype: string, name: string, values: Doc, signal?: AbortSignal): Promise<Answer<Doc>> {
    const body = await this.send(
      { method: 'PUT', path: `/api/resource/${path(doctype, name)}`, body: values, signal },
      `${doctype} ${name}`,
    );
    return { value: asDoc(body['data']), notes: serverMessages(body['_server_messages']) };
  }

  /** `POST /api/resource/<DocType>/<name>` `{"run_method": …}`: `submit`, `cancel`. */
  async runMethod(
    doctype: string,
    name: string,
    method: string,
    signal?: AbortSignal,
  ): Promise<Answer<Doc | undefined>> {
    const body = await this.send(
      { method: 'POST', path: `/api/resource/${path(doctype, name)}`, body: { run_method: method }, signal },
      `${doctype} ${name}`,
    );
    const data = body['data'];
    return {
      value: data !== null && typeof data === 'object' ? (data as Doc) : undefined,
      notes: serverMessages(body['_server_messages']),
    };
  }

  /** `DELETE /api/resource/<DocType>/<name>`: v15 answers 202 `{"data":"ok"}`, v13/v14 `{"message":"ok"}`. */
  async delete(doctype: string, name: string, signal?: AbortSignal): Promise<void> {
    await this.send(
      { method: 'DELETE', path: `/api/resource/${path(doctype, name)}`, signal },
      `${doctype} ${name}`,
    );
  }

  /** A whitelisted method; GET for reads (arguments in the query string), POST for writes (JSON body). */
  async call(
    method: string,
    args: Params,
    options: { http?: 'GET' | 'POST'; signal?: AbortSignal; subject?: string } = {},
  ): Promise<Doc> {
    const http = options.http ?? 'GET';
    return this.send(
      {
        method: http,
        path: `/api/method/${method}`,
        ...(http === 'GET' ? { query: encodeParams(args) } : { body: args }),
        signal: options.signal,
      },
      options.subject ?? method,
    );
  }

  private async send(req: BackendRequest, subject: string): Promise<Doc> {
    const res = await this.transport.request(req);
    if (res.status < 200 || res.status >= 300) {
      throw frappeError(res.status, res.body, {
        method: req.method,
        subject,
        retryAfterSeconds: retryAfterSeconds(res.retryAfter),
      });
    }
    if (res.body === null || typeof res.body !== 'object' || Array.isArray(res.body)) {
      throw new BusError(
        'BACKEND_ERROR',
        `ERPNext answered ${req.method} ${subject} with ${res.contentType || 'no content type'} instead of a JSON object; ERPNEXT_URL should be the site's base URL.`,
      );
    }
    return res.body as Doc;
  }
}

/** Query values as Frappe parses them: strings as they are, everything else as JSON. */
function encodeParams(params: Params): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    out[key] = typeof value === 'string' ? value : JSON.stringify(value);
  }
  return out;
}

function asDoc(value: unknown): Doc {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Doc) : {};
}

/** Frappe's rate limiter sends `Retry-After` with 429; the error tells the model the seconds to wait. */
function retryAfterSeconds(header: string | undefined): number | undefined {
  const ms = parseRetryAfter(header);
  return ms === undefined ? undefined : Math.ceil(ms / 1000);
}
