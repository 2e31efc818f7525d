import type { IncomingMessage, ServerResponse } from 'node:http';
import { Inject, Injectable } from '@nestjs/common';
import { StaticTokens, bearerToken, unauthorizedChallenge } from '@mcp-gateway/edge-auth';
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
import type { McpFrontConfig } from './config.js';

const ANONYMOUS: Principal = { subject: 'anonymous', scopes: new Set(['*']) };

/** The HTTP edge of `/mcp`: Origin and Host checks, CORS, authentication, the body limit, then MCP. */
@Injectable()
export class McpHttpService {
  private readonly policy: OriginPolicy;
  private readonly tokens: StaticTokens;

  constructor(
    @Inject('McpFrontConfig') private readonly config: McpFrontConfig,
    private readonly handler: McpHandler,
  ) {
    this.tokens = new StaticTokens(config.accessTokens);
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
    const principal = this.authenticate(req);
    if (!principal) {
      reply(
        res,
        401,
        errorMessage(null, {
          code: RPC.invalidRequest,
          message: 'Unauthorized: a valid bearer token is required',
        }),
        {
          ...cors,
          'www-authenticate': unauthorizedChallenge(
            this.config.publicUrl,
            req.headers.authorization ? 'invalid_token' : undefined,
          ),
        },
      );
      return;
    }
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

  private authenticate(req: IncomingMessage): Principal | undefined {
    if (this.config.auth === 'none') return ANONYMOUS;
    const token = bearerToken(req.headers.authorization);
    return token === undefined ? undefined : this.tokens.verify(token);
  }

  private corsHeaders(req: IncomingMessage): Record<string, string> {
    const origin = req.headers.origin;
    if (!origin || !(this.config.allowedOrigins.has(origin) || origin === this.config.publicUrl.origin))
      return {};
    return {
      'access-control-allow-origin': origin,
      'access-control-expose-headers': 'WWW-Authenticate, Mcp-Protocol-Version',
      vary: 'Origin',
    };
  }
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
