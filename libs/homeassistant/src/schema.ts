import { Type } from '@sinclair/typebox';
import { DEFAULT_LIMIT } from '@mcp-gateway/connector-kit';

export { DEFAULT_LIMIT, MAX_LIMIT, pagingProperties } from '@mcp-gateway/connector-kit';

/** Patterns of Home Assistant identifiers (`homeassistant/core.py` `valid_entity_id`, `valid_domain`). */
export const ENTITY_ID_PATTERN = '^[a-z0-9_]+\\.[a-z0-9_]+$';
export const SLUG_PATTERN = '^[a-z0-9_]+$';

export function entityId(description: string) {
  return Type.String({ pattern: ENTITY_ID_PATTERN, maxLength: 255, description });
}

export function entityIds(description: string, maxItems: number) {
  return Type.Array(Type.String({ pattern: ENTITY_ID_PATTERN, maxLength: 255 }), {
    minItems: 1,
    maxItems,
    uniqueItems: true,
    description,
  });
}

export function slug(description: string) {
  return Type.String({ pattern: SLUG_PATTERN, maxLength: 100, description });
}

/** An object whose keys the tool does not constrain (service data, template variables). */
export function freeObject(description: string) {
  return Type.Unsafe<Record<string, unknown>>({ type: 'object', additionalProperties: true, description });
}

export interface Page<T> {
  readonly total: number;
  readonly offset: number;
  readonly next_offset?: number;
  readonly items: T[];
}

export function paginate<T>(
  items: readonly T[],
  limit: number | undefined,
  offset: number | undefined,
): Page<T> {
  const size = limit ?? DEFAULT_LIMIT;
  const from = offset ?? 0;
  const slice = items.slice(from, from + size);
  const next = from + slice.length;
  return next < items.length
    ? { total: items.length, offset: from, next_offset: next, items: slice }
    : { total: items.length, offset: from, items: slice };
}

/** `start`/`end`/`hours` for tools that read a time window. */
export function windowProperties(direction: 'back' | 'ahead', defaultHours: number) {
  const when = direction === 'back' ? `the ${defaultHours} hours before end` : 'now';
  return {
    start: Type.Optional(
      Type.String({
        maxLength: 40,
        description: `Start, ISO 8601 (e.g. 2025-03-01T07:00:00+01:00, or 2025-03-01). Without an offset Home Assistant's time zone is assumed. Default: ${when}.`,
      }),
    ),
    end: Type.Optional(
      Type.String({
        maxLength: 40,
        description: `End, ISO 8601. Default: ${direction === 'back' ? 'now' : `${defaultHours} hours after start`}.`,
      }),
    ),
    hours: Type.Optional(
      Type.Number({
        exclusiveMinimum: 0,
        maximum: 24 * 366,
        description: `Length of the window in hours when start or end is missing (default ${defaultHours}). Handy when you do not know the current time.`,
      }),
    ),
  };
}
