import type { IncomingMessage, ServerResponse } from 'node:http';
import { Controller, Get, Inject, Param, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { ChatCompletions, ModelList, openAiError } from '@mcp-gateway/chat-completions';
import { GATEWAY_BEARER, type TokenPrincipal } from '@mcp-gateway/edge-auth';
import { BodyError, readJsonObject } from '@mcp-gateway/oauth-edge';
import type { OpenAiFrontConfig } from './config.js';
import { RateLimitFilter, RateLimitGuard } from './rate-limit.js';
import { sendJson } from './http.js';

type AuthedRequest = IncomingMessage & { user: TokenPrincipal };

/** The OpenAI-compatible API: `/v1/models` and `/v1/chat/completions` (the tool loop is in the library). */
@Controller('v1')
@UseGuards(AuthGuard(GATEWAY_BEARER), RateLimitGuard)
@UseFilters(RateLimitFilter)
export class OpenAiController {
  constructor(
    private readonly models: ModelList,
    private readonly chat: ChatCompletions,
    @Inject('OpenAiFrontConfig') private readonly config: OpenAiFrontConfig,
  ) {}

  @Get('models')
  async list(@Res() res: ServerResponse): Promise<void> {
    sendJson(res, 200, await this.models.list());
  }

  /** One model (some SDK users ask); 404 with an OpenAI error object when unknown. */
  @Get('models/:id')
  async one(@Param('id') id: string, @Res() res: ServerResponse): Promise<void> {
    const model = await this.models.find(id);
    if (model) return sendJson(res, 200, model);
    const answer = openAiError(
      404,
      `The model '${id}' does not exist`,
      'invalid_request_error',
      'model_not_found',
    );
    sendJson(res, answer.status, answer.body);
  }

  @Post('chat/completions')
  async completions(@Req() req: AuthedRequest, @Res() res: ServerResponse): Promise<void> {
    let body: Record<string, unknown>;
    try {
      body = await readJsonObject(req, this.config.maxBodyBytes);
    } catch (error) {
      if (!(error instanceof BodyError)) throw error;
      const answer = openAiError(error.status, error.message, 'invalid_request_error');
      return sendJson(res, answer.status, answer.body);
    }
    const controller = new AbortController();
    res.once('close', () => {
      if (!res.writableEnded) controller.abort();
    });
    await this.chat.handle(
      body,
      req.user,
      (name) => {
        const value = req.headers[name.toLowerCase()];
        return Array.isArray(value) ? value[0] : value;
      },
      res,
      {},
      controller.signal,
    );
  }
}
