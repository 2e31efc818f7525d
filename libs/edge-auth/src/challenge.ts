/**
 * `WWW-Authenticate` values for `/mcp`. `resource_metadata` must be an absolute URL (Claude ignores
 * relative ones) and names the path-inserted protected-resource metadata of RFC 9728 §3.1; `scope` tells
 * the client what to ask for (RFC 6750 §3).
 */
export function protectedResourceMetadataUrl(publicUrl: URL): string {
  return new URL('/.well-known/oauth-protected-resource/mcp', publicUrl).toString();
}

export function unauthorizedChallenge(
  publicUrl: URL,
  scopes: readonly string[],
  error?: 'invalid_token',
  description?: string,
): string {
  const parts = [`Bearer realm="mcp-gateway"`];
  if (error) parts.push(`error="${error}"`);
  if (description) parts.push(`error_description="${quotable(description)}"`);
  parts.push(`resource_metadata="${protectedResourceMetadataUrl(publicUrl)}"`);
  if (scopes.length > 0) parts.push(`scope="${scopes.join(' ')}"`);
  return parts.join(', ');
}

export function insufficientScopeChallenge(
  publicUrl: URL,
  scopes: readonly string[],
  description: string,
): string {
  return [
    `Bearer realm="mcp-gateway"`,
    `error="insufficient_scope"`,
    `scope="${scopes.join(' ')}"`,
    `resource_metadata="${protectedResourceMetadataUrl(publicUrl)}"`,
    `error_description="${quotable(description)}"`,
  ].join(', ');
}

/**
 * The scopes to name in an `insufficient_scope` challenge: the one the tool needs plus those the token
 * already has, so a client that replaces its scopes rather than adding to them keeps what it had
 * (MCP 2026-07-28 asks clients to request the union; not all do).
 */
export function scopesToRequest(needed: string, granted: ReadonlySet<string>): string[] {
  const out = [needed];
  for (const scope of granted)
    if (scope !== '*' && scope !== 'offline_access' && scope !== needed) out.push(scope);
  return out;
}

/**
 * RFC 6750 §3: `error_description` is printable ASCII without `"` or `\`; anything else becomes a space, so no
 * wording of a refusal can break the header (Node throws on a CR, an LF or a character past U+00FF).
 */
function quotable(text: string): string {
  return text.replace(/["\\]/g, '').replace(/[^\x20-\x7e]/g, ' ');
}
