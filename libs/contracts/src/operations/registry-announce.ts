import { Type, type Static } from '@sinclair/typebox';
import { defineEvent } from '../operation.js';
import { INSTANCE_ID_PATTERN, subject } from '../subjects.js';

export const BackendHealthSchema = Type.Object(
  {
    /** Whether the connector's last probe (or call) reached its backend. */
    healthy: Type.Boolean(),
    /** A safe one-line reason when unhealthy, e.g. "connection refused". */
    detail: Type.Optional(Type.String({ maxLength: 500 })),
    /** True when the connector talks to a demo simulator rather than a configured backend. */
    demo: Type.Optional(Type.Boolean()),
    checkedAt: Type.String(),
  },
  { additionalProperties: false },
);

export type BackendHealth = Static<typeof BackendHealthSchema>;

/**
 * `<prefix>.v1.registry.announce` — every connector replica publishes this at start, every
 * `intervalMs`, whenever its backend health changes, and with `status: "down"` when it stops. The fronts
 * build their tool catalog from it: a replica that misses three intervals is considered gone.
 */
export const RegistryAnnounce = defineEvent({
  name: 'registry.announce',
  subject: (prefix: string, _p: Record<string, never>) => subject(prefix, 'registry', 'announce'),
  message: Type.Object(
    {
      connector: Type.String({ pattern: '^[a-z][a-z0-9-]{0,31}$' }),
      /** Unique per replica process. */
      instance: Type.String({ pattern: INSTANCE_ID_PATTERN }),
      version: Type.String(),
      status: Type.Union([Type.Literal('up'), Type.Literal('down')]),
      toolsDigest: Type.String(),
      toolCount: Type.Integer({ minimum: 0 }),
      backend: BackendHealthSchema,
      startedAt: Type.String(),
      intervalMs: Type.Integer({ minimum: 100 }),
    },
    { additionalProperties: false },
  ),
});

export type Announcement = Static<typeof RegistryAnnounce.message>;
