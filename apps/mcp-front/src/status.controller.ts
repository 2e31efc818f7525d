import { Controller, Get, Header } from '@nestjs/common';
import { ToolCatalog } from '@mcp-gateway/catalog';
import { BusClient } from '@mcp-gateway/bus';

/** `/status`: the bus, each connector with its replicas and backend health, and the tools served. */
@Controller('status')
export class StatusController {
  constructor(
    private readonly catalog: ToolCatalog,
    private readonly bus: BusClient,
  ) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  status() {
    const connectors = this.catalog.view();
    return {
      service: 'mcp-front',
      bus: { connected: this.bus.connected, prefix: this.bus.prefix },
      connectors,
      tools: this.catalog
        .tools()
        .map((t) => ({ name: t.descriptor.name, connector: t.connector, scope: t.scope })),
    };
  }
}
