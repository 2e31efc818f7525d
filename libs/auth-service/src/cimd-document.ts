import { parseRedirectUris } from './redirect-uris.js';

/** A client identified by its metadata document URL (SEP-991), as validated. CIMD clients are public. */
export interface MetadataDocumentClient {
  readonly clientId: string;
  readonly clientName: string;
  readonly redirectUris: readonly string[];
}

/**
 * Why `clientId` cannot be a Client ID Metadata Document URL, or `undefined`: https, a path other than `/`,
 * no fragment, no user information, no `.` or `..` segments (checked on the raw string, since URL parsing
 * would silently resolve them).
 */
export function metadataUrlProblem(clientId: string): string | undefined {
  if (clientId.length > 2048) return 'must be at most 2048 characters';
  let url: URL;
  try {
    url = new URL(clientId);
  } catch {
    return 'is not a URL';
  }
  if (url.protocol !== 'https:') return 'must use https';
  if (clientId.includes('#')) return 'must not contain a fragment';
  if (url.username !== '' || url.password !== '') return 'must not contain user information';
  const rawPath = (/^https:\/\/[^/?#]*(\/[^?#]*)?/i.exec(clientId)?.[1] ?? '').split('/');
  if (
    rawPath.some(
      (segment) => segment === '.' || segment === '..' || /^%2e(%2e)?$|^\.%2e$|^%2e\.$/i.test(segment),
    )
  ) {
    return 'must not contain dot segments';
  }
  if (url.pathname === '/' || url.pathname === '') return 'must have a path';
  return undefined;
}

/** Validates a fetched document against the URL it came from; returns the client or the problem. */
export function parseMetadataDocument(
  clientId: string,
  document: unknown,
): MetadataDocumentClient | { problem: string } {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    return { problem: 'the document is not a JSON object' };
  }
  const doc = document as Record<string, unknown>;
  if (doc['client_id'] !== clientId) {
    return { problem: 'the document client_id does not equal its URL' };
  }
  const redirects = parseRedirectUris(doc['redirect_uris']);
  if ('problem' in redirects) return { problem: `the document's ${redirects.problem}` };
  const name = doc['client_name'];
  if (name !== undefined && (typeof name !== 'string' || name.length > 200)) {
    return { problem: 'the document client_name must be a string of at most 200 characters' };
  }
  const method = doc['token_endpoint_auth_method'];
  if (method !== undefined && method !== 'none') {
    return { problem: 'a metadata-document client must be public (token_endpoint_auth_method "none")' };
  }
  const clientName = typeof name === 'string' && name.trim() !== '' ? name.trim() : new URL(clientId).host;
  return { clientId, clientName, redirectUris: redirects.uris };
}
