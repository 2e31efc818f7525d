import 'reflect-metadata';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { BusClient } from '@mcp-gateway/bus';
import { ToolCatalog, connectEdge } from '@mcp-gateway/catalog';
import {
  AccessTokens,
  ApiTokens,
  AuthKeys,
  Authenticator,
  GatewayBearerStrategy,
  RevocationList,
  StaticTokens,
  auditedFailures,
  insufficientScopeChallenge,
  scopesToRequest,
} from '@mcp-gateway/edge-auth';
import { OAuthEndpoints, clientAddress, connectorScopes } from '@mcp-gateway/oauth-edge';
import { McpHandler } from '@mcp-gateway/mcp-server';
import { EdgeRateLimits } from '@mcp-gateway/rate-limit';
import {
  Metrics,
  ObservabilityModule,
  Readiness,
  createLogger,
  httpMetricsMiddleware,
  observeHttp,
} from '@mcp-gateway/observability';
import type { McpFrontConfig } from './config.js';
import { McpController } from './mcp.controller.js';
import { OAuthController, WellKnownController } from './oauth.controller.js';
import { McpHttpService } from './mcp-http.service.js';
import { StatusController } from './status.controller.js';
import { closeHttpServer } from '@mcp-gateway/config';

/** How long requests in flight (long tool calls, streams) get to finish after SIGTERM. */
const SHUTDOWN_GRACE_MS = 25_000;
/** How long audit records still waiting for JetStream get after that. */
const AUDIT_FLUSH_MS = 5_000;

export const VERSION = '0.1.0';

export interface RunningMcpFront {
  readonly url: string;
  stop(): Promise<void>;
}

export async function bootstrapMcpFront(config: McpFrontConfig): Promise<RunningMcpFront> {
  const logger = createLogger('mcp-front', config.service.logLevel);
  const metrics = new Metrics('mcp-front');
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
    service: 'mcp-front',
    bus: config.bus,
    metrics,
    readiness,
    log: (m) => logger.warn(m),
    toolTimeoutMs: config.toolTimeoutMs,
    toolCache: config.toolCache,
    audit: config.audit,
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
    invoker,
    pageSize: config.pageSize,
    keepAliveMs: config.keepAliveMs,
    listTtlMs: 60_000,
    insufficientScope: (scope, tool, principal) => ({
      'www-authenticate': insufficientScopeChallenge(
        config.publicUrl,
        scopesToRequest(scope, principal.scopes),
        `${tool} needs ${scope}`,
      ),
    }),
    observe: (method, era, outcome) => metrics.mcpRequests.inc({ method, era, outcome }),
    rateLimitTool: (tool, principal) => limits.tool(principal, tool, 'mcp'),
  });
  // OAuth access tokens are verified here against auth's keys; API tokens are asked of auth and cached;
  // revocations arrive over the bus. With MCP_AUTH=none none of it runs and the OAuth routes are absent
  // (404), which is what clients probing an authless server expect.
  const oauthEnabled = config.auth === 'required';
  const keys = new AuthKeys(client, { log: (m) => logger.warn(m) });
  const revocations = new RevocationList(client, (m) => logger.warn(m));
  const authenticator = new Authenticator(
    {
      staticTokens: new StaticTokens(config.accessTokens),
      accessTokens: new AccessTokens(keys, revocations, config.identity),
      apiTokens: new ApiTokens(client, revocations, { ttlMs: config.apiTokenCacheMs }),
    },
    auditedFailures({
      audit,
      surface: () => 'mcp',
      remoteAddress: (req) => clientAddress(req, config.trustProxy),
      count: (kind, reason) => metrics.authFailures.inc({ kind, reason }),
    }),
  );
  const oauth = new OAuthEndpoints({
    identity: config.identity,
    bus: client,
    scopes: () => connectorNames(catalog),
    remoteAddress: (req) => clientAddress(req, config.trustProxy),
    log: (m) => logger.warn(m),
  });

  @Module({
    imports: [ObservabilityModule.forService(metrics, readiness)],
    controllers: [
      McpController,
      StatusController,
      ...(oauthEnabled ? [WellKnownController, OAuthController] : []),
    ],
    providers: [
      { provide: Authenticator, useValue: authenticator },
      GatewayBearerStrategy,
      { provide: OAuthEndpoints, useValue: oauth },
      { provide: EdgeRateLimits, useValue: limits },
      ...(oauthEnabled
        ? [
            { provide: AuthKeys, useValue: keys },
            { provide: RevocationList, useValue: revocations },
          ]
        : []),
      McpHttpService,
      { provide: McpHandler, useValue: handler },
      { provide: ToolCatalog, useValue: catalog },
      { provide: BusClient, useValue: client },
      { provide: 'McpFrontConfig', useValue: config },
    ],
  })
  class McpFrontModule {}

  const adapter = new ExpressAdapter();
  adapter.getInstance<{ disable(setting: string): void }>().disable('x-powered-by');
  const app: INestApplication = await NestFactory.create(McpFrontModule, adapter, {
    logger,
    bodyParser: false,
    abortOnError: false,
  });
  app.use(httpMetricsMiddleware(metrics));
  await app.init();
  catalog.start();
  if (oauthEnabled) await Promise.all([keys.start(), revocations.start()]);
  // POST /mcp is the hot path (every tool call): it goes straight to the MCP service, skipping the
  // router and middleware chain; everything else is served by Nest.
  const mcp = app.get(McpHttpService);
  const nest = adapter.getInstance<(req: IncomingMessage, res: ServerResponse) => void>();
  const server = createServer((req, res) => {
    if (req.method === 'POST' && isMcpPath(req.url)) {
      observeHttp(metrics, req, res, () => '/mcp');
      mcp.post(req, res).catch((error: unknown) => {
        logger.error(
          `/mcp failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        );
        if (!res.headersSent)
          res
            .writeHead(500, { 'content-type': 'application/json' })
            .end('{"jsonrpc":"2.0","id":null,"error":{"code":-32603,"message":"Internal error"}}');
        else res.end();
      });
      return;
    }
    nest(req, res);
  });
  server.keepAliveTimeout = 65_000;
  // Slow or never-finished headers (slowloris) are cut after 10 s; a whole request after 75 s (bodies have
  // their own 10 s idle and 60 s total limits).
  server.headersTimeout = 10_000;
  server.requestTimeout = 75_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.service.bindHost, resolve);
  });
  const address = server.address() as AddressInfo;
  const url = `http://${config.service.bindHost.includes(':') ? `[${config.service.bindHost}]` : config.service.bindHost}:${address.port}`;
  logger.log(
    `MCP endpoint ${url}/mcp (public ${new URL('/mcp', config.publicUrl).toString()}), auth ${config.auth}`,
  );
  let stopping: Promise<void> | undefined;
  return {
    url,
    stop: () =>
      (stopping ??= (async () => {
        // Stop taking requests and finish those in flight while the catalog and the bus still work.
        await closeHttpServer(server, SHUTDOWN_GRACE_MS);
        await audit.flush(AUDIT_FLUSH_MS);
        invoker.stop();
        catalog.stop();
        keys.stop();
        revocations.stop();
        await app.close();
        await bus.close();
      })()),
  };
}

/** The scopes the connectors known right now offer. */
function connectorNames(catalog: ToolCatalog): string[] {
  return connectorScopes(catalog.view().map((c) => c.name));
}

function isMcpPath(url: string | undefined): boolean {
  if (!url) return false;
  const path = url.split('?', 1)[0];
  return path === '/mcp' || path === '/mcp/';
}
