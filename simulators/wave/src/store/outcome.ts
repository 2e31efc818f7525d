import type { WaveBooks } from './books.js';

/** One entry of a mutation payload's `inputErrors` (backends.md §4.3). */
export interface InputErrorView {
  readonly path: string[];
  readonly message: string;
  readonly code: string;
}

/**
 * What every Wave mutation reports: `didSucceed` and `inputErrors`, plus the entity on success.
 * `foreign` marks Wave's habit of failing with no input errors when an id belongs to another business.
 */
export type Outcome<T> =
  | { readonly didSucceed: true; readonly inputErrors: []; readonly value: T }
  | { readonly didSucceed: false; readonly inputErrors: InputErrorView[] };

export function ok<T>(value: T): Outcome<T> {
  return { didSucceed: true, inputErrors: [], value };
}

export function failed<T>(inputErrors: InputErrorView[]): Outcome<T> {
  return { didSucceed: false, inputErrors };
}

export function inputError(path: (string | number)[], message: string, code: string): InputErrorView {
  return { path: ['input', ...path.map(String)], message, code };
}

export type Nullable<T> = T | null | undefined;

/** `undefined` for absent, null and blank strings: Wave treats them alike. */
export function text(value: Nullable<string>): string | undefined {
  if (value === null || value === undefined) return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** Collects input errors; `foreign` records an id of another business (reported without errors). */
export class Checks {
  readonly errors: InputErrorView[] = [];
  foreign = false;

  add(path: (string | number)[], message: string, code: string): void {
    this.errors.push(inputError(path, message, code));
  }

  /** A referenced record must exist and live in `businessId`; returns it when it does. */
  ref<T extends { businessId: string }>(
    books: WaveBooks,
    map: ReadonlyMap<string, T>,
    id: string,
    businessId: string,
    path: (string | number)[],
    noun: string,
  ): T | undefined {
    const found = map.get(id);
    if (found?.businessId === businessId) return found;
    if (found || books.ownerOf(id) !== undefined) this.foreign = true;
    else this.add(path, `${noun} not found.`, 'NOT_FOUND');
    return undefined;
  }

  outcome<T>(value: () => T): Outcome<T> {
    if (this.errors.length > 0) return failed(this.errors);
    if (this.foreign) return failed([]);
    return ok(value());
  }
}
