import { Type } from '@sinclair/typebox';
import { defineRequest } from '../operation.js';
import { subject } from '../subjects.js';

/** Subject parameters of an operation addressed to one replica of a connector. */
export interface InstanceParams {
  readonly connector: string;
  /** The replica's instance id, as in its announcements and `accepted` envelopes. */
  readonly instance: string;
}

/**
 * `<prefix>.v1.connector.<name>.instance.<instance>.ping` — answered by exactly one replica, for as long
 * as it runs (including while it finishes its calls after SIGTERM). A front that waits for a call that
 * replica accepted pings it: "no responders" means the process is gone and its calls will never be
 * answered, so read-only ones can be sent again to another replica.
 */
export const ConnectorInstancePing = defineRequest({
  name: 'connector.instance.ping',
  subject: (prefix: string, p: InstanceParams) =>
    subject(prefix, 'connector', p.connector, 'instance', p.instance, 'ping'),
  request: Type.Object({}, { additionalProperties: false }),
  response: Type.Object(
    {
      instance: Type.String(),
      /** Calls the replica is running right now. */
      inFlight: Type.Integer({ minimum: 0 }),
    },
    { additionalProperties: false },
  ),
  timeoutMs: 2_000,
});
