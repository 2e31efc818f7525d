import type { OAuthFailure } from '@mcp-gateway/contracts';
import type { CimdFetcher } from './cimd.js';
import type { ClientRegistry } from './client-registry.js';
import type { TokenEndpointAuthMethod } from './client-metadata.js';
import { oauthFailure } from './oauth-failure.js';
import { parseScopes } from './scopes.js';

/** A client as the authorize and token endpoints see it, whichever way it was identified. */
export interface OAuthClient {
  readonly clientId: string;
  readonly clientName: string;
  readonly redirectUris: readonly string[];
  readonly authMethod: TokenEndpointAuthMethod;
  /** sha256 of the client secret; null for public clients. */
  readonly secretHash: string | null;
  /** Identified by a Client ID Metadata Document URL rather than registered here. */
  readonly metadataDocument: boolean;
  /** The scopes the client registered (RFC 7591 `scope`), or undefined when it named none. */
  readonly scopes: readonly string[] | undefined;
}

/**
 * Finds a client by `client_id`: an https URL is a Client ID Metadata Document (SEP-991), fetched safely;
 * anything else must have been registered here (RFC 7591).
 */
export class ClientResolver {
  constructor(
    private readonly registry: ClientRegistry,
    private readonly cimd: CimdFetcher,
  ) {}

  async resolve(clientId: string): Promise<OAuthClient | OAuthFailure> {
    if (/^https?:\/\//i.test(clientId)) {
      const document = await this.cimd.resolve(clientId);
      if ('problem' in document)
        return oauthFailure('invalid_client', `unusable client_id: ${document.problem}`);
      return {
        clientId,
        clientName: document.clientName,
        redirectUris: document.redirectUris,
        authMethod: 'none',
        secretHash: null,
        metadataDocument: true,
        scopes: undefined,
      };
    }
    const stored = await this.registry.find(clientId);
    if (!stored) return oauthFailure('invalid_client', 'unknown client_id; register the client again');
    const { metadata, secretHash } = stored.value;
    const firstRedirect = metadata.redirect_uris[0];
    return {
      clientId,
      clientName: metadata.client_name ?? (firstRedirect ? new URL(firstRedirect).host : clientId),
      redirectUris: metadata.redirect_uris,
      authMethod: metadata.token_endpoint_auth_method,
      secretHash,
      metadataDocument: false,
      scopes: metadata.scope === undefined ? undefined : parseScopes(metadata.scope),
    };
  }
}
