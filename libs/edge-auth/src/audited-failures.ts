import type { IncomingMessage } from 'node:http';
import { authFailureRecord, type AuditLog } from '@mcp-gateway/audit';
import type { Surface } from '@mcp-gateway/contracts';
import type { FailureListener } from './authenticator.js';

/**
 * The failure listener the fronts give their {@link Authenticator}: counts every refused token and records
 * it in the audit log with where it came from. Requests without a token never get here (every MCP client's
 * first request has none), and the audit log caps how many refusals a second it keeps.
 */
export function auditedFailures(options: {
  readonly audit: Pick<AuditLog, 'record'>;
  /** The surface a request path belongs to. */
  readonly surface: (path: string) => Surface;
  readonly remoteAddress: (request: IncomingMessage) => string;
  readonly count: (kind: 'jwt' | 'opaque', reason: 'invalid' | 'unavailable') => void;
}): FailureListener {
  return (kind, reason, refusal) => {
    options.count(kind, reason);
    const { request } = refusal;
    if (!request) return;
    const url = request.url ?? '';
    options.audit.record(
      authFailureRecord({
        surface: options.surface(url),
        reason,
        detail: refusal.description,
        tokenKind: kind,
        tokenFingerprint: refusal.tokenFingerprint,
        remoteAddress: options.remoteAddress(request),
        url,
      }),
    );
  };
}
