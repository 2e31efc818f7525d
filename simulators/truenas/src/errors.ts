/**
 * The middleware's exceptions and how `ws_handler/rpc.py` turns them into JSON-RPC errors
 * (`send_truenas_error`, `send_truenas_validation_error`; error codes from `truenas_api_client/jsonrpc.py`).
 */

export const RPC = {
  invalidJson: -32700,
  invalidRequest: -32600,
  methodNotFound: -32601,
  invalidParams: -32602,
  internalError: -32603,
  tooManyConcurrentCalls: -32000,
  callError: -32001,
} as const;

/** Linux errno values the simulator raises, plus the middleware's own (`truenas_api_client/exc.py`). */
export const ERRNO = {
  ENOENT: 2,
  EFAULT: 14,
  EBUSY: 16,
  EEXIST: 17,
  EINVAL: 22,
  ENOTAUTHENTICATED: 207,
} as const;

const ERRNAMES: Readonly<Record<number, string>> = Object.fromEntries(
  Object.entries(ERRNO).map(([name, code]) => [code, name]),
);

export function errname(code: number): string {
  return ERRNAMES[code] ?? 'EUNKNOWN';
}

/** `CallError(errmsg, errno)`: `str()` is `[ERRNAME] errmsg`, which becomes `error.data.reason`. */
export class CallError extends Error {
  constructor(
    readonly errmsg: string,
    readonly errno: number = ERRNO.EFAULT,
    readonly extra: unknown = null,
  ) {
    super(`[${errname(errno)}] ${errmsg}`);
    this.name = 'CallError';
  }
}

/** One `[attribute, errmsg, errno]` triple of a `ValidationErrors`. */
export type ValidationTriple = [attribute: string | null, errmsg: string, errno: number];

/** `ValidationErrors`: several attribute errors, sent as -32602 "Invalid params". */
export class ValidationErrors extends Error {
  constructor(readonly errors: readonly ValidationTriple[]) {
    super(
      errors.map(([attribute, message, code]) => `[${errname(code)}] ${attribute}: ${message}\n`).join(''),
    );
    this.name = 'ValidationErrors';
  }

  static one(attribute: string | null, errmsg: string, errno: number = ERRNO.EINVAL): ValidationErrors {
    return new ValidationErrors([[attribute, errmsg, errno]]);
  }
}

/** `InstanceNotFound`: a `ValidationError` with no attribute and ENOENT (`service_exception.py`). */
export function instanceNotFound(message: string): ValidationErrors {
  return ValidationErrors.one(null, message, ERRNO.ENOENT);
}

/** `MatchNotFound` (an IndexError): not adapted, so it reaches the client as `repr()` with EINVAL. */
export class MatchNotFound extends Error {
  constructor() {
    super('MatchNotFound()');
    this.name = 'MatchNotFound';
  }
}

export interface JsonRpcErrorBody {
  code: number;
  message: string;
  data?: TrueNasErrorData;
}

/** `format_truenas_error`: what clients read in `error.data`. */
export interface TrueNasErrorData {
  error: number;
  errname: string;
  reason: string;
  trace: { class: string; formatted: string; repr: string } | null;
  extra: unknown;
}

function data(errno: number, reason: string, cls: string, extra: unknown): TrueNasErrorData {
  return {
    error: errno,
    errname: errname(errno),
    reason,
    trace: {
      class: cls,
      formatted: `Traceback (most recent call last):\n  (simulated)\n${cls}: ${reason}`,
      repr: `${cls}(${JSON.stringify(reason)})`,
    },
    extra,
  };
}

/** Maps anything a method threw to the error member `process_method_call` would send. */
export function toJsonRpcError(error: unknown): JsonRpcErrorBody {
  if (error instanceof ValidationErrors) {
    return {
      code: RPC.invalidParams,
      message: 'Invalid params',
      data: data(ERRNO.EINVAL, error.message, 'ValidationErrors', error.errors),
    };
  }
  if (error instanceof CallError) {
    return {
      code: RPC.callError,
      message: 'Method call error',
      data: data(error.errno, error.message, 'CallError', error.extra),
    };
  }
  const reason = error instanceof Error ? error.message || error.name : String(error);
  return {
    code: RPC.callError,
    message: 'Method call error',
    data: data(ERRNO.EINVAL, reason, error instanceof Error ? error.name : 'Exception', null),
  };
}
