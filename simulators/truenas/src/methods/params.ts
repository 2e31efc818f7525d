import { ValidationErrors } from '../errors.js';
import type { QueryOptions } from '../filters.js';

/**
 * Positional-argument checks with the messages pydantic produces through `accept_params`
 * (`api/base/handler/accept.py`): attribute paths are the args model's field names.
 */

export function positional(params: readonly unknown[], names: readonly string[]): void {
  if (params.length > names.length) {
    throw ValidationErrors.one('', `Too many arguments (expected ${names.length}, found ${params.length})`);
  }
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** An object argument whose keys must come from `allowed`. */
export function objectArg(
  value: unknown,
  attribute: string,
  allowed: readonly string[],
): Record<string, unknown> {
  if (value === undefined) throw ValidationErrors.one(attribute, 'Field required');
  if (!isObject(value))
    throw ValidationErrors.one(attribute, 'Input should be a valid dictionary or instance of a model');
  const extra = Object.keys(value).filter((k) => !allowed.includes(k));
  if (extra.length > 0) {
    throw new ValidationErrors(extra.map((k) => [`${attribute}.${k}`, 'Extra inputs are not permitted', 22]));
  }
  return value;
}

export function stringField(value: unknown, attribute: string, options: { nonEmpty?: boolean } = {}): string {
  if (value === undefined) throw ValidationErrors.one(attribute, 'Field required');
  if (typeof value !== 'string') throw ValidationErrors.one(attribute, 'Input should be a valid string');
  if (options.nonEmpty && value.trim() === '') {
    throw ValidationErrors.one(attribute, 'String should have at least 1 character');
  }
  return value;
}

export function boolField(value: unknown, attribute: string, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw ValidationErrors.one(attribute, 'Input should be a valid boolean');
  return value;
}

const OPTION_KEYS = [
  'extra',
  'order_by',
  'select',
  'count',
  'get',
  'offset',
  'limit',
  'force_sql_filters',
  'relationships',
  'extend',
  'extend_context',
  'prefix',
  'extend_fk',
];

/** `[query-filters, query-options]` of every `*.query` method. */
export function queryArgs(params: readonly unknown[]): { filters: unknown[]; options: QueryOptions } {
  positional(params, ['filters', 'options']);
  const filters = params[0] ?? [];
  if (!Array.isArray(filters)) throw ValidationErrors.one('filters', 'Input should be a valid list');
  const raw = params[1] === undefined ? {} : objectArg(params[1], 'options', OPTION_KEYS);
  for (const key of ['offset', 'limit'] as const) {
    const value = raw[key];
    if (value !== undefined && (typeof value !== 'number' || !Number.isInteger(value) || value < 0)) {
      throw ValidationErrors.one(`options.${key}`, 'Input should be greater than or equal to 0');
    }
  }
  if (raw['extra'] !== undefined && !isObject(raw['extra'])) {
    throw ValidationErrors.one('options.extra', 'Input should be a valid dictionary');
  }
  return { filters, options: raw };
}
