import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  Catch,
  Inject,
  Injectable,
  type ArgumentsHost,
  type CanActivate,
  type ExceptionFilter,
  type ExecutionContext,
} from '@nestjs/common';
import { clientAddress, pageHeaders, renderErrorPage } from '@mcp-gateway/oauth-edge';
import { EdgeRateLimits, RateLimited } from '@mcp-gateway/rate-limit';
import type { McpFrontConfig } from './config.js';

/** `OAUTH_RATE_LIMIT`: one token of the client address's bucket per OAuth request. */
@Injectable()
export class OAuthRateLimitGuard implements CanActivate {
  constructor(
    private readonly limits: EdgeRateLimits,
    @Inject('McpFrontConfig') private readonly config: McpFrontConfig,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<IncomingMessage>();
    const refused = this.limits.address(clientAddress(req, this.config.trustProxy), 'oauth');
    if (refused) throw refused;
    return true;
  }
}

/**
 * The 429 of the OAuth endpoints: an OAuth error (RFC 6749 §5.2 shape, `temporarily_unavailable`) for the
 * JSON endpoints, a page for the browser on `/oauth/authorize` (the link and the consent form).
 */
@Catch(RateLimited)
export class OAuthRateLimitFilter implements ExceptionFilter {
  catch(refused: RateLimited, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<IncomingMessage>();
    const res = host.switchToHttp().getResponse<ServerResponse>();
    const retryAfter = String(refused.retryAfterSeconds);
    if ((req.url ?? '').split('?', 1)[0]?.endsWith('authorize')) {
      const html = renderErrorPage('Too many requests', refused.message);
      res.writeHead(429, {
        ...pageHeaders(),
        'retry-after': retryAfter,
        'content-length': Buffer.byteLength(html),
      });
      res.end(html);
      return;
    }
    const body = JSON.stringify({ error: 'temporarily_unavailable', error_description: refused.message });
    res.writeHead(429, {
      'access-control-allow-origin': '*',
      'access-control-expose-headers': 'Retry-After',
      'cache-control': 'no-store',
      'retry-after': retryAfter,
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
    });
    res.end(body);
  }
}
