import 'reflect-metadata';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import { Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { BusClient, BusConnection } from '@mcp-gateway/bus';
import { ToolCatalog, ToolInvoker } from '@mcp-gateway/catalog';
import { insufficientScopeChallenge } from '@mcp-gateway/edge-auth';
import { McpHandler } from '@mcp-gateway/mcp-server';
import { Metrics, ObservabilityModule, Readiness, createLogger, httpMetricsMiddleware } from '@mcp-gateway/observability';
import type { McpFrontConfig } from './config.js';
import { McpController } from './mcp.controller.js';
import { McpHttpService } from './mcp-http.service.js';
import { StatusController } from './status.controller.js';

export const VERSION = '0.1.0';

export interface RunningMcpFront {
  readonly url: string;
  stop(): Promise<void>;
}

export async function bootstrapMcpFront(config: McpFrontConfig): Promise<RunningMcpFront> {
  const logger = createLogger('mcp-front', config.service.logLevel);
  const metrics = new Metrics('mcp-front');
  const readiness = new Readiness();
  const bus = await BusConnection.connect({ ...config.bus, name: `mcp-front/${hostname()}-${process.pid}` });
  metrics.busConnected.set(1);
  bus.onStatus((up) => metrics.busConnected.set(up ? 1 : 0));
  const client = new BusClient(bus, (operation, seconds, outcome) => metrics.busDuration.observe({ operation, outcome }, seconds));
  const catalog = new ToolCatalog(client, {
    self: `mcp-front/${process.pid}`,
    log: (m) => logger.warn(m),
    onChange: () => {
      metrics.connectorInstances.reset();
      for (const [name, count] of catalog.instanceCounts()) metrics.connectorInstances.set({ connector: name }, count);
    },
  });
  const handler = new McpHandler({
    server: {
      name: 'mcp-gateway',
      title: 'MCP Gateway',
      version: VERSION,
      instructions:
        'Tools for this household or business: Home Assistant and other connected systems. Tool names start with the system they act on. Read-only tools never change anything; prefer them to check state before acting.',
    },
    catalog,
    invoker: new ToolInvoker(client, config.toolTimeoutMs),
    pageSize: config.pageSize,
    keepAliveMs: config.keepAliveMs,
    listTtlMs: 60_000,
    insufficientScope: (scope, tool) => ({
      'www-authenticate': insufficientScopeChallenge(config.publicUrl, [scope], `${tool} needs ${scope}`),
    }),
    observe: (method, era, outcome) => metrics.mcpRequests.inc({ method, era, outcome }),
  });
  readiness.register('nats', () => ({ ok: bus.connected, detail: bus.connected ? bus.server : 'disconnected' }));

  @Module({
    imports: [ObservabilityModule.forService(metrics, readiness)],
    controllers: [McpController, StatusController],
    providers: [
      McpHttpService,
      { provide: McpHandler, useValue: handler },
      { provide: ToolCatalog, useValue: catalog },
      { provide: BusClient, useValue: client },
      { provide: 'McpFrontConfig', useValue: config },
    ],
  })
  class McpFrontModule {}

  const app: INestApplication = await NestFactory.create(McpFrontModule, { logger, bodyParser: false, abortOnError: false });
  app.use(httpMetricsMiddleware(metrics));
  catalog.start();
  await app.listen(config.port, config.service.bindHost);
  const address = (app.getHttpServer() as Server).address() as AddressInfo;
  const url = `http://${config.service.bindHost.includes(':') ? `[${config.service.bindHost}]` : config.service.bindHost}:${address.port}`;
  logger.log(`MCP endpoint ${url}/mcp (public ${new URL('/mcp', config.publicUrl).toString()}), auth ${config.auth}`);
  if (config.auth === 'required' && config.accessTokens.length === 0) {
    logger.warn('MCP_AUTH=required but ACCESS_TOKENS is empty: every /mcp request will be refused with 401');
  }
  let stopping: Promise<void> | undefined;
  return {
    url,
    stop: () =>
      (stopping ??= (async () => {
        catalog.stop();
        await app.close();
        await bus.close();
      })()),
  };
}
