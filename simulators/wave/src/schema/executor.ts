import {
  buildSchema,
  execute,
  getOperationAST,
  getVariableValues,
  GraphQLError,
  Kind,
  parse,
  validate,
  type DocumentNode,
  type FormattedExecutionResult,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import type { WaveBooks } from '../store/books.js';
import { formatWaveError, type WaveErrorCode } from './errors.js';
import { rootValue } from './root.js';
import { installScalars } from './scalars.js';
import { WAVE_SDL } from './sdl.js';

export interface GraphQLRequestBody {
  readonly query: string;
  readonly variables?: Record<string, unknown> | null;
  readonly operationName?: string | null;
}

let cached: GraphQLSchema | undefined;

/** The simulator's schema, built once from the SDL. */
export function waveSchema(): GraphQLSchema {
  if (!cached) {
    cached = buildSchema(WAVE_SDL);
    installScalars(cached);
  }
  return cached;
}

function failure(
  errors: readonly GraphQLError[],
  code: WaveErrorCode,
  data?: null,
): FormattedExecutionResult {
  return {
    errors: errors.map((e) => formatWaveError(e, code)),
    ...(data === null ? { data: null } : {}),
  };
}

/**
 * Runs one request the way Wave does (backends.md §4.3): parse and validate the document and coerce
 * its variables first, then authenticate, then execute. So an invalid document fails with
 * GRAPHQL_VALIDATION_FAILED even without a token, and a valid one with a bad token with UNAUTHENTICATED.
 */
export async function runGraphQL(
  books: WaveBooks,
  body: GraphQLRequestBody,
  authenticated: boolean,
): Promise<FormattedExecutionResult> {
  const schema = waveSchema();
  let document: DocumentNode;
  try {
    document = parse(body.query);
  } catch (error) {
    return failure([error as GraphQLError], 'GRAPHQL_PARSE_FAILED');
  }
  const invalid = validate(schema, document);
  if (invalid.length > 0) return failure(invalid, 'GRAPHQL_VALIDATION_FAILED');
  const operation = getOperationAST(document, body.operationName ?? undefined);
  if (!operation) {
    const message = body.operationName
      ? `Unknown operation named "${body.operationName}".`
      : 'Must provide operation name if query contains multiple operations.';
    return failure([new GraphQLError(message)], 'GRAPHQL_VALIDATION_FAILED');
  }
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], body.variables ?? {});
  if (coerced.errors) return failure(coerced.errors, 'BAD_USER_INPUT');
  if (!authenticated) return unauthenticated(operation);
  const result = await execute({
    schema,
    document,
    rootValue: rootValue(books),
    variableValues: body.variables ?? {},
    operationName: body.operationName ?? null,
  });
  const errors: GraphQLFormattedError[] | undefined = result.errors?.map((e) =>
    formatWaveError(e, 'INTERNAL_SERVER_ERROR'),
  );
  return { ...(errors ? { errors } : {}), data: result.data ?? null };
}

function unauthenticated(operation: OperationDefinitionNode): FormattedExecutionResult {
  const first = operation.selectionSet.selections[0];
  const field = first?.kind === Kind.FIELD ? first : undefined;
  const error = new GraphQLError('You must be authenticated to perform this action.', {
    ...(field ? { nodes: [field], path: [field.alias?.value ?? field.name.value] } : {}),
    extensions: { code: 'UNAUTHENTICATED' },
  });
  return failure([error], 'UNAUTHENTICATED', null);
}
