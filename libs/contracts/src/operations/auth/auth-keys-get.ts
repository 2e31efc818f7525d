import { Type } from '@sinclair/typebox';
import { defineRequest } from '../../operation.js';
import { subject } from '../../subjects.js';
import { PublicJwkSchema } from './auth-types.js';

/**
 * `<prefix>.v1.auth.keys.get` — the public keys access tokens are signed with (the JWKS). Fronts fetch it
 * at start, every few minutes, and whenever a token names a key id they do not know. A retired key stays
 * listed until every token it signed has expired, so rotation never rejects a valid token.
 */
export const AuthKeysGet = defineRequest({
  name: 'auth.keys.get',
  subject: (prefix: string, _p: Record<string, never>) => subject(prefix, 'auth', 'keys', 'get'),
  request: Type.Object({}, { additionalProperties: false }),
  response: Type.Object(
    {
      keys: Type.Array(PublicJwkSchema, { maxItems: 20 }),
      /** The key new tokens are signed with. */
      currentKid: Type.String(),
    },
    { additionalProperties: false },
  ),
  timeoutMs: 5_000,
});
