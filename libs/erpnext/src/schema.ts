import { Type } from '@sinclair/typebox';

/** DocType names: anything printable but a slash (they become one path segment). */
export function doctypeName(description: string) {
  return Type.String({ minLength: 1, maxLength: 140, pattern: '^[^/\\x00-\\x1f]+$', description });
}

/** Document names: naming-series ids, customer names, hashes; they may contain slashes. */
export function documentName(description: string) {
  return Type.String({ minLength: 1, maxLength: 255, pattern: '^[^\\x00-\\x1f]+$', description });
}

export const FIELDNAME_PATTERN = '^[A-Za-z_][A-Za-z0-9_]*$';

/** A column, `*`, or an aggregate with an alias: `name`, `count(name) as n`, `sum(grand_total) as total`. */
const FIELD_EXPRESSION =
  '^(?:\\*|[A-Za-z_][A-Za-z0-9_]*|(?:count|sum|avg|min|max)\\((?:distinct )?(?:\\*|[A-Za-z_][A-Za-z0-9_]*)\\)(?: as [A-Za-z_][A-Za-z0-9_]*)?)$';

export function fieldList(description: string) {
  return Type.Array(Type.String({ pattern: FIELD_EXPRESSION, maxLength: 120 }), {
    minItems: 1,
    maxItems: 60,
    uniqueItems: true,
    description,
  });
}

const Scalar = Type.Union([Type.String({ maxLength: 1000 }), Type.Number(), Type.Boolean(), Type.Null()]);
const FilterValue = Type.Union([
  Scalar,
  Type.Array(Type.Union([Type.String({ maxLength: 1000 }), Type.Number()]), { maxItems: 200 }),
]);

/** Frappe's two filter shapes: a list of conditions, or an object of equalities (`[op, value]` allowed). */
export function filters(description: string) {
  return Type.Union(
    [
      Type.Array(Type.Array(FilterValue, { minItems: 3, maxItems: 4 }), { maxItems: 30 }),
      Type.Record(Type.String({ pattern: FIELDNAME_PATTERN }), FilterValue),
    ],
    { description },
  );
}

export const ORDER_BY_PATTERN =
  '^[A-Za-z_][A-Za-z0-9_]*(?: (?:asc|desc|ASC|DESC))?(?:, ?[A-Za-z_][A-Za-z0-9_]*(?: (?:asc|desc|ASC|DESC))?)*$';

export function orderBy(description: string) {
  return Type.String({ pattern: ORDER_BY_PATTERN, maxLength: 200, description });
}

/** An object whose keys the tool does not constrain (document values, report filters). */
export function freeObject(description: string) {
  return Type.Unsafe<Record<string, unknown>>({ type: 'object', additionalProperties: true, description });
}

export function limit(noun: string, fallback: number, max: number) {
  return Type.Integer({
    minimum: 1,
    maximum: max,
    default: fallback,
    description: `How many ${noun} to return (default ${fallback}, max ${max}).`,
  });
}

export function offset(noun: string) {
  return Type.Integer({
    minimum: 0,
    default: 0,
    description: `How many ${noun} to skip; pass the previous next_offset to get the next page.`,
  });
}
