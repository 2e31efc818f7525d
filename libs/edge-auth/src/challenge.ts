/**
 * `WWW-Authenticate` values for `/mcp`. `resource_metadata` must be an absolute URL (Claude ignores
 * relative ones), and names the path-inserted protected-resource metadata of RFC 9728 §3.1.
 */
export function protectedResourceMetadataUrl(publicUrl: URL): string {
  return new URL('/.well-known/oauth-protected-resource/mcp', publicUrl).toString();
}

export function unauthorizedChallenge(publicUrl: URL, error?: 'invalid_token', description?: string): string {
  const parts = [`Bearer realm="mcp-gateway"`];
  if (error) parts.push(`error="${error}"`);
  if (description) parts.push(`error_description="${description.replace(/["\\]/g, '')}"`);
  parts.push(`resource_metadata="${protectedResourceMetadataUrl(publicUrl)}"`);
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
    `error_description="${description.replace(/["\\]/g, '')}"`,
  ].join(', ');
}
