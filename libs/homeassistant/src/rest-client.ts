import { BusError } from '@mcp-gateway/contracts';
import {
  ToolError,
  type BackendRequest,
  type BackendResponse,
  type HttpBackend,
} from '@mcp-gateway/connector-kit';

type Query = BackendRequest['query'];

/**
 * Home Assistant refused a request for a reason the model can act on (HTTP 400/404/405): unknown entity,
 * invalid service data, a template error. The message is Home Assistant's own when it sent one.
 */
export class HomeAssistantRequestError extends ToolError {
  constructor(
    readonly status: number,
    /** Home Assistant's `{"message": …}`, or undefined when it answered with plain text (`400: Bad Request`). */
    readonly haMessage: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'HomeAssistantRequestError';
  }
}

/**
 * The Home Assistant REST API (`/api/…`) on the kit's keep-alive HTTP client. Success bodies are returned
 * parsed; error statuses become the error the caller should see (`docs/api/rest.md`, `api/__init__.py`).
 */
export class HomeAssistantRest {
  constructor(private readonly http: HttpBackend) {}

  async get<T>(path: string, options: { query?: Query; signal?: AbortSignal } = {}): Promise<T> {
    const res = await this.send({ method: 'GET', path, ...options });
    return res.body as T;
  }

  async post<T>(
    path: string,
    body: unknown,
    options: { query?: Query; signal?: AbortSignal } = {},
  ): Promise<T> {
    const res = await this.send({ method: 'POST', path, body, ...options });
    return res.body as T;
  }

  /**
   * For `text/plain` endpoints such as `POST /api/template`. `idempotent` marks a POST that changes
   * nothing (rendering a template), so it may be retried like a GET.
   */
  async postText(
    path: string,
    body: unknown,
    options: { signal?: AbortSignal; idempotent?: boolean } = {},
  ): Promise<string> {
    const res = await this.send({ method: 'POST', path, body, ...options });
    return res.text;
  }

  private async send(req: BackendRequest): Promise<BackendResponse> {
    const res = await this.http.request(req);
    if (res.status >= 200 && res.status < 300) return res;
    throw toError(res, req);
  }
}

function toError(res: BackendResponse, req: BackendRequest): Error {
  const haMessage = messageOf(res.body);
  if (res.status === 401) {
    return new BusError(
      'BACKEND_AUTH_FAILED',
      'Home Assistant rejected the access token (401). Check HOMEASSISTANT_TOKEN; the token may have been revoked, or the call needs an administrator.',
    );
  }
  if (res.status === 403) {
    return new BusError(
      'BACKEND_AUTH_FAILED',
      'Home Assistant refused access (403); the connector may be IP-banned after failed logins.',
    );
  }
  if (res.status === 400 || res.status === 404 || res.status === 405) {
    const plain = typeof res.body === 'string' ? res.body.trim().slice(0, 200) : `${res.status}`;
    const text = haMessage ?? `Home Assistant answered ${plain || res.status} to ${req.method} ${req.path}.`;
    return new HomeAssistantRequestError(res.status, haMessage, text);
  }
  if (res.status === 429)
    return new BusError('RATE_LIMITED', 'Home Assistant is rate limiting the connector.');
  return new BusError(
    'BACKEND_ERROR',
    `Home Assistant answered HTTP ${res.status} to ${req.method} ${req.path.split('?')[0] ?? ''}.`,
  );
}

function messageOf(body: unknown): string | undefined {
  if (
    body !== null &&
    typeof body === 'object' &&
    typeof (body as { message?: unknown }).message === 'string'
  ) {
    return (body as { message: string }).message;
  }
  return undefined;
}
