import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { AuthKeysGet, AuthRevocationsList } from '@mcp-gateway/contracts';
import { Revocations, SigningKeys } from '@mcp-gateway/auth-service';
import { reply } from './reply.js';

/** What the fronts load to verify tokens locally: the signing keys and the live revocations. */
@Controller()
export class KeysController {
  constructor(
    private readonly keys: SigningKeys,
    private readonly revocations: Revocations,
  ) {}

  @MessagePattern(AuthKeysGet.name)
  jwks() {
    return reply(AuthKeysGet.name, () => this.keys.jwks());
  }

  @MessagePattern(AuthRevocationsList.name)
  revoked() {
    return reply(AuthRevocationsList.name, async () => ({ revocations: await this.revocations.list() }));
  }
}
