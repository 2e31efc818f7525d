import { Type } from '@sinclair/typebox';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 500;

/**
 * `limit`/`offset` for tools whose lists can be long; the tool returns `next_offset` when there is more.
 */
export function pagingProperties(noun: string) {
  return {
    limit: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: MAX_LIMIT,
        default: DEFAULT_LIMIT,
        description: `How many ${noun} to return (default ${DEFAULT_LIMIT}, max ${MAX_LIMIT}).`,
      }),
    ),
    offset: Type.Optional(
      Type.Integer({
        minimum: 0,
        default: 0,
        description: `How many ${noun} to skip; pass the previous next_offset to get the next page.`,
      }),
    ),
  };
}
