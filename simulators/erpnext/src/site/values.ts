/**
 * A stored value as text, the way MariaDB prints and compares it: strings as they are, numbers and
 * booleans in decimal, null as empty, anything structured as JSON.
 */
export function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  if (value === null || value === undefined) return '';
  return JSON.stringify(value);
}
