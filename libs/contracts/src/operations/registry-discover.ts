import { Type } from '@sinclair/typebox';
import { defineEvent } from '../operation.js';
import { subject } from '../subjects.js';

/**
 * `<prefix>.v1.registry.discover` — a front that starts publishes this so that every connector replica
 * announces itself at once instead of at its next interval.
 */
export const RegistryDiscover = defineEvent({
  name: 'registry.discover',
  subject: (prefix: string, _p: Record<string, never>) => subject(prefix, 'registry', 'discover'),
  message: Type.Object({ from: Type.String({ maxLength: 64 }) }, { additionalProperties: false }),
});
