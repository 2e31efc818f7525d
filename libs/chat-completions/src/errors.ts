/** The OpenAI error object (reference §1.5): openai-node's `APIError` reads `message/type/param/code`. */
export interface OpenAiErrorBody {
  readonly error: {
    readonly message: string;
    readonly type: string;
    readonly param: null;
    readonly code: string | null;
  };
}

/** An HTTP status and the OpenAI error object to answer it with. */
export interface OpenAiErrorAnswer {
  readonly status: number;
  readonly body: OpenAiErrorBody;
}

/**
 * Builds an OpenAI error answer. `type` defaults from the status the way OpenAI's own API names them
 * (`invalid_request_error`, `authentication_error`, `rate_limit_error`, `server_error`, …). Always give a
 * readable `message`: Open WebUI shows it as is, and a bare status makes a useless error (OWUI#27237).
 */
export function openAiError(
  status: number,
  message: string,
  type: string = errorType(status),
  code: string | null = null,
): OpenAiErrorAnswer {
  return { status, body: { error: { message, type, param: null, code } } };
}

/**
 * A failure this library answers with an OpenAI error object: before the stream starts as the HTTP status
 * and body, after it as an `error` chunk. The message is safe to show to a client: it never carries a
 * stack trace, a credential or an internal address.
 */
export class ChatError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly type: string = errorType(status),
    readonly code: string | null = null,
  ) {
    super(message);
    this.name = 'ChatError';
  }

  toAnswer(): OpenAiErrorAnswer {
    return openAiError(this.status, this.message, this.type, this.code);
  }
}

/** Anything thrown that is not a `ChatError` is a bug: the client learns only that it failed. */
export function asChatError(error: unknown, log: (message: string) => void): ChatError {
  if (error instanceof ChatError) return error;
  log(`chat completion failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return new ChatError(500, 'The gateway failed to answer this request.', 'server_error', 'internal_error');
}

function errorType(status: number): string {
  if (status === 401) return 'authentication_error';
  if (status === 403) return 'permission_error';
  if (status === 429) return 'rate_limit_error';
  if (status === 503) return 'service_unavailable_error';
  if (status >= 500) return 'server_error';
  return 'invalid_request_error';
}
