import { BusError } from '@mcp-gateway/contracts';
import { ToolError } from '@mcp-gateway/connector-kit';

/** JSON-RPC error codes TrueNAS uses (`truenas_api_client/jsonrpc.py`). */
export const RPC_CODES = {
  invalidJson: -32700,
  invalidRequest: -32600,
  methodNotFound: -32601,
  invalidParams: -32602,
  internalError: -32603,
  tooManyConcurrentCalls: -32000,
  callError: -32001,
} as const;

/** The `error` member of a JSON-RPC response; `data` as `format_truenas_error` builds it. */
export interface RpcErrorBody {
  readonly code: number;
  readonly message: string;
  readonly data?: {
    readonly error?: number;
    readonly errname?: string;
    readonly reason?: string;
    readonly trace?: { readonly class?: string } | null;
    readonly extra?: unknown;
  };
}

/**
 * TrueNAS refused a call for a reason the model can act on (validation, not found, already exists, a
 * failed ZFS command). Carries the JSON-RPC code and errno name for callers that branch on them.
 */
export class TrueNasCallError extends ToolError {
  constructor(
    readonly code: number,
    readonly errname: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'TrueNasCallError';
  }
}

/** `-32601 Method does not exist`: the release lacks the method (the backend retries the other name). */
export class TrueNasMethodMissing extends TrueNasCallError {
  constructor(readonly method: string) {
    super(RPC_CODES.methodNotFound, undefined, `This TrueNAS release has no API method ${method}.`);
    this.name = 'TrueNasMethodMissing';
  }
}

/** Exceptions TrueNAS raises on purpose; anything else in `trace.class` is a server-side bug. */
const EXPECTED_CLASSES = new Set([
  'CallError',
  'ValidationError',
  'ValidationErrors',
  'InstanceNotFound',
  'MatchNotFound',
  'CallException',
]);

function clip(text: string, max = 1_000): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** `[ENOENT] cannot open …` → `cannot open …`: the errno goes in its own place. */
function reasonText(reason: string | undefined, fallback: string): string {
  return clip((reason ?? fallback).replace(/^\[[A-Z0-9_]+\]\s*/, '').trim() || fallback);
}

/** `extra` of a validation error: `[[attribute, message, errno], …]`. */
function validationText(extra: unknown): string | undefined {
  if (!Array.isArray(extra)) return undefined;
  const parts = extra
    .filter((e): e is unknown[] => Array.isArray(e))
    .map(([attribute, message]) =>
      typeof attribute === 'string' && attribute !== ''
        ? `${attribute}: ${String(message)}`
        : String(message),
    );
  return parts.length > 0 ? clip(parts.join('; ')) : undefined;
}

/** Turns a JSON-RPC error from TrueNAS into what the tools and the bus expect. */
export function rpcError(method: string, error: RpcErrorBody): Error {
  const data = error.data;
  const errname = data?.errname;
  switch (error.code) {
    case RPC_CODES.methodNotFound:
      return new TrueNasMethodMissing(method);
    case RPC_CODES.tooManyConcurrentCalls:
      return new BusError('RATE_LIMITED', `TrueNAS is busy: ${clip(error.message)}.`, 1_000);
    case RPC_CODES.invalidParams:
      return new TrueNasCallError(
        error.code,
        errname,
        `TrueNAS rejected ${method}: ${validationText(data?.extra) ?? reasonText(data?.reason, error.message)}`,
      );
    case RPC_CODES.callError:
      break;
    default:
      return new BusError('BACKEND_ERROR', `TrueNAS could not process ${method}: ${clip(error.message)}.`);
  }
  const reason = reasonText(data?.reason, error.message);
  if (errname === 'ENOTAUTHENTICATED') {
    return new BusError('BACKEND_AUTH_FAILED', `TrueNAS says the session is not authenticated (${method}).`);
  }
  if (errname === 'EBUSY' && /rate limit/i.test(reason)) {
    return new BusError('RATE_LIMITED', 'TrueNAS rate-limited the connector; try again in a minute.', 60_000);
  }
  if (errname === 'EACCES' || errname === 'EPERM') {
    return new TrueNasCallError(
      error.code,
      errname,
      `TrueNAS refused ${method}: ${reason}. The API key's user may lack the role this needs.`,
    );
  }
  const cls = data?.trace?.class;
  if (cls !== undefined && !EXPECTED_CLASSES.has(cls)) {
    return new BusError('BACKEND_ERROR', `TrueNAS failed while running ${method} (${cls}): ${reason}`);
  }
  return new TrueNasCallError(error.code, errname, `TrueNAS: ${reason}${errname ? ` (${errname})` : ''}`);
}
