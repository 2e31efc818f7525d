import { Controller, Get, Header, Optional } from '@nestjs/common';
import { ToolCatalog } from '@mcp-gateway/catalog';
import { BusClient } from '@mcp-gateway/bus';
import { AuthKeys, RevocationList } from '@mcp-gateway/edge-auth';

/** `/status`: the bus, each connector with its replicas and backend health, and the tools served. */
@Controller('status')
export class StatusController {
  constructor(
    private readonly catalog: ToolCatalog,
    private readonly bus: BusClient,
    @Optional() private readonly keys?: AuthKeys,
    @Optional() private readonly revocations?: RevocationList,
  ) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  status() {
    const connectors = this.catalog.view();
    return {
      service: 'mcp-front',
      bus: { connected: this.bus.connected, prefix: this.bus.prefix },
      // What this front knows from auth: the keys it verifies access tokens with, and the revocations.
      auth:
        this.keys && this.revocations
          ? {
              signingKeys: this.keys.kids.length,
              revocationsLoaded: this.revocations.ready,
              revocations: this.revocations.size,
            }
          : { mode: 'none' },
      connectors,
      tools: this.catalog
        .tools()
        .map((t) => ({ name: t.descriptor.name, connector: t.connector, scope: t.scope })),
    };
  }
}
