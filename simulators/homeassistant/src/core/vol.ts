import { pyRepr, pyStrRepr } from './python-repr.js';

/**
 * A small voluptuous: enough schema checking to reproduce HA's validation errors word for word
 * ("required key not provided @ data['domain']", "expected int for dictionary value @ ...").
 */
export type Path = (string | number)[];

export class Invalid extends Error {
  constructor(
    readonly error: string,
    readonly path: Path = [],
  ) {
    super(
      path.length
        ? `${error} @ data${path.map((p) => `[${typeof p === 'string' ? pyStrRepr(p) : p}]`).join('')}`
        : error,
    );
  }
}

export type Check = (value: unknown, path: Path) => unknown;

/** `voluptuous.humanize.humanize_error`: the message plus the offending value. */
export function humanize(data: unknown, err: Invalid): string {
  let v: unknown = data;
  for (const p of err.path) {
    v = v !== null && typeof v === 'object' ? (v as Record<string | number, unknown>)[p] : undefined;
  }
  return `${err.message}. Got ${pyRepr(v)}`;
}

const isDict = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

export interface Key {
  check: Check;
  required?: boolean;
  default?: unknown;
}

/**
 * `vol.Schema({...})` over a dict. Value errors directly at a key gain " for dictionary value";
 * unknown keys fail with "extra keys not allowed" unless `allowExtra`. Errors are reported in the
 * order voluptuous finds them: data keys first, then missing required keys.
 */
export function dict(keys: Record<string, Key>, opts: { allowExtra?: boolean } = {}): Check {
  return (value, path) => {
    if (!isDict(value)) throw new Invalid('expected a dictionary', path);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const key = keys[k];
      if (!key) {
        if (opts.allowExtra) {
          out[k] = v;
          continue;
        }
        throw new Invalid('extra keys not allowed', [...path, k]);
      }
      try {
        out[k] = key.check(v, [...path, k]);
      } catch (e) {
        if (e instanceof Invalid && e.path.length === path.length + 1) {
          throw new Invalid(`${e.error} for dictionary value`, e.path);
        }
        throw e;
      }
    }
    for (const [k, key] of Object.entries(keys)) {
      if (k in out) continue;
      if (key.required) throw new Invalid('required key not provided', [...path, k]);
      if (key.default !== undefined) out[k] = key.default;
    }
    return out;
  };
}

export const any: Check = (v) => v;

/** `cv.string`: numbers become strings, containers are rejected. */
export const str: Check = (v, path) => {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean')
    return typeof v === 'boolean' ? (v ? 'True' : 'False') : String(v);
  if (v === null || v === undefined) throw new Invalid('string value is None', path);
  throw new Invalid('value should be a string', path);
};

/** A plain `str` type check, as WS command schemas use (no coercion). */
export const strict = (type: 'str' | 'int' | 'bool' | 'dict' | 'list'): Check => {
  const ok: Record<typeof type, (v: unknown) => boolean> = {
    str: (v) => typeof v === 'string',
    int: (v) => typeof v === 'number' && Number.isInteger(v),
    bool: (v) => typeof v === 'boolean',
    dict: isDict,
    list: Array.isArray,
  };
  return (v, path) => {
    if (!ok[type](v)) throw new Invalid(`expected ${type}`, path);
    return v;
  };
};

/** `vol.Coerce(int)` / `vol.Coerce(float)`. */
export function coerce(type: 'int' | 'float'): Check {
  return (v, path) => {
    let n: number;
    if (typeof v === 'number') n = v;
    else if (typeof v === 'boolean') n = v ? 1 : 0;
    else if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) {
      if (type === 'int' && !/^\s*[+-]?\d+\s*$/.test(v)) throw new Invalid(`expected ${type}`, path);
      n = Number(v);
    } else throw new Invalid(`expected ${type}`, path);
    return type === 'int' ? Math.trunc(n) : n;
  };
}

/** `vol.Range(min, max)` applied after a check. */
export function range(check: Check, min?: number, max?: number): Check {
  return (v, path) => {
    const n = check(v, path) as number;
    if (min !== undefined && n < min) throw new Invalid(`value must be at least ${min}`, path);
    if (max !== undefined && n > max) throw new Invalid(`value must be at most ${max}`, path);
    return n;
  };
}

/** `cv.boolean`. */
export const boolean: Check = (v, path) => {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') {
    const s = v.toLowerCase().trim();
    if (['1', 'true', 'yes', 'on', 'enable'].includes(s)) return true;
    if (['0', 'false', 'no', 'off', 'disable'].includes(s)) return false;
  }
  throw new Invalid(`invalid boolean value ${typeof v === 'string' ? v : pyRepr(v)}`, path);
};

/** `vol.In([...])`. */
export function oneOf(values: readonly string[]): Check {
  return (v, path) => {
    if (typeof v === 'string' && values.includes(v)) return v;
    throw new Invalid(`value must be one of ${pyRepr([...values].sort())}`, path);
  };
}

/** `vol.Coerce(SomeStrEnum)`: the message lists the enum values in declaration order. */
export function enumOf(enumName: string, values: readonly string[]): Check {
  return (v, path) => {
    if (typeof v === 'string' && values.includes(v)) return v;
    throw new Invalid(`expected ${enumName} or one of ${values.map((x) => pyStrRepr(x)).join(', ')}`, path);
  };
}

/** `vol.All(cv.ensure_list, [check])`. */
export function ensureList(check: Check): Check {
  return (v, path) => {
    const list = v === null || v === undefined ? [] : Array.isArray(v) ? v : [v];
    return list.map((item, i) => check(item, [...path, i]));
  };
}

/** `[check]`: must already be a list. */
export function listOf(check: Check): Check {
  return (v, path) => {
    if (!Array.isArray(v)) throw new Invalid('expected list', path);
    return v.map((item, i) => check(item, [...path, i]));
  };
}

/** A list of exactly `n` numbers (`vol.ExactSequence` of Coerce), e.g. `rgb_color`. */
export function tupleOf(n: number, item: Check): Check {
  return (v, path) => {
    if (!Array.isArray(v) || v.length !== n) throw new Invalid(`expected a list of length ${n}`, path);
    return v.map((x, i) => item(x, [...path, i]));
  };
}

/** `cv.has_at_least_one_key`. */
export function hasAtLeastOneKey(check: Check, keys: readonly string[]): Check {
  return (v, path) => {
    const out = check(v, path) as Record<string, unknown>;
    if (!keys.some((k) => k in out))
      throw new Invalid(`must contain at least one of ${keys.join(', ')}.`, path);
    return out;
  };
}

/** `cv.has_at_most_one_key`. */
export function hasAtMostOneKey(check: Check, keys: readonly string[]): Check {
  return (v, path) => {
    const out = check(v, path) as Record<string, unknown>;
    if (keys.filter((k) => k in out).length > 1)
      throw new Invalid(`must contain at most one of ${keys.join(', ')}.`, path);
    return out;
  };
}

/** `vol.Equal`-like literal, as the WS command `type` key uses. */
export function literal(expected: string): Check {
  return (v, path) => {
    if (v !== expected) throw new Invalid('not a valid value', path);
    return v;
  };
}
