import { Type } from '@sinclair/typebox';
import { defineEvent, type ConnectorParams } from '../operation.js';
import { subject } from '../subjects.js';

/**
 * `<prefix>.v1.connector.<name>.tools.cancel` — published when the client that asked for a call went
 * away. Every replica hears it; the one running `callId` aborts the backend request.
 */
export const ConnectorToolsCancel = defineEvent({
  name: 'connector.tools.cancel',
  subject: (prefix: string, p: ConnectorParams) =>
    subject(prefix, 'connector', p.connector, 'tools', 'cancel'),
  message: Type.Object(
    {
      callId: Type.String({ minLength: 8, maxLength: 64 }),
      reason: Type.Optional(Type.String({ maxLength: 500 })),
    },
    { additionalProperties: false },
  ),
});
