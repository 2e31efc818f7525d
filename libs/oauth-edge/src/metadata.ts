import type { PublicIdentity } from '@mcp-gateway/config';

/** The scopes a set of connectors offers: `<connector>:read` and `<connector>:write` for each. */
export function connectorScopes(connectors: Iterable<string>): string[] {
  return [...new Set(connectors)].sort().flatMap((name) => [`${name}:read`, `${name}:write`]);
}

/**
 * RFC 9728 protected resource metadata for `/mcp`, served at `/.well-known/oauth-protected-resource/mcp`
 * and at the root. `offline_access` is deliberately absent (MCP 2026-07-28: it belongs in the AS metadata).
 */
export function protectedResourceMetadata(identity: PublicIdentity, scopes: readonly string[]) {
  return {
    resource: identity.resource,
    authorization_servers: [identity.issuer],
    scopes_supported: [...scopes],
    bearer_methods_supported: ['header'],
    resource_name: 'MCP Gateway',
  };
}

/**
 * RFC 8414 authorisation server metadata (also served as `/.well-known/openid-configuration`). Advertises
 * exactly what the auth service implements: the code flow with S256 PKCE, rotating refresh tokens, the
 * three client authentication methods Claude and Open WebUI use, DCR, client metadata documents, and
 * RFC 9207 `iss` on the authorisation response.
 */
export function authorizationServerMetadata(identity: PublicIdentity, scopes: readonly string[]) {
  const at = (path: string) => `${identity.issuer}${path}`;
  return {
    issuer: identity.issuer,
    authorization_endpoint: at('/oauth/authorize'),
    token_endpoint: at('/oauth/token'),
    registration_endpoint: at('/oauth/register'),
    revocation_endpoint: at('/oauth/revoke'),
    jwks_uri: at('/oauth/jwks'),
    response_types_supported: ['code'],
    response_modes_supported: ['query'],
    grant_types_supported: ['authorization_code', 'refresh_token'],
    code_challenge_methods_supported: ['S256'],
    token_endpoint_auth_methods_supported: ['none', 'client_secret_post', 'client_secret_basic'],
    revocation_endpoint_auth_methods_supported: ['none', 'client_secret_post', 'client_secret_basic'],
    client_id_metadata_document_supported: true,
    authorization_response_iss_parameter_supported: true,
    scopes_supported: [...scopes, '*', 'offline_access'],
    service_documentation: 'https://github.com/mcp-gateway/mcp-gateway/blob/main/docs/SETUP_CLAUDE.md',
  };
}
