import { Type, type Static } from '@sinclair/typebox';

/**
 * The closed set of error codes that may cross the bus. The edges translate them: mcp-front to JSON-RPC
 * errors or `isError` tool results, openai-front to HTTP statuses and OpenAI error objects.
 */
export const WIRE_ERROR_CODES = [
  /** The named tool does not exist on this connector. */
  'TOOL_NOT_FOUND',
  /** The tool arguments do not match the tool's input schema. */
  'INVALID_ARGUMENTS',
  /** The message itself does not match the contract (a caller bug, never a user error). */
  'INVALID_REQUEST',
  /** The backend could not be reached (connection refused, DNS, TLS), or its circuit is open. */
  'BACKEND_UNAVAILABLE',
  /** The backend answered with an error. */
  'BACKEND_ERROR',
  /** The backend refused the connector's credentials. */
  'BACKEND_AUTH_FAILED',
  /** No connector replica answers on the subject. */
  'CONNECTOR_UNAVAILABLE',
  /** The bus itself is not connected. */
  'BUS_UNAVAILABLE',
  /** The operation did not finish within its deadline. */
  'TIMEOUT',
  /** The caller cancelled the operation. */
  'CANCELLED',
  'UNAUTHORIZED',
  'FORBIDDEN',
  /** The named record (an API token, a client) does not exist. */
  'NOT_FOUND',
  /** The request conflicts with existing state (a duplicate name). */
  'CONFLICT',
  'RATE_LIMITED',
  /** Anything else; the message is generic and never carries internal detail. */
  'INTERNAL',
] as const;

export type WireErrorCode = (typeof WIRE_ERROR_CODES)[number];

export const WireErrorSchema = Type.Object(
  {
    code: Type.Union(WIRE_ERROR_CODES.map((code) => Type.Literal(code))),
    /** Safe to show to a client or a model: never a stack trace, a secret or an internal address. */
    message: Type.String({ maxLength: 2000 }),
    /** Set for `RATE_LIMITED` and retryable backend failures. */
    retryAfterMs: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
);

export type WireError = Static<typeof WireErrorSchema>;

const CODE_SET: ReadonlySet<string> = new Set(WIRE_ERROR_CODES);

export function isWireErrorCode(value: unknown): value is WireErrorCode {
  return typeof value === 'string' && CODE_SET.has(value);
}

/** A wire error as a throwable value, for code on either side of the bus. */
export class BusError extends Error {
  constructor(
    readonly code: WireErrorCode,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'BusError';
  }

  toWire(): WireError {
    return this.retryAfterMs === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, retryAfterMs: this.retryAfterMs };
  }
}
