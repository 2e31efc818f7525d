import { Type } from '@sinclair/typebox';
import { defineRequest, type ConnectorParams } from '../operation.js';
import { subject } from '../subjects.js';
import { CallerSchema, TOOL_NAME_PATTERN, ToolResultSchema } from '../tool.js';

/**
 * `<prefix>.v1.connector.<name>.tools.call` — run one tool call on one replica of the connector.
 *
 * Arguments were validated against the tool's schema by the front and are validated again by the
 * connector. A call that asked for `ack` receives an `accepted` envelope from the replica that took it
 * before anything else, so the caller can watch that replica ({@link ConnectorInstancePing}) and retry a
 * read-only call if it dies. A call that asked for `progress` receives progress envelopes before its
 * result, and can be cancelled with {@link ConnectorToolsCancel} using its `callId`.
 */
export const ConnectorToolsCall = defineRequest({
  name: 'connector.tools.call',
  subject: (prefix: string, p: ConnectorParams) => subject(prefix, 'connector', p.connector, 'tools', 'call'),
  request: Type.Object(
    {
      /** Unique per call (a UUID); names the call in progress and cancellation messages and in logs. */
      callId: Type.String({ minLength: 8, maxLength: 64 }),
      tool: Type.String({ pattern: TOOL_NAME_PATTERN }),
      arguments: Type.Record(Type.String(), Type.Unknown()),
      /** Ask the connector to stream progress envelopes. */
      progress: Type.Optional(Type.Boolean()),
      /** Ask the replica that takes the call to say so at once with an `accepted` envelope. */
      ack: Type.Optional(Type.Boolean()),
      /** Milliseconds the caller will wait; the connector gives up on the backend before then. */
      timeoutMs: Type.Optional(Type.Integer({ minimum: 1, maximum: 600_000 })),
      caller: Type.Optional(CallerSchema),
    },
    { additionalProperties: false },
  ),
  response: ToolResultSchema,
  timeoutMs: 60_000,
});
