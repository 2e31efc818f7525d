import type { WaveBooks } from '../store/books.js';
import { runGraphQL, type GraphQLRequestBody } from '../schema/executor.js';
import type { SimulatorControl } from './control.js';
import { edgeError, json, type SimResponse } from './responses.js';

/** Wave's one endpoint (backends.md §4.1). */
export const GRAPHQL_PATH = '/graphql/public';
export const CONTROL_PREFIX = '/__simulator/';

export interface SimRequest {
  readonly method: string;
  readonly pathname: string;
  readonly authorization: string | undefined;
  readonly body: string;
}

export interface SimulatorHooks {
  readonly books: () => WaveBooks;
  readonly control: SimulatorControl;
  readonly reset: () => void;
}

export async function route(hooks: SimulatorHooks, req: SimRequest): Promise<SimResponse> {
  if (req.pathname === GRAPHQL_PATH || req.pathname === `${GRAPHQL_PATH}/`) return graphql(hooks, req);
  if (req.pathname.startsWith(CONTROL_PREFIX)) return controlRoute(hooks, req);
  return json(404, { errors: [{ message: 'Not found', extensions: { code: 'NOT_FOUND' } }] });
}

async function graphql(hooks: SimulatorHooks, req: SimRequest): Promise<SimResponse> {
  const { control } = hooks;
  if (req.method !== 'POST') {
    return edgeError(405, 'Use POST with a JSON body {"query", "variables"}.', 'METHOD_NOT_ALLOWED', {
      Allow: 'POST',
    });
  }
  let body: GraphQLRequestBody | undefined;
  let bad: string | undefined;
  try {
    body = parseBody(req.body);
  } catch (error) {
    bad = error instanceof Error ? error.message : 'Bad request';
  }
  const retryAfter = control.takeRateLimit(body?.operationName ?? operationNameOf(body?.query));
  if (retryAfter !== undefined) {
    return edgeError(429, 'Too many requests. Slow down and retry later.', 'RATE_LIMITED', {
      'Retry-After': String(retryAfter),
    });
  }
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(req.authorization ?? '')?.[1];
  // A header that is not a bearer token, or a revoked token, is refused before GraphQL runs.
  if (
    (req.authorization !== undefined && bearer === undefined) ||
    (bearer !== undefined && control.revoked.has(bearer))
  ) {
    return edgeError(
      401,
      'Unauthorized: the access token is invalid, expired or revoked.',
      'UNAUTHENTICATED',
      {
        'WWW-Authenticate': 'Bearer realm="api", error="invalid_token"',
      },
    );
  }
  if (body === undefined) return edgeError(400, bad ?? 'Bad request', 'BAD_REQUEST');
  const result = await runGraphQL(hooks.books(), body, bearer === control.token);
  return json(200, result);
}

function operationNameOf(query: string | undefined): string | undefined {
  return query === undefined ? undefined : /^\s*(?:query|mutation)\s+(\w+)/.exec(query)?.[1];
}

function parseBody(text: string): GraphQLRequestBody {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error('POST body sent invalid JSON.');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error('POST body must be a JSON object {"query", "variables", "operationName"}.');
  }
  const { query, variables, operationName } = value as Record<string, unknown>;
  if (typeof query !== 'string' || query.trim() === '')
    throw new Error('POST body must contain a "query" string.');
  if (
    variables !== undefined &&
    variables !== null &&
    (typeof variables !== 'object' || Array.isArray(variables))
  ) {
    throw new Error('"variables" must be an object.');
  }
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') {
    throw new Error('"operationName" must be a string.');
  }
  return {
    query,
    variables: (variables as Record<string, unknown> | null | undefined) ?? null,
    operationName: operationName ?? null,
  };
}

/** `/__simulator/{state,rate-limit,latency,token,reset}`: test hooks, not part of Wave. */
function controlRoute(hooks: SimulatorHooks, req: SimRequest): SimResponse {
  const action = req.pathname.slice(CONTROL_PREFIX.length);
  if (req.method === 'GET' && action === 'state') {
    const books = hooks.books();
    return json(200, {
      transactions: [...books.transactions.values()],
      sentEmails: books.sentEmails,
      counts: {
        customers: books.customers.size,
        products: books.products.size,
        invoices: books.invoices.size,
        transactions: books.transactions.size,
      },
    });
  }
  if (req.method !== 'POST') return json(405, { error: 'use POST' }, { Allow: 'POST' });
  let body: Record<string, unknown> = {};
  try {
    body = req.body.trim() === '' ? {} : (JSON.parse(req.body) as Record<string, unknown>);
  } catch {
    return json(400, { error: 'invalid JSON' });
  }
  const number = (key: string, fallback: number) => (typeof body[key] === 'number' ? body[key] : fallback);
  switch (action) {
    case 'rate-limit':
      hooks.control.rateLimitNext(
        number('count', 1),
        number('retryAfterSeconds', 1),
        typeof body['operationName'] === 'string' ? body['operationName'] : undefined,
      );
      return json(200, { ok: true });
    case 'latency':
      hooks.control.latencyMs = Math.max(0, number('ms', 0));
      return json(200, { ok: true });
    case 'token':
      if (typeof body['token'] !== 'string' || body['token'] === '')
        return json(400, { error: 'token required' });
      hooks.control.setToken(body['token']);
      return json(200, { ok: true });
    case 'reset':
      hooks.reset();
      return json(200, { ok: true });
    default:
      return json(404, { error: `unknown control ${action}` });
  }
}
