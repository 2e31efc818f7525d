import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import { ConnectorToolsCall, ConnectorToolsList, type RequestOf } from '@mcp-gateway/contracts';
import { BusContext } from '@mcp-gateway/bus';
import { ConnectorRuntime } from './connector-runtime.js';
import type { ConnectorBackend } from './connector-definition.js';

/** The connector's two bus operations; the strategy validated the payload before these run. */
@Controller()
export class ConnectorBusController {
  constructor(private readonly runtime: ConnectorRuntime<ConnectorBackend>) {}

  @MessagePattern(ConnectorToolsList.name)
  list() {
    return this.runtime.list();
  }

  @MessagePattern(ConnectorToolsCall.name)
  call(@Payload() request: RequestOf<typeof ConnectorToolsCall>, @Ctx() ctx: BusContext) {
    return this.runtime.call(request, ctx);
  }
}
