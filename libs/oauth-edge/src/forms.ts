import type { IncomingMessage } from 'node:http';
import { MAX_JSON_DEPTH, nestedDeeperThan } from '@mcp-gateway/contracts';
import { RequestBodyError, readRequestBody, type BodyDeadlines } from '@mcp-gateway/config';

/** A request body that could not be read as what the endpoint expects; the message is safe to return. */
export class BodyError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 408 | 413 | 415,
  ) {
    super(message);
    this.name = 'BodyError';
  }
}

/**
 * Reads a whole body up to `limit` bytes (see `readRequestBody`). A body that stalls or trickles fails with
 * a 408, and the connection is closed once that answer is written.
 */
export async function readLimited(
  req: IncomingMessage,
  limit: number,
  deadlines: BodyDeadlines = {},
): Promise<string> {
  try {
    return await readRequestBody(req, limit, deadlines);
  } catch (error) {
    if (!(error instanceof RequestBodyError)) throw error;
    const { problem } = error;
    if (problem.kind === 'too_large') {
      throw new BodyError(`The request body is larger than ${problem.limit} bytes.`, 413);
    }
    if (problem.kind === 'timeout') {
      throw new BodyError(`The request body did not arrive within ${problem.afterMs / 1000} s.`, 408);
    }
    // A client that hangs up mid-body is a bad request, not a server failure.
    throw new BodyError('The request was aborted before its body was complete.', 400);
  }
}

function mediaType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';', 1)[0]?.trim().toLowerCase() ?? '';
}

/**
 * An `application/x-www-form-urlencoded` body as a flat record. A parameter sent twice is refused, as
 * RFC 6749 §3.1 requires ("parameters MUST NOT be included more than once").
 */
export async function readForm(req: IncomingMessage, limit = 65_536): Promise<Record<string, string>> {
  if (mediaType(req) !== 'application/x-www-form-urlencoded') {
    throw new BodyError('The body must be application/x-www-form-urlencoded.', 415);
  }
  return formRecord(new URLSearchParams(await readLimited(req, limit)));
}

/** The longest parameter name and value the auth service accepts (`FormParamsSchema` in the contracts). */
export const MAX_PARAM_NAME = 100;
export const MAX_PARAM_VALUE = 8192;

/**
 * Query or form parameters as a record; a repeated parameter, or one longer than the auth service accepts,
 * is an error.
 */
export function formRecord(params: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of params) {
    if (name.length > MAX_PARAM_NAME) {
      throw new BodyError(`A parameter name is longer than ${MAX_PARAM_NAME} characters.`, 400);
    }
    if (value.length > MAX_PARAM_VALUE) {
      throw new BodyError(`The parameter "${name}" is longer than ${MAX_PARAM_VALUE} characters.`, 400);
    }
    if (Object.hasOwn(out, name)) throw new BodyError(`The parameter "${name}" is repeated.`, 400);
    out[name] = value;
  }
  return out;
}

/** A JSON object body (Dynamic Client Registration). */
export async function readJsonObject(req: IncomingMessage, limit = 65_536): Promise<Record<string, unknown>> {
  const type = mediaType(req);
  if (type !== 'application/json' && !type.endsWith('+json')) {
    throw new BodyError('The body must be application/json.', 415);
  }
  let value: unknown;
  try {
    value = JSON.parse(await readLimited(req, limit));
  } catch (error) {
    if (error instanceof BodyError) throw error;
    throw new BodyError('The body is not valid JSON.', 400);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new BodyError('The body must be a JSON object.', 400);
  }
  if (nestedDeeperThan(value, MAX_JSON_DEPTH)) {
    throw new BodyError(`The JSON nests more than ${MAX_JSON_DEPTH} levels deep.`, 400);
  }
  return value as Record<string, unknown>;
}

/**
 * Client credentials from `Authorization: Basic` (RFC 6749 §2.3.1: both parts are form-urlencoded before
 * base64). Undefined when the header is absent or not Basic; a malformed Basic header throws.
 */
export function basicCredentials(
  header: string | undefined,
): { clientId: string; clientSecret: string } | undefined {
  const match = header ? /^Basic +([A-Za-z0-9+/=]+) *$/i.exec(header) : null;
  if (!match) {
    if (header && /^Basic\b/i.test(header)) throw new BodyError('The Basic credentials are malformed.', 400);
    return undefined;
  }
  const decoded = Buffer.from(match[1] ?? '', 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) throw new BodyError('The Basic credentials are malformed.', 400);
  try {
    return {
      clientId: decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, ' ')),
      clientSecret: decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, ' ')),
    };
  } catch {
    throw new BodyError('The Basic credentials are malformed.', 400);
  }
}

/** The cookies of a request, by name (first one wins). */
export function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (name && !out.has(name)) out.set(name, part.slice(eq + 1).trim());
  }
  return out;
}
