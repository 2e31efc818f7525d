import type { OAuthFailure } from '@mcp-gateway/contracts';
import { oauthFailure } from './oauth-failure.js';
import { parseRedirectUris } from './redirect-uris.js';
import { parseScopes } from './scopes.js';

export const TOKEN_ENDPOINT_AUTH_METHODS = ['none', 'client_secret_post', 'client_secret_basic'] as const;
export type TokenEndpointAuthMethod = (typeof TOKEN_ENDPOINT_AUTH_METHODS)[number];

const GRANT_TYPES = ['authorization_code', 'refresh_token'] as const;
const RESPONSE_TYPES = ['code'] as const;
const APPLICATION_TYPES = ['native', 'web'] as const;

/** The registration metadata we accept and echo back (RFC 7591 §2), in its wire spelling. */
export interface ClientMetadata {
  readonly redirect_uris: string[];
  readonly token_endpoint_auth_method: TokenEndpointAuthMethod;
  readonly grant_types: string[];
  readonly response_types: string[];
  readonly client_name?: string;
  readonly client_uri?: string;
  readonly logo_uri?: string;
  readonly scope?: string;
  readonly contacts?: string[];
  readonly software_id?: string;
  readonly software_version?: string;
  readonly application_type?: (typeof APPLICATION_TYPES)[number];
}

type Optional = Omit<
  ClientMetadata,
  'redirect_uris' | 'token_endpoint_auth_method' | 'grant_types' | 'response_types'
>;

class MetadataProblem extends Error {}

/**
 * Validates a Dynamic Client Registration body (RFC 7591 §2, §3.2.2). Unknown fields are ignored, as the
 * RFC asks; a bad redirect URI is `invalid_redirect_uri`, any other bad field `invalid_client_metadata`
 * naming it.
 */
export function parseClientMetadata(body: Readonly<Record<string, unknown>>): ClientMetadata | OAuthFailure {
  const redirects = parseRedirectUris(body['redirect_uris']);
  if ('problem' in redirects) return oauthFailure('invalid_redirect_uri', redirects.problem);
  try {
    const method =
      oneOf(body, 'token_endpoint_auth_method', TOKEN_ENDPOINT_AUTH_METHODS) ?? 'client_secret_basic';
    const grantTypes = subsetOf(body, 'grant_types', GRANT_TYPES) ?? ['authorization_code'];
    if (!grantTypes.includes('authorization_code')) {
      throw new MetadataProblem('grant_types must include authorization_code');
    }
    const responseTypes = subsetOf(body, 'response_types', RESPONSE_TYPES) ?? ['code'];
    const scope = text(body, 'scope', 2000);
    if (scope !== undefined && parseScopes(scope) === undefined) {
      throw new MetadataProblem('scope must be space-separated scopes such as homeassistant:read');
    }
    const optional: Optional = {
      ...defined('client_name', text(body, 'client_name', 200)),
      ...defined('client_uri', uri(body, 'client_uri')),
      ...defined('logo_uri', uri(body, 'logo_uri')),
      ...defined('scope', scope),
      ...defined('contacts', contacts(body)),
      ...defined('software_id', text(body, 'software_id', 200)),
      ...defined('software_version', text(body, 'software_version', 200)),
      ...defined('application_type', oneOf(body, 'application_type', APPLICATION_TYPES)),
    };
    return {
      redirect_uris: redirects.uris,
      token_endpoint_auth_method: method,
      grant_types: grantTypes,
      response_types: responseTypes,
      ...optional,
    };
  } catch (error) {
    if (error instanceof MetadataProblem) return oauthFailure('invalid_client_metadata', error.message);
    throw error;
  }
}

function defined<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

function text(body: Readonly<Record<string, unknown>>, field: string, max: number): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value.length > max) {
    throw new MetadataProblem(`${field} must be a string of at most ${max} characters`);
  }
  return value;
}

function oneOf<T extends string>(
  body: Readonly<Record<string, unknown>>,
  field: string,
  allowed: readonly T[],
): T | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new MetadataProblem(`${field} must be one of ${allowed.join(', ')}`);
  }
  return value as T;
}

function subsetOf(
  body: Readonly<Record<string, unknown>>,
  field: string,
  allowed: readonly string[],
): string[] | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (
    !Array.isArray(value) ||
    value.length === 0 ||
    !value.every((item) => typeof item === 'string' && allowed.includes(item))
  ) {
    throw new MetadataProblem(`${field} must be a non-empty array drawn from ${allowed.join(', ')}`);
  }
  return [...new Set(value as string[])];
}

function uri(body: Readonly<Record<string, unknown>>, field: string): string | undefined {
  const value = text(body, field, 2048);
  if (value === undefined) return undefined;
  try {
    const url = new URL(value);
    if (url.protocol === 'https:' || url.protocol === 'http:') return value;
  } catch {
    // reported below
  }
  throw new MetadataProblem(`${field} must be an absolute http(s) URL`);
}

function contacts(body: Readonly<Record<string, unknown>>): string[] | undefined {
  const value = body['contacts'];
  if (value === undefined || value === null) return undefined;
  if (
    !Array.isArray(value) ||
    value.length > 10 ||
    !value.every((item) => typeof item === 'string' && item.length <= 320)
  ) {
    throw new MetadataProblem('contacts must be an array of at most 10 strings');
  }
  return value as string[];
}
