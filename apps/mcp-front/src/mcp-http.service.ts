import type { IncomingMessage, ServerResponse } from 'node:http';
import { Inject, Injectable } from '@nestjs/common';
import { authenticateRequest, unauthorizedChallenge } from '@mcp-gateway/edge-auth';
import { ToolCatalog } from '@mcp-gateway/catalog';
import { connectorScopes } from '@mcp-gateway/oauth-edge';
import {
  BodyTooLargeError,
  McpHandler,
  MessageError,
  NodeResponder,
  RPC,
  errorMessage,
  hostProblem,
  originProblem,
  parseJson,
  readBody,
  type OriginPolicy,
  type Principal,
} from '@mcp-gateway/mcp-server';
import { isLoopbackHost } from '@mcp-gateway/config';
import { EdgeRateLimits } from '@mcp-gateway/rate-limit';
import type { McpFrontConfig } from './config.js';

const ANONYMOUS: Principal = { subject: 'anonymous', scopes: new Set(['*']) };

/**
 * The HTTP edge of `/mcp`: Origin and Host checks, CORS, authentication, the body limit, the token's rate
 * limit, then MCP.
 */
@Injectable()
export class McpHttpService {
  private readonly policy: OriginPolicy;

  constructor(
    @Inject('McpFrontConfig') private readonly config: McpFrontConfig,
    private readonly handler: McpHandler,
    private readonly catalog: ToolCatalog,
    private readonly limits: EdgeRateLimits,
  ) {
    this.policy = {
      allowedOrigins: config.allowedOrigins,
      publicOrigin: config.publicUrl.origin,
      loopbackBind: isLoopbackHost(config.service.bindHost),
      publicHost: config.publicUrl.host.toLowerCase(),
    };
  }

  async post(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const cors = this.corsHeaders(req);
    const refused = this.guard(req, res, cors);
    if (refused) return;
    const principal = await this.authenticate(req, res, cors);
    if (!principal) return;
    let body: unknown;
    try {
      body = parseJson(await readBody(req, this.config.maxBodyBytes));
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        reply(
          res,
          413,
          errorMessage(null, {
            code: RPC.invalidRequest,
            message: `Request body too large: the limit is ${error.limit} bytes`,
          }),
          cors,
        );
        return;
      }
      if (error instanceof MessageError) {
        reply(res, 400, errorMessage(null, { code: error.code, message: error.message }), cors);
        return;
      }
      throw error;
    }
    // Checked once the body is read, so that the JSON-RPC error can carry the request's id.
    const limited = this.limits.token(principal, 'mcp');
    if (limited) {
      reply(res, 429, errorMessage(requestId(body), { code: RPC.rateLimited, message: limited.message }), {
        ...cors,
        'retry-after': String(limited.retryAfterSeconds),
      });
      return;
    }
    await this.handler.handle(
      body,
      (name) => headerValue(req, name),
      principal,
      new NodeResponder(res, cors),
    );
  }

  /** GET and DELETE: this server keeps no sessions and offers no standalone stream. */
  notAllowed(req: IncomingMessage, res: ServerResponse): void {
    const cors = this.corsHeaders(req);
    if (this.guard(req, res, cors)) return;
    reply(
      res,
      405,
      errorMessage(null, { code: RPC.invalidRequest, message: 'Method not allowed: use POST' }),
      { ...cors, allow: 'POST' },
    );
  }

  preflight(req: IncomingMessage, res: ServerResponse): void {
    const cors = this.corsHeaders(req);
    if (this.guard(req, res, cors)) return;
    res.writeHead(204, {
      ...cors,
      'access-control-allow-methods': 'POST, GET, DELETE, OPTIONS',
      'access-control-allow-headers':
        'authorization, content-type, accept, mcp-protocol-version, mcp-method, mcp-name, mcp-session-id, last-event-id',
      'access-control-max-age': '600',
    });
    res.end();
  }

  private guard(req: IncomingMessage, res: ServerResponse, cors: Record<string, string>): boolean {
    const problem = hostProblem(req, this.policy) ?? originProblem(req, this.policy);
    if (!problem) return false;
    reply(res, 403, errorMessage(null, { code: RPC.invalidRequest, message: `Forbidden: ${problem}` }), cors);
    return true;
  }

  /**
   * Runs the gateway's passport strategy. On failure answers 401 with the RFC 9728 challenge (absolute
   * `resource_metadata` and the scopes to ask for), or 503 when the token cannot be checked right now —
   * a client must not throw its token away because auth is restarting.
   */
  private async authenticate(
    req: IncomingMessage,
    res: ServerResponse,
    cors: Record<string, string>,
  ): Promise<Principal | undefined> {
    if (this.config.auth === 'none') return ANONYMOUS;
    const outcome = await authenticateRequest(req, res);
    if (outcome.ok) return outcome.principal;
    const { failure } = outcome;
    if (failure.reason === 'unavailable') {
      reply(res, 503, errorMessage(null, { code: RPC.internalError, message: failure.description }), {
        ...cors,
        'retry-after': '5',
      });
      return undefined;
    }
    const scopes = connectorScopes(this.catalog.view().map((c) => c.name));
    reply(
      res,
      401,
      errorMessage(null, { code: RPC.invalidRequest, message: `Unauthorized: ${failure.description}` }),
      {
        ...cors,
        'www-authenticate': unauthorizedChallenge(
          this.config.publicUrl,
          scopes,
          failure.reason === 'invalid' ? 'invalid_token' : undefined,
          failure.reason === 'invalid' ? failure.description : undefined,
        ),
      },
    );
    return undefined;
  }

  private corsHeaders(req: IncomingMessage): Record<string, string> {
    const origin = req.headers.origin;
    if (!origin || !(this.config.allowedOrigins.has(origin) || origin === this.config.publicUrl.origin))
      return {};
    return {
      'access-control-allow-origin': origin,
      'access-control-expose-headers': 'WWW-Authenticate, Mcp-Protocol-Version, Retry-After',
      vary: 'Origin',
    };
  }
}

/** The id of a single JSON-RPC request, or null (a notification, a batch, not JSON-RPC at all). */
function requestId(body: unknown): string | number | null {
  const id = body !== null && typeof body === 'object' ? (body as { id?: unknown }).id : undefined;
  return typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id)) ? id : null;
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function reply(res: ServerResponse, status: number, body: string, headers: Record<string, string>): void {
  res.writeHead(status, {
    ...headers,
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}
