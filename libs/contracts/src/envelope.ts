import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { INSTANCE_ID_PATTERN } from './subjects.js';
import { WireErrorSchema, type WireError } from './wire-error.js';

/**
 * Every reply on the bus is one of these envelopes. A request that asked to be acknowledged first receives
 * one `accepted` envelope naming the replica that took it; a streamed request (one that asked for
 * progress) receives zero or more `progress` envelopes; then exactly one `ok` or `error` envelope.
 */
export type ReplyEnvelope<T> =
  | { readonly ok: true; readonly result: T }
  | { readonly ok: false; readonly error: WireError }
  | { readonly progress: ProgressUpdate }
  | { readonly accepted: Accepted };

export const AcceptedSchema = Type.Object(
  {
    /** The replica that took the request (its instance id, a subject token). */
    instance: Type.String({ pattern: INSTANCE_ID_PATTERN }),
  },
  { additionalProperties: false },
);

export type Accepted = Static<typeof AcceptedSchema>;

export const ProgressUpdateSchema = Type.Object(
  {
    progress: Type.Number(),
    total: Type.Optional(Type.Number()),
    message: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);

export type ProgressUpdate = Static<typeof ProgressUpdateSchema>;

/** The schema of the envelopes that may answer a request whose result matches `result`. */
export function replyEnvelopeSchema<T extends TSchema>(result: T) {
  return Type.Union([
    Type.Object({ ok: Type.Literal(true), result }, { additionalProperties: false }),
    Type.Object({ ok: Type.Literal(false), error: WireErrorSchema }, { additionalProperties: false }),
    Type.Object({ progress: ProgressUpdateSchema }, { additionalProperties: false }),
    Type.Object({ accepted: AcceptedSchema }, { additionalProperties: false }),
  ]);
}
