import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { BusClient } from '@mcp-gateway/bus';
import { ToolCatalog, connectEdge } from '@mcp-gateway/catalog';
import { ChatCompletions, ModelList, UpstreamLlm } from '@mcp-gateway/chat-completions';
import {
  ApiTokens,
  Authenticator,
  GatewayBearerStrategy,
  RevocationList,
  StaticTokens,
  auditedFailures,
} from '@mcp-gateway/edge-auth';
import {
  Metrics,
  ObservabilityModule,
  Readiness,
  createLogger,
  httpMetricsMiddleware,
} from '@mcp-gateway/observability';
import { clientAddress } from '@mcp-gateway/oauth-edge';
import { ToolEndpoint } from '@mcp-gateway/openapi-tools';
import { EdgeRateLimits } from '@mcp-gateway/rate-limit';
import { AuthErrorFilter } from './auth-error.filter.js';
import type { OpenAiFrontConfig } from './config.js';
import { corsMiddleware } from './cors.js';
import { OpenAiController } from './openai.controller.js';
import { StatusController } from './status.controller.js';
import { ToolsController } from './tools.controller.js';
import { closeHttpServer } from '@mcp-gateway/config';

/** How long requests in flight (long tool calls, streams) get to finish after SIGTERM. */
const SHUTDOWN_GRACE_MS = 25_000;
/** How long audit records still waiting for JetStream get after that. */
const AUDIT_FLUSH_MS = 5_000;

export interface RunningOpenAiFront {
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * The OpenAI front: `/v1/models`, `/v1/chat/completions` (running the gateway's tools itself), the
 * OpenAPI tool server, `/status`, `/health`, `/ready`, `/metrics`. Bearer API tokens (and
 * `ACCESS_TOKENS`) through the gateway's passport strategy; OAuth access tokens are for `/mcp` only
 * (their audience), so they are not accepted here.
 */
export async function bootstrapOpenAiFront(config: OpenAiFrontConfig): Promise<RunningOpenAiFront> {
  const logger = createLogger('openai-front', config.service.logLevel);
  const metrics = new Metrics('openai-front');
  const readiness = new Readiness();
  const limits = new EdgeRateLimits(config.rateLimits, {
    onRefused: (surface, limit) => metrics.rateLimited.inc({ surface, limit }),
  });
  const {
    connection: bus,
    client,
    catalog,
    invoker,
    audit,
  } = await connectEdge({
    service: 'openai-front',
    bus: config.bus,
    metrics,
    readiness,
    log: (m) => logger.warn(m),
    toolTimeoutMs: config.toolTimeoutMs,
    toolCache: config.toolCache,
    audit: config.audit,
  });
  const revocations = new RevocationList(client, (m) => logger.warn(m));
  const authenticator = new Authenticator(
    {
      staticTokens: new StaticTokens(config.accessTokens),
      apiTokens: new ApiTokens(client, revocations, { ttlMs: config.apiTokenCacheMs }),
    },
    auditedFailures({
      audit,
      surface: (path) => (/^\/(tools\/|openapi\.json)/.test(path) ? 'openapi' : 'openai'),
      remoteAddress: (req) => clientAddress(req, config.trustProxy),
      count: (kind, reason) => metrics.authFailures.inc({ kind, reason }),
    }),
  );
  const upstream = config.llm ? new UpstreamLlm(config.llm) : undefined;
  const models = new ModelList(upstream, {
    allow: config.llmModels,
    ttlMs: config.modelsCacheMs,
    log: (m) => logger.warn(m),
  });
  const chat = new ChatCompletions({
    catalog,
    invoker,
    ...(upstream ? { upstream } : {}),
    ...(config.systemPrompt ? { systemPrompt: config.systemPrompt } : {}),
    maxIterations: config.maxToolRounds,
    allowedModels: config.llmModels,
    toolTimeoutMs: config.toolTimeoutMs,
    keepAliveMs: config.keepAliveMs,
    log: (m) => logger.warn(m),
    rateLimitTool: (tool, principal) => limits.tool(principal, tool, 'openai'),
  });

  @Module({
    imports: [ObservabilityModule.forService(metrics, readiness)],
    controllers: [OpenAiController, ToolsController, StatusController],
    providers: [
      { provide: Authenticator, useValue: authenticator },
      GatewayBearerStrategy,
      { provide: ToolCatalog, useValue: catalog },
      { provide: BusClient, useValue: client },
      { provide: ModelList, useValue: models },
      { provide: ChatCompletions, useValue: chat },
      { provide: ToolEndpoint, useValue: new ToolEndpoint(catalog, invoker, config.toolTimeoutMs) },
      { provide: 'OpenAiFrontConfig', useValue: config },
      { provide: EdgeRateLimits, useValue: limits },
    ],
  })
  class OpenAiFrontModule {}

  const adapter = new ExpressAdapter();
  adapter.getInstance<{ disable(setting: string): void }>().disable('x-powered-by');
  const app: INestApplication = await NestFactory.create(OpenAiFrontModule, adapter, {
    logger,
    bodyParser: false,
    abortOnError: false,
  });
  app.use(corsMiddleware(config.allowedOrigins));
  app.use(httpMetricsMiddleware(metrics));
  app.useGlobalFilters(new AuthErrorFilter());
  await app.init();
  catalog.start();
  await revocations.start();
  const server = app.getHttpServer() as Server;
  server.keepAliveTimeout = 65_000;
  // Slow or never-finished headers (slowloris) are cut after 10 s; a whole request after 75 s (bodies have
  // their own 10 s idle and 60 s total limits).
  server.headersTimeout = 10_000;
  server.requestTimeout = 75_000;
  await app.listen(config.port, config.service.bindHost);
  const address = server.address() as AddressInfo;
  const host = config.service.bindHost.includes(':')
    ? `[${config.service.bindHost}]`
    : config.service.bindHost;
  const url = `http://${host}:${address.port}`;
  logger.log(
    `OpenAI API ${url}/v1 (upstream LLM ${config.llm ? config.llm.baseUrl : 'none: only the built-in gateway model'})`,
  );
  let stopping: Promise<void> | undefined;
  return {
    url,
    stop: () =>
      (stopping ??= (async () => {
        // Stop taking requests and finish those in flight (streams included) while the bus still works.
        await closeHttpServer(server, SHUTDOWN_GRACE_MS);
        await audit.flush(AUDIT_FLUSH_MS);
        invoker.stop();
        catalog.stop();
        revocations.stop();
        await app.close();
        await upstream?.close();
        await bus.close();
      })()),
  };
}
