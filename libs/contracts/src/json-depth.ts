/**
 * How deeply a JSON body may nest arrays and objects. Real bodies need a handful of levels; a deeper one
 * would overflow the stack wherever it is serialised again (the bus, the upstream LLM), since `JSON.parse`
 * accepts hundreds of thousands of levels but `JSON.stringify` fails at a few thousand. Every edge that
 * parses a body checks it against this one limit.
 */
export const MAX_JSON_DEPTH = 64;

/** Whether a parsed JSON value nests arrays and objects more than `max` levels (recursion stops there). */
export function nestedDeeperThan(value: unknown, max: number): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (max <= 0) return true;
  for (const child of Array.isArray(value) ? value : Object.values(value)) {
    if (nestedDeeperThan(child, max - 1)) return true;
  }
  return false;
}
