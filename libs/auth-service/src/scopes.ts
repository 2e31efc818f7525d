import { SCOPE_PATTERN } from '@mcp-gateway/contracts';

const SCOPE = new RegExp(SCOPE_PATTERN);

/** A space-separated `scope` parameter as a list (empty when absent), or `undefined` if a token is invalid. */
export function parseScopes(value: string | undefined): string[] | undefined {
  const tokens = (value ?? '').split(' ').filter((token) => token !== '');
  if (tokens.length > 64 || !tokens.every((token) => SCOPE.test(token))) return undefined;
  return [...new Set(tokens)];
}

/** Whether `granted` covers every scope in `requested`; `*` covers everything. */
export function scopesCover(granted: readonly string[], requested: readonly string[]): boolean {
  return granted.includes('*') || requested.every((scope) => granted.includes(scope));
}

/**
 * The scopes to grant for a request. A request naming no tool scope (nothing, or only `offline_access`)
 * gets `fallback`: what the client registered, or `*` — refresh tokens are issued regardless.
 */
export function grantedScopes(requested: readonly string[], fallback: readonly string[]): string[] {
  if (requested.some((scope) => scope !== 'offline_access')) return [...requested];
  return [...new Set([...fallback, ...requested])];
}
