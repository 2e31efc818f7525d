import fc from 'fast-check';

/**
 * fast-check arbitraries for the request-parser fuzzers (issue 7, point 5): strings and JSON that real
 * attackers send rather than what `fc.json()` draws — keys that shadow `Object.prototype`, characters
 * that reorder, vanish or look alike, lone surrogates, numbers at the edge of a double, deep nesting.
 */

/** Keys that trip code treating parsed JSON as a plain dictionary. */
export const PROTOTYPE_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'toJSON',
] as const;

/**
 * Right-to-left override, zero-width and byte-order marks, Cyrillic and fullwidth look-alikes, a combining
 * accent, both lone surrogate halves, NUL, CRLF, a JavaScript line separator, an astral emoji.
 */
export const UNICODE_TRICKS = [
  '\u202e',
  '\u200b',
  '\u200d',
  '\ufeff',
  '\u0430',
  '\uff48',
  '\u0301',
  '\ud800',
  '\udfff',
  '\u0000',
  '\r\n',
  '\u2028',
  '\u{1f4a3}',
] as const;

/** Numbers as JSON text: signed zero, beyond 2^53, past the largest double (parses to Infinity), subnormal. */
const EDGE_NUMBERS = [
  '-0',
  '0.1',
  '9007199254740993',
  '-9007199254740993',
  '1e308',
  '1e999',
  '-1e999',
  '5e-324',
  '1E-400',
  '123456789012345678901234567890',
];

/** Any string, weighted towards the hostile ones. */
export function hostileString(maxLength = 40): fc.Arbitrary<string> {
  const trick = fc.constantFrom<string>(...UNICODE_TRICKS);
  return fc.oneof(
    fc.string({ maxLength }),
    fc.string({ unit: 'binary', maxLength }),
    fc.constantFrom<string>(...PROTOTYPE_KEYS),
    fc
      .array(fc.oneof(fc.string({ maxLength: 4 }), trick), { maxLength: Math.max(1, maxLength / 4) })
      .map((parts) => parts.join('')),
    fc.constantFrom('', ' ', '../../etc/passwd', '%00', '%E0%A4%A', '=?base64?!!!?=', 'a'.repeat(5000)),
  );
}

/** A JSON number literal, ordinary or at the edges of a double. */
export function jsonNumberText(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.integer().map(String),
    fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => JSON.stringify(n)),
    fc.constantFrom(...EDGE_NUMBERS),
  );
}

/**
 * Valid JSON text whose parsed value carries prototype keys as own properties, hostile strings and edge
 * numbers, nested up to `maxDepth` levels. Built as text, so what the code under test sees is exactly what
 * `JSON.parse` makes of a request body — own `__proto__` keys included.
 */
export function hostileJsonText(maxDepth = 6): fc.Arbitrary<string> {
  const key = fc.oneof(hostileString(12), fc.constantFrom<string>(...PROTOTYPE_KEYS));
  const { value } = fc.letrec<{ value: string }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', maxDepth },
      fc.constantFrom('null', 'true', 'false'),
      jsonNumberText(),
      hostileString().map((s) => JSON.stringify(s)),
      fc.array(tie('value'), { maxLength: 5 }).map((items) => `[${items.join(',')}]`),
      fc
        .array(fc.tuple(key, tie('value')), { maxLength: 5 })
        .map((entries) => `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`),
    ),
  }));
  return value;
}

/** {@link hostileJsonText}, parsed. */
export function hostileJsonValue(maxDepth = 6): fc.Arbitrary<unknown> {
  return hostileJsonText(maxDepth).map((text) => JSON.parse(text) as unknown);
}

/** Text that is almost JSON: valid JSON truncated, with a character inserted, or with one removed. */
export function brokenJsonText(): fc.Arbitrary<string> {
  return fc
    .tuple(
      hostileJsonText(),
      fc.nat(),
      fc.constantFrom('', '{', '}', '[', '"', ',', ':', '\\', 'x'),
      fc.nat(2),
    )
    .map(([text, at, insert, how]) => {
      const cut = at % (text.length + 1);
      if (how === 0) return text.slice(0, cut);
      if (how === 1) return text.slice(0, cut) + insert + text.slice(cut);
      return text.slice(0, cut) + text.slice(cut + 1);
    });
}

/** `levels` arrays or objects nested inside each other, as JSON text. */
export function nestedJsonText(levels: number, kind: 'array' | 'object' = 'array'): string {
  return kind === 'array'
    ? `${'['.repeat(levels)}${']'.repeat(levels)}`
    : `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
}

/** Runs `fn` and returns how long it took in ms, for a per-input time bound. */
export function elapsedMs(fn: () => unknown): number {
  const started = performance.now();
  fn();
  return performance.now() - started;
}
