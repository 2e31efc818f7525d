import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  AuthApiTokenCreate,
  AuthApiTokenList,
  AuthApiTokenRevoke,
  AuthApiTokenVerify,
  type RequestOf,
} from '@mcp-gateway/contracts';
import { ApiTokens } from '@mcp-gateway/auth-service';
import { reply } from './reply.js';

/** API tokens: verified for openai-front, managed by the admin CLI. */
@Controller()
export class ApiTokensController {
  constructor(private readonly tokens: ApiTokens) {}

  @MessagePattern(AuthApiTokenVerify.name)
  verify(@Payload() request: RequestOf<typeof AuthApiTokenVerify>) {
    return reply(AuthApiTokenVerify.name, () => this.tokens.verify(request.tokenHash));
  }

  @MessagePattern(AuthApiTokenCreate.name)
  create(@Payload() request: RequestOf<typeof AuthApiTokenCreate>) {
    return reply(AuthApiTokenCreate.name, () => this.tokens.create(request));
  }

  @MessagePattern(AuthApiTokenList.name)
  list() {
    return reply(AuthApiTokenList.name, async () => ({ tokens: await this.tokens.list() }));
  }

  @MessagePattern(AuthApiTokenRevoke.name)
  revoke(@Payload() request: RequestOf<typeof AuthApiTokenRevoke>) {
    return reply(AuthApiTokenRevoke.name, () => this.tokens.revoke(request.ref));
  }
}
