import { boolean, coerce, range, str, type Check } from '../core/vol.js';
import type { Field } from './registry.js';

/** Shorthands for the field descriptions shared by many `services.yaml` files. */
export function field(
  check: Check,
  name: string,
  description: string,
  selector: Record<string, unknown>,
  extra: Partial<Field> = {},
): Field {
  return { check, name, description, selector, ...extra };
}

export const textField = (name: string, description: string, extra: Partial<Field> = {}): Field =>
  field(str, name, description, { text: null }, extra);

export const boolField = (name: string, description: string, extra: Partial<Field> = {}): Field =>
  field(boolean, name, description, { boolean: null }, extra);

export function numberField(
  name: string,
  description: string,
  o: { min: number; max: number; step?: number; unit?: string; int?: boolean },
  extra: Partial<Field> = {},
): Field {
  const selector: Record<string, unknown> = { min: o.min, max: o.max };
  if (o.step !== undefined) selector['step'] = o.step;
  if (o.unit !== undefined) selector['unit_of_measurement'] = o.unit;
  selector['mode'] = 'slider';
  return field(
    range(coerce(o.int ? 'int' : 'float'), o.min, o.max),
    name,
    description,
    { number: selector },
    extra,
  );
}

export const transitionField = (): Field =>
  numberField(
    'Transition',
    'Duration it takes to get to next state.',
    { min: 0, max: 300, unit: 'seconds' },
    {
      filter: { supported_features: [32] },
    },
  );
