const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
const MAX_URI_LENGTH = 2048;
const MAX_REDIRECT_URIS = 20;

/**
 * Why a redirect URI is unacceptable, or `undefined` when it is fine: absolute, no fragment
 * (RFC 6749 §3.1.2), https — or http on a loopback host for native apps (RFC 8252 §7.3, OAuth 2.1 §2.3.1).
 */
export function redirectUriProblem(value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '') return 'must be a non-empty string';
  if (value.length > MAX_URI_LENGTH) return `must be at most ${MAX_URI_LENGTH} characters`;
  if (value.includes('#')) return 'must not contain a fragment';
  // The URL parser silently drops tabs and line breaks, so the stored URI would differ from where the
  // browser is sent; control characters and spaces have no place in a redirect URI.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0020\u007f]/.test(value)) return 'must not contain spaces or control characters';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be an absolute URI';
  }
  if (url.username !== '' || url.password !== '') return 'must not contain user information';
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)) return undefined;
  return 'must use https, or http on localhost, 127.0.0.1 or [::1]';
}

/** The `redirect_uris` of a registration or metadata document, or why they are unacceptable. */
export function parseRedirectUris(value: unknown): { uris: string[] } | { problem: string } {
  if (!Array.isArray(value) || value.length === 0) {
    return { problem: 'redirect_uris must be a non-empty array of URIs' };
  }
  if (value.length > MAX_REDIRECT_URIS) {
    return { problem: `redirect_uris may list at most ${MAX_REDIRECT_URIS} URIs` };
  }
  const uris: string[] = [];
  for (const item of value as unknown[]) {
    const problem = redirectUriProblem(item);
    if (problem !== undefined) {
      return { problem: `redirect URI ${describe(item)} ${problem}` };
    }
    uris.push(item as string);
  }
  return { uris: [...new Set(uris)] };
}

/** True for a URI the browser can only reach on the user's own machine. */
export function isLoopbackUri(uri: string): boolean {
  try {
    return LOOPBACK_HOSTS.has(new URL(uri).hostname);
  } catch {
    return false;
  }
}

function describe(value: unknown): string {
  return typeof value === 'string' ? `"${value.slice(0, 100)}"` : `of type ${typeof value}`;
}
