import { errors as undiciErrors } from 'undici';
import { ChatError } from './errors.js';
import { isJsonObject } from './openai-types.js';
import { excerpt } from './text.js';

/**
 * How a failed upstream call is reported to the client. Faults the client can fix keep their status and
 * the upstream's message (400/413/422 → 400, 404 → 404, 429 → 429: a conversation past the context
 * window, a model the upstream does not serve, a quota); the upstream refusing the gateway's own key is
 * the operator's fault, so it is a 502 without the upstream's message (OpenAI's echoes part of the key);
 * timeouts are 504; everything else is a 502 with the upstream's message.
 */
export function upstreamHttpError(status: number, bodyText: string): ChatError {
  const { message, code } = upstreamMessage(bodyText);
  const said = message ? `: ${message}` : '';
  if (status === 401 || status === 403) {
    return new ChatError(
      502,
      `The upstream model server refused the gateway's credentials (HTTP ${status}).`,
      'server_error',
      'upstream_auth_failed',
    );
  }
  if (status === 400 || status === 413 || status === 422) {
    return new ChatError(400, `The upstream model server rejected the request${said}`, undefined, code);
  }
  if (status === 404) {
    return new ChatError(
      404,
      `The upstream model server has no such model or endpoint${said}`,
      undefined,
      code,
    );
  }
  if (status === 429) {
    return new ChatError(429, `The upstream model server is rate limiting${said}`, undefined, code);
  }
  if (status === 408 || status === 504) {
    return new ChatError(
      504,
      `The upstream model server timed out${said}`,
      'server_error',
      'upstream_timeout',
    );
  }
  return new ChatError(
    502,
    `The upstream model server failed (HTTP ${status})${said}`,
    'server_error',
    'upstream_error',
  );
}

/** An `error` object inside a stream the upstream had already started with 200. */
export function upstreamStreamError(error: unknown): ChatError {
  const { message, code } = upstreamMessage(JSON.stringify({ error }));
  return new ChatError(
    502,
    `The upstream model server failed while answering${message ? `: ${message}` : ''}`,
    'server_error',
    code ?? 'upstream_error',
  );
}

/**
 * A transport failure: no answer, a timeout, a broken stream (`during` says whether the answer had begun).
 * Callers check their own signal first: an aborted call is not a failure to report.
 */
export function upstreamTransportError(error: unknown, timeoutMs: number, during: string): ChatError {
  if (error instanceof undiciErrors.HeadersTimeoutError || error instanceof undiciErrors.BodyTimeoutError) {
    return new ChatError(
      504,
      `The upstream model server ${during === 'connect' ? 'did not answer' : 'stopped sending'} for ${Math.round(timeoutMs / 1000)} s.`,
      'server_error',
      'upstream_timeout',
    );
  }
  if (error instanceof ChatError) return error;
  return new ChatError(
    502,
    during === 'connect'
      ? `The upstream model server is unreachable (${transportCode(error)}).`
      : `The upstream model server broke off its answer (${transportCode(error)}).`,
    'server_error',
    'upstream_unavailable',
  );
}

export function malformedUpstream(what: string): ChatError {
  return new ChatError(
    502,
    `The upstream model server sent ${what}.`,
    'server_error',
    'upstream_bad_response',
  );
}

/** The upstream's own message and code from an OpenAI-style (or FastAPI-style) error body. */
function upstreamMessage(bodyText: string): { message: string; code: string | null } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(bodyText);
  } catch {
    // Plain text is the upstream's own words; an HTML page is a proxy's error page, useless to a client.
    return { message: bodyText.trimStart().startsWith('<') ? '' : excerpt(bodyText, 300), code: null };
  }
  const error = isJsonObject(parsed) ? (parsed['error'] ?? parsed['detail'] ?? parsed['message']) : undefined;
  const message =
    typeof error === 'string'
      ? error
      : isJsonObject(error) && typeof error['message'] === 'string'
        ? error['message']
        : '';
  const code = isJsonObject(error) ? error['code'] : undefined;
  return {
    message: excerpt(message, 300),
    code: typeof code === 'string' && /^[\w.-]{1,64}$/.test(code) ? code : null,
  };
}

function transportCode(error: unknown): string {
  if (error instanceof undiciErrors.ConnectTimeoutError) return 'connect timeout';
  const withCode = error as { code?: unknown; cause?: { code?: unknown } };
  const code = withCode.code ?? withCode.cause?.code;
  return typeof code === 'string' ? code : 'connection failed';
}
