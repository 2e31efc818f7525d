import { BusError } from '@mcp-gateway/contracts';
import { ToolError } from '@mcp-gateway/connector-kit';

/** One entry of a GraphQL response's `errors` (backends.md §4.3). */
export interface WaveGraphQLErrorEntry {
  readonly message: string;
  readonly path?: readonly (string | number)[];
  readonly extensions?: { readonly code?: string; readonly id?: string };
}

/** One entry of a mutation payload's `inputErrors`. */
export interface WaveInputErrorEntry {
  readonly path?: readonly (string | number)[] | null;
  readonly message?: string | null;
  readonly code?: string | null;
}

/**
 * Wave answered with GraphQL errors the model can act on (an id that does not exist, a value Wave
 * would not accept). The runtime turns it into an `isError` result carrying this message.
 */
export class WaveGraphQLError extends ToolError {
  constructor(
    readonly errors: readonly WaveGraphQLErrorEntry[],
    message: string,
  ) {
    super(message);
    this.name = 'WaveGraphQLError';
  }

  /** Whether every error has this `extensions.code`. */
  all(code: string): boolean {
    return this.errors.length > 0 && this.errors.every((e) => e.extensions?.code === code);
  }
}

/** A mutation ran and Wave said `didSucceed: false`. */
export class WaveInputError extends ToolError {
  constructor(
    readonly inputErrors: readonly WaveInputErrorEntry[],
    message: string,
  ) {
    super(message);
    this.name = 'WaveInputError';
  }
}

const camelToSnake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * `["input","items",0,"productId"]` → `items[0].product_id`: Wave's input path in the spelling of the
 * tools' own arguments, which mirror Wave's inputs in snake_case.
 */
export function argumentPath(path: readonly (string | number)[] | null | undefined): string {
  const parts = [...(path ?? [])];
  if (parts[0] === 'input') parts.shift();
  let out = '';
  for (const part of parts) {
    if (typeof part === 'number' || /^\d+$/.test(part)) out += `[${part}]`;
    else out += `${out === '' ? '' : '.'}${camelToSnake(part)}`;
  }
  return out;
}

/** Turns `didSucceed: false` into a sentence naming each rejected argument and Wave's reason. */
export function inputErrorsMessage(action: string, errors: readonly WaveInputErrorEntry[]): string {
  if (errors.length === 0) {
    return (
      `Wave refused to ${action} without naming a field. This usually means an id (customer, product, account, ` +
      'sales tax) belongs to a different business than business_id; look the ids up again in that business.'
    );
  }
  const reasons = errors.slice(0, 10).map((e) => {
    const where = argumentPath(e.path);
    const message = e.message?.trim();
    const why = message !== undefined && message !== '' ? message : (e.code ?? 'invalid');
    return where === '' ? why : `${where}: ${why}`;
  });
  return `Wave refused to ${action}: ${reasons.join('; ')}`;
}

const AUTH_HINT =
  'Check WAVE_TOKEN: the token may be revoked or expired, lack the needed scope, or (OAuth) belong to a business without a Pro subscription.';

/**
 * Maps a response's GraphQL `errors` to the error the caller should see: auth failures and Wave's own
 * faults are wire errors; everything the model can fix is a {@link WaveGraphQLError}.
 */
export function graphQLErrorsToError(errors: readonly WaveGraphQLErrorEntry[]): Error {
  const codes = new Set(errors.map((e) => e.extensions?.code ?? 'UNKNOWN'));
  const first = errors[0];
  const reference = errors.find((e) => e.extensions?.id)?.extensions?.id;
  const messages = errors
    .slice(0, 5)
    .map((e) => {
      const path = e.path && e.path.length > 0 ? ` (at ${e.path.join('.')})` : '';
      return `${e.message}${path}`;
    })
    .join('; ');
  if (codes.has('UNAUTHENTICATED')) {
    return new BusError(
      'BACKEND_AUTH_FAILED',
      `Wave did not accept the access token (UNAUTHENTICATED). ${AUTH_HINT}`,
    );
  }
  if (codes.has('FORBIDDEN')) {
    return new BusError(
      'BACKEND_AUTH_FAILED',
      `Wave refused access (FORBIDDEN): ${first?.message ?? ''}. ${AUTH_HINT}`,
    );
  }
  if (codes.has('GRAPHQL_PARSE_FAILED') || codes.has('GRAPHQL_VALIDATION_FAILED')) {
    return new BusError(
      'BACKEND_ERROR',
      `Wave rejected the connector's GraphQL document (its schema may have changed): ${messages}`.slice(
        0,
        1900,
      ),
    );
  }
  if (codes.has('INTERNAL_SERVER_ERROR')) {
    return new BusError(
      'BACKEND_ERROR',
      `Wave failed with an internal error${reference ? ` (support reference ${reference})` : ''}. Try again later.`,
    );
  }
  if (codes.has('BAD_USER_INPUT')) {
    return new WaveGraphQLError(errors, `Wave rejected a value: ${messages}`.slice(0, 1900));
  }
  if (codes.has('NOT_FOUND')) {
    return new WaveGraphQLError(errors, `Wave could not find it: ${messages}`.slice(0, 1900));
  }
  return new WaveGraphQLError(errors, `Wave answered with an error: ${messages}`.slice(0, 1900));
}
