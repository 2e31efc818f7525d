import { randomUUID } from 'node:crypto';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/** Codes Wave puts in `errors[].extensions.code` (backends.md §4.3; Apollo conventions for the rest). */
export type WaveErrorCode =
  | 'GRAPHQL_PARSE_FAILED'
  | 'GRAPHQL_VALIDATION_FAILED'
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'NOT_FOUND'
  | 'INTERNAL_SERVER_ERROR';

/** A resolver error that carries its Wave code. */
export function waveError(message: string, code: WaveErrorCode): GraphQLError {
  return new GraphQLError(message, { extensions: { code } });
}

/**
 * Formats an error the way Wave answers it: message, locations, path, and `extensions.code` plus a
 * support reference `extensions.id`. Errors without a code (a bug in a resolver) become
 * INTERNAL_SERVER_ERROR with a generic message, as a production server hides internals.
 */
export function formatWaveError(error: GraphQLError, fallback: WaveErrorCode): GraphQLFormattedError {
  const code = typeof error.extensions['code'] === 'string' ? error.extensions['code'] : fallback;
  const hidden =
    code === 'INTERNAL_SERVER_ERROR' &&
    error.originalError !== undefined &&
    !(error.originalError instanceof GraphQLError);
  const formatted = error.toJSON();
  return {
    message: hidden ? 'Internal server error' : formatted.message,
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code, id: randomUUID() },
  };
}
