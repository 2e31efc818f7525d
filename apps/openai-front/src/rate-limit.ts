import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  Catch,
  Injectable,
  type ArgumentsHost,
  type CanActivate,
  type ExceptionFilter,
  type ExecutionContext,
} from '@nestjs/common';
import { ToolCatalog, scopeAllows } from '@mcp-gateway/catalog';
import { openAiError } from '@mcp-gateway/chat-completions';
import type { TokenPrincipal } from '@mcp-gateway/edge-auth';
import { EdgeRateLimits, RateLimited } from '@mcp-gateway/rate-limit';

type AuthedRequest = IncomingMessage & { user: TokenPrincipal; params?: Record<string, string> };

/**
 * Runs after authentication: one token of the caller's `RATE_LIMIT` bucket per request, and on
 * `POST /tools/<name>` one of that tool's `RATE_LIMIT_TOOLS` bucket when the token may call it.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly limits: EdgeRateLimits,
    private readonly catalog: ToolCatalog,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<AuthedRequest>();
    const surface = (req.url ?? '').startsWith('/v1') ? 'openai' : 'openapi';
    const refused = this.limits.token(req.user, surface) ?? this.toolLimit(req, surface);
    if (refused) throw refused;
    return true;
  }

  private toolLimit(req: AuthedRequest, surface: 'openai' | 'openapi'): RateLimited | undefined {
    const name = req.params?.['name'];
    const tool = name === undefined ? undefined : this.catalog.tool(name);
    if (!name || !tool || !scopeAllows(req.user.scopes, tool)) return undefined;
    return this.limits.tool(req.user, name, surface);
  }
}

/** A refused request: 429 with `Retry-After` and an OpenAI error object (openai-node: `RateLimitError`). */
@Catch(RateLimited)
export class RateLimitFilter implements ExceptionFilter {
  catch(refused: RateLimited, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<ServerResponse>();
    const { status, body } = openAiError(429, refused.message, 'rate_limit_error', 'rate_limit_exceeded');
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'retry-after': String(refused.retryAfterSeconds),
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
    });
    res.end(text);
  }
}
