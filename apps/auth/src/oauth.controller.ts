import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  AuthAuthorizeCheck,
  AuthAuthorizeDecide,
  AuthClientGet,
  AuthClientRegister,
  AuthTokenExchange,
  AuthTokenRevoke,
  type RequestOf,
} from '@mcp-gateway/contracts';
import {
  AuthorizeEndpoint,
  ClientRegistry,
  RevocationEndpoint,
  TokenEndpoint,
} from '@mcp-gateway/auth-service';
import { reply } from './reply.js';

/** The OAuth endpoints mcp-front serves over HTTP; payloads were validated against the contract. */
@Controller()
export class OAuthController {
  constructor(
    private readonly registry: ClientRegistry,
    private readonly authorize: AuthorizeEndpoint,
    private readonly token: TokenEndpoint,
    private readonly revocation: RevocationEndpoint,
  ) {}

  @MessagePattern(AuthClientRegister.name)
  register(@Payload() request: RequestOf<typeof AuthClientRegister>) {
    return reply(AuthClientRegister.name, () => this.registry.register(request.metadata));
  }

  @MessagePattern(AuthClientGet.name)
  client(@Payload() request: RequestOf<typeof AuthClientGet>) {
    return reply(AuthClientGet.name, () =>
      this.registry.read(request.clientId, request.registrationAccessToken),
    );
  }

  @MessagePattern(AuthAuthorizeCheck.name)
  check(@Payload() request: RequestOf<typeof AuthAuthorizeCheck>) {
    return reply(AuthAuthorizeCheck.name, () => this.authorize.check(request.params));
  }

  @MessagePattern(AuthAuthorizeDecide.name)
  decide(@Payload() request: RequestOf<typeof AuthAuthorizeDecide>) {
    return reply(AuthAuthorizeDecide.name, () => this.authorize.decide(request));
  }

  @MessagePattern(AuthTokenExchange.name)
  exchange(@Payload() request: RequestOf<typeof AuthTokenExchange>) {
    return reply(AuthTokenExchange.name, () => this.token.exchange(request));
  }

  @MessagePattern(AuthTokenRevoke.name)
  revoke(@Payload() request: RequestOf<typeof AuthTokenRevoke>) {
    return reply(AuthTokenRevoke.name, () => this.revocation.revoke(request));
  }
}
