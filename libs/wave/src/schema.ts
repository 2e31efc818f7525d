import { Type } from '@sinclair/typebox';

/** Wave ids are opaque base64 (`QnVzaW5lc3M6…`, backends.md §4.2). */
export const WAVE_ID_PATTERN = '^[A-Za-z0-9+/=_-]{8,256}$';

export function waveId(description: string) {
  return Type.String({ pattern: WAVE_ID_PATTERN, description });
}

export function businessIdProperty() {
  return {
    business_id: Type.Optional(
      waveId(
        'Wave business id (from wave_list_businesses). Default: the configured business, or the only one the token can see.',
      ),
    ),
  };
}

/** Money and quantities are decimal strings, as Wave takes them, never floats. */
export function decimalString(description: string) {
  return Type.String({ pattern: '^\\d{1,13}(\\.\\d{1,6})?$', description });
}

export function isoDate(description: string) {
  return Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', format: 'date', description });
}

export function currencyCode(description: string) {
  return Type.String({ pattern: '^[A-Z]{3}$', description });
}

export function text(description: string, maxLength = 255) {
  return Type.String({ minLength: 1, maxLength, description });
}

/** A string enum as a plain JSON Schema `enum` (compact, and every client understands it). */
export function stringEnum<T extends string>(values: readonly T[], description: string) {
  return Type.Unsafe<T>({ type: 'string', enum: [...values], description });
}
