import { Type } from '@sinclair/typebox';
import { defineEvent, defineRequest } from '../../operation.js';
import { subject } from '../../subjects.js';
import { RevocationSchema } from './auth-types.js';

/**
 * `<prefix>.v1.auth.revocations.list` — every revocation that has not yet run out. A front loads it at
 * start (and after a reconnect) so that it refuses what was revoked while it was away.
 */
export const AuthRevocationsList = defineRequest({
  name: 'auth.revocations.list',
  subject: (prefix: string, _p: Record<string, never>) => subject(prefix, 'auth', 'revocations', 'list'),
  request: Type.Object({}, { additionalProperties: false }),
  response: Type.Object(
    { revocations: Type.Array(RevocationSchema, { maxItems: 100_000 }) },
    { additionalProperties: false },
  ),
  timeoutMs: 10_000,
});

/**
 * `<prefix>.v1.auth.revoked` — published by auth the moment something is revoked; every front evicts it
 * from its caches at once.
 */
export const AuthRevoked = defineEvent({
  name: 'auth.revoked',
  subject: (prefix: string, _p: Record<string, never>) => subject(prefix, 'auth', 'revoked'),
  message: RevocationSchema,
});
