import type { IncomingMessage, ServerResponse } from 'node:http';
import { Controller, Get, Inject, Param, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { ToolCatalog, scopeAllows } from '@mcp-gateway/catalog';
import { GATEWAY_BEARER, type TokenPrincipal } from '@mcp-gateway/edge-auth';
import { BodyError, readJsonObject } from '@mcp-gateway/oauth-edge';
import { ToolEndpoint, openApiDocument } from '@mcp-gateway/openapi-tools';
import type { OpenAiFrontConfig } from './config.js';
import { RateLimitFilter, RateLimitGuard } from './rate-limit.js';
import { VERSION, sendJson } from './http.js';

type AuthedRequest = IncomingMessage & { user: TokenPrincipal };

/** Open WebUI's OpenAPI tool server: the document, and one POST per tool, with the token's scopes. */
@Controller()
@UseGuards(AuthGuard(GATEWAY_BEARER), RateLimitGuard)
@UseFilters(RateLimitFilter)
export class ToolsController {
  constructor(
    private readonly catalog: ToolCatalog,
    private readonly tools: ToolEndpoint,
    @Inject('OpenAiFrontConfig') private readonly config: OpenAiFrontConfig,
  ) {}

  @Get('openapi.json')
  document(@Req() req: AuthedRequest, @Res() res: ServerResponse): void {
    const allowed = this.catalog.tools().filter((t) => scopeAllows(req.user.scopes, t));
    sendJson(res, 200, openApiDocument(allowed, { serverUrl: '/', version: VERSION }));
  }

  @Post('tools/:name')
  async run(
    @Req() req: AuthedRequest,
    @Res() res: ServerResponse,
    @Param('name') name: string,
  ): Promise<void> {
    let body: Record<string, unknown>;
    try {
      body = await readJsonObject(req, this.config.maxBodyBytes);
    } catch (error) {
      if (error instanceof BodyError)
        return sendJson(res, error.status === 413 ? 413 : 422, { detail: error.message });
      throw error;
    }
    const controller = new AbortController();
    res.once('close', () => {
      if (!res.writableEnded) controller.abort();
    });
    const answer = await this.tools.run(name, body, req.user, controller.signal);
    sendJson(res, answer.status, answer.body);
  }
}
