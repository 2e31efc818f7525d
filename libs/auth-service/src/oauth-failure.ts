import type { OAuthErrorCode, OAuthFailure } from '@mcp-gateway/contracts';

/** An OAuth error as a domain result. `invalid_client` and `invalid_token` answer 401 (RFC 6749 §5.2). */
export function oauthFailure(
  error: OAuthErrorCode,
  description: string,
  status?: OAuthFailure['status'],
): OAuthFailure {
  return {
    outcome: 'error',
    error,
    // RFC 6749 §5.2: error_description is limited to %x20-21 / %x23-5B / %x5D-7E (no `"` or `\`).
    description: description
      .replace(/["\\]/g, "'")
      .replace(/[^\x20-\x7e]/g, '?')
      .slice(0, 500),
    status: status ?? (error === 'invalid_client' || error === 'invalid_token' ? 401 : 400),
  };
}

export function isOAuthFailure(value: unknown): value is OAuthFailure {
  return typeof value === 'object' && value !== null && (value as { outcome?: unknown }).outcome === 'error';
}

/**
 * Appends parameters to a redirect URI, keeping the query it already has (RFC 6749 §3.1.2: the
 * endpoint URI MAY include a query component, which MUST be retained).
 */
export function withQuery(uri: string, params: Readonly<Record<string, string | undefined>>): string {
  const url = new URL(uri);
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined) url.searchParams.append(name, value);
  }
  return url.href;
}
