import type { EnvReader } from './env-reader.js';

/**
 * The gateway's public identity, derived once from `PUBLIC_URL` and shared by mcp-front and auth so both
 * spell it the same way: the OAuth issuer is `PUBLIC_URL` without a trailing slash, and the protected
 * resource (every access token's audience) is `<issuer>/mcp`.
 */
export interface PublicIdentity {
  readonly publicUrl: URL;
  /** `https://gw.example.com` — the `iss` of tokens and of the authorisation server metadata. */
  readonly issuer: string;
  /** `https://gw.example.com/mcp` — the RFC 8707 resource and the `aud` of access tokens. */
  readonly resource: string;
}

export function publicIdentity(publicUrl: URL): PublicIdentity {
  const base = new URL(publicUrl.href);
  base.hash = '';
  base.search = '';
  const issuer = base.href.replace(/\/+$/, '');
  return { publicUrl: base, issuer, resource: `${issuer}/mcp` };
}

/** Reads `PUBLIC_URL` (default `http://localhost:<port>`); it must be http(s) without query or fragment. */
export function readPublicIdentity(reader: EnvReader, defaultPort: number): PublicIdentity {
  const fallback = `http://localhost:${defaultPort}`;
  const url = reader.url('PUBLIC_URL', fallback, ['http:', 'https:']) ?? new URL(fallback);
  reader.check(
    url.search === '' && url.hash === '' && url.username === '' && url.password === '',
    `PUBLIC_URL must be a plain origin such as https://gw.example.com (got "${url.href}")`,
  );
  return publicIdentity(url);
}

/** True when two resource URIs name the same resource, ignoring one trailing slash and the case of scheme and host. */
export function sameResource(a: string, b: string): boolean {
  const canonical = (value: string): string | undefined => {
    try {
      const url = new URL(value);
      url.hash = '';
      return url.href.replace(/\/$/, '');
    } catch {
      return undefined;
    }
  };
  const left = canonical(a);
  return left !== undefined && left === canonical(b);
}
