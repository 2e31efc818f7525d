import {
  BusError,
  compileSchema,
  describeValidationErrors,
  replyEnvelopeSchema,
  type ReplyEnvelope,
  type RequestOperation,
} from '@mcp-gateway/contracts';
import type { TSchema } from '@sinclair/typebox';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function encode(value: unknown): Uint8Array {
  return encoder.encode(JSON.stringify(value));
}

/** Parses a message body; `undefined` when it is not JSON. */
export function decode(data: Uint8Array): unknown {
  try {
    return JSON.parse(decoder.decode(data)) as unknown;
  } catch {
    return undefined;
  }
}

const envelopeSchemas = new WeakMap<object, object>();

/** Decodes and validates a reply to `op`; a malformed reply is a caller-visible INTERNAL error. */
export function decodeReply(
  op: Pick<RequestOperation<TSchema, TSchema, never>, 'name' | 'response'>,
  data: Uint8Array,
): ReplyEnvelope<unknown> {
  let schema = envelopeSchemas.get(op);
  if (!schema) {
    schema = replyEnvelopeSchema(op.response);
    envelopeSchemas.set(op, schema);
  }
  const validate = compileSchema<ReplyEnvelope<unknown>>(schema);
  const value = decode(data);
  if (!validate(value)) {
    throw new BusError(
      'INTERNAL',
      `Malformed reply on ${op.name}: ${describeValidationErrors(validate.errors)}`,
    );
  }
  return value;
}
