import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ToolCatalog } from '@mcp-gateway/catalog';
import { BusClient } from '@mcp-gateway/bus';
import type { OpenAiFrontConfig } from './config.js';

/** `/status`: the bus, the upstream LLM setting, each connector with its replicas, and the tools. */
@Controller('status')
export class StatusController {
  constructor(
    private readonly catalog: ToolCatalog,
    private readonly bus: BusClient,
    @Inject('OpenAiFrontConfig') private readonly config: OpenAiFrontConfig,
  ) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  status() {
    return {
      service: 'openai-front',
      bus: { connected: this.bus.connected, prefix: this.bus.prefix },
      llm: this.config.llm
        ? { configured: true, models: this.config.llmModels.length > 0 ? this.config.llmModels : 'all' }
        : { configured: false },
      connectors: this.catalog.view(),
      tools: this.catalog
        .tools()
        .map((t) => ({ name: t.descriptor.name, connector: t.connector, scope: t.scope })),
    };
  }
}
