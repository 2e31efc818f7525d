import { FrappeException } from '../site/errors.js';
import { text } from '../site/values.js';

/**
 * List arguments arrive as JSON strings in the query string (`fields=["name"]`) or as values in a JSON
 * body. Frappe `json.loads` the strings; a malformed one escapes as an unhandled JSONDecodeError (500).
 */
export function jsonArg(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  if (text === '') return undefined;
  if (!text.startsWith('[') && !text.startsWith('{')) return value;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new FrappeException('JSONDecodeError', 500, [], 'Expecting value: line 1 column 1 (char 0)');
  }
}

/** `cint`: integers from numbers or numeric strings, 0 otherwise. */
export function cint(value: unknown, fallback = 0): number {
  if (value === undefined || value === null || value === '') return fallback;
  const n = typeof value === 'number' ? value : Number.parseInt(text(value), 10);
  return Number.isFinite(n) ? Math.trunc(n) : fallback;
}

/** `sbool`: "0", "false", "False" and "" are false. */
export function sbool(value: unknown, fallback: boolean): boolean {
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'boolean') return value;
  return !['0', 'false', 'no', ''].includes(text(value).trim().toLowerCase());
}
