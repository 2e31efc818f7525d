import { Type, type Static } from '@sinclair/typebox';
import { defineEvent } from '../operation.js';
import { subject } from '../subjects.js';
import { SurfaceSchema, TokenKindSchema } from '../tool.js';
import { WIRE_ERROR_CODES } from '../wire-error.js';

/** What the audit log records: a tool call that was sent to a connector, or a refused bearer token. */
export const AUDIT_KINDS = ['tool-call', 'auth-failure'] as const;

export type AuditKind = (typeof AUDIT_KINDS)[number];

/** Subject parameters of {@link AuditRecord}: one subject per kind, so readers can filter by kind. */
export interface AuditParams {
  readonly kind: AuditKind;
}

/**
 * How a tool call ended: `ok`, `tool_error` (the tool ran and answered with `isError: true`), or the wire
 * error code the front saw (`TIMEOUT`, `CONNECTOR_UNAVAILABLE`, `CANCELLED`, …; anything unexpected is
 * `INTERNAL`).
 */
export const ToolCallOutcomeSchema = Type.Union([
  Type.Literal('ok'),
  Type.Literal('tool_error'),
  ...WIRE_ERROR_CODES.map((code) => Type.Literal(code)),
]);

export type ToolCallOutcome = Static<typeof ToolCallOutcomeSchema>;

const RecordId = Type.String({
  format: 'uuid',
  description: 'Unique per record; also the JetStream message id, so a retried write is stored once.',
});
const RecordTime = Type.String({ format: 'date-time', description: 'ISO 8601, UTC.' });

/**
 * One tool call a front sent to a connector, written when the call ended. Calls refused at the front
 * before anything crossed the bus (unknown tool, scope, invalid arguments, rate limit) are not recorded.
 */
export const ToolCallRecordSchema = Type.Object(
  {
    id: RecordId,
    /** When the call started at the front. */
    at: RecordTime,
    kind: Type.Literal('tool-call'),
    surface: SurfaceSchema,
    caller: Type.Object(
      {
        /** `api-token:<name>`, an OAuth `sub`, `access-token-<n>`, or `anonymous` (`MCP_AUTH=none`). */
        subject: Type.String({ maxLength: 200 }),
        /** The OAuth client the access token was issued to. */
        clientId: Type.Optional(Type.String({ maxLength: 200 })),
        /** The API token's id (`tok_…`) and name, for API tokens. */
        tokenId: Type.Optional(Type.String({ maxLength: 100 })),
        tokenName: Type.Optional(Type.String({ maxLength: 200 })),
        /** Absent only when the front does not authenticate (`MCP_AUTH=none`). */
        tokenKind: Type.Optional(TokenKindSchema),
      },
      { additionalProperties: false },
    ),
    tool: Type.String({ maxLength: 64 }),
    connector: Type.String({ maxLength: 32 }),
    /**
     * The connector replica that took the call (from its `accepted` acknowledgement; the last one when the
     * call was sent again). Absent when no replica took it.
     */
    instance: Type.Optional(Type.String({ maxLength: 64 })),
    /**
     * Lowercase hex sha256 of the canonical JSON (keys sorted) of the arguments as sent, before redaction:
     * equal arguments always have the same digest.
     */
    argumentsDigest: Type.String({ pattern: '^[0-9a-f]{64}$' }),
    /**
     * The arguments with the values of secret-looking keys (password, token, api_key, authorization,
     * cookie, private_key, credential, …) replaced by `"[redacted]"` and strings over 1,000 characters cut.
     */
    arguments: Type.Record(Type.String(), Type.Unknown()),
    /** True when `arguments` was shortened: a string cut, or the object capped at about 8 KB. */
    truncated: Type.Boolean(),
    outcome: ToolCallOutcomeSchema,
    /** From the front's point of view, retries included. */
    durationMs: Type.Integer({ minimum: 0 }),
    /** How many times the call was sent again because the replica running it went away. */
    retries: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);

export type ToolCallRecord = Static<typeof ToolCallRecordSchema>;

/**
 * A bearer token a front refused. Requests without any `Authorization` header are not recorded: every MCP
 * client's first request has none, to discover the authorisation server.
 */
export const AuthFailureRecordSchema = Type.Object(
  {
    id: RecordId,
    at: RecordTime,
    kind: Type.Literal('auth-failure'),
    surface: SurfaceSchema,
    /** `invalid` (answered 401) or `unavailable` (it could not be checked: answered 503). */
    reason: Type.Union([Type.Literal('invalid'), Type.Literal('unavailable')]),
    /** Why, in the words the client was given (expired, revoked, unknown, …). */
    detail: Type.Optional(Type.String({ maxLength: 300 })),
    /** The token's shape: a JWT (OAuth access token) or an opaque string (API token, `ACCESS_TOKENS`). */
    tokenKind: Type.Union([Type.Literal('jwt'), Type.Literal('opaque')]),
    /**
     * The first 8 hex characters of the token's sha256: enough to tell attempts apart and to match an API
     * token's stored hash, never enough to use. The token itself is never recorded.
     */
    tokenFingerprint: Type.String({ pattern: '^[0-9a-f]{8}$' }),
    /** The client's address (the last `X-Forwarded-For` hop when `TRUST_PROXY` is set). */
    remoteAddress: Type.String({ maxLength: 100 }),
    /** The request path, without the query string. */
    path: Type.String({ maxLength: 200 }),
  },
  { additionalProperties: false },
);

export type AuthFailureRecord = Static<typeof AuthFailureRecordSchema>;

/**
 * `<prefix>.v1.audit.<kind>` — one audit record. The fronts publish it through JetStream and keep it until
 * the `<prefix>_audit` stream has acknowledged it (see `libs/audit`); the stream is the log, read with
 * `gateway audit tail`.
 */
export const AuditRecord = defineEvent({
  name: 'audit.record',
  subject: (prefix: string, p: AuditParams) => subject(prefix, 'audit', p.kind),
  message: Type.Union([ToolCallRecordSchema, AuthFailureRecordSchema]),
});

export type AuditRecord = ToolCallRecord | AuthFailureRecord;

/** Every audit subject (`<prefix>.v1.audit.>`): what the audit stream captures. */
export function auditSubjects(prefix: string): string {
  return subject(prefix, 'audit', '>');
}
