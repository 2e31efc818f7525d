import 'reflect-metadata';
import { hostname } from 'node:os';
import { Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  AuthApiTokenCreate,
  AuthApiTokenList,
  AuthApiTokenRevoke,
  AuthApiTokenVerify,
  AuthAuthorizeCheck,
  AuthAuthorizeDecide,
  AuthClientGet,
  AuthClientRegister,
  AuthKeysGet,
  AuthRevocationsList,
  AuthTokenExchange,
  AuthTokenRevoke,
  authQueueGroup,
} from '@mcp-gateway/contracts';
import { BusClient, BusConnection, BusServer, type Binding } from '@mcp-gateway/bus';
import {
  ApiTokens,
  AuthService,
  AuthStore,
  AuthorizeEndpoint,
  ClientRegistry,
  RevocationEndpoint,
  Revocations,
  SigningKeys,
  TokenEndpoint,
  type PasswordSetup,
} from '@mcp-gateway/auth-service';
import {
  Metrics,
  ObservabilityModule,
  Readiness,
  createLogger,
  httpMetricsMiddleware,
} from '@mcp-gateway/observability';
import { ApiTokensController } from './api-tokens.controller.js';
import type { AuthConfig } from './config.js';
import { KeysController } from './keys.controller.js';
import { OAuthController } from './oauth.controller.js';

export interface RunningAuth {
  readonly metricsUrl: string;
  stop(): Promise<void>;
}

/** How long the codes bucket keeps an entry: past any code's TTL, so a replayed code is still recognised. */
const CODE_RETENTION_MS = 3_600_000;

const OPERATIONS = [
  AuthKeysGet,
  AuthRevocationsList,
  AuthApiTokenVerify,
  AuthApiTokenCreate,
  AuthApiTokenList,
  AuthApiTokenRevoke,
  AuthClientRegister,
  AuthClientGet,
  AuthAuthorizeCheck,
  AuthAuthorizeDecide,
  AuthTokenExchange,
  AuthTokenRevoke,
] as const;

const PASSWORD_NOTES: Record<PasswordSetup, string> = {
  kept: 'owner password: using the stored hash',
  'set-from-environment': 'owner password: stored the hash of GATEWAY_ADMIN_PASSWORD',
  generated: 'owner password: generated and printed once on stdout',
};

/**
 * Starts one replica of the auth service: connects to NATS, opens the KV store, loads or creates the
 * signing keys and the owner password, serves every `auth.*` operation in the auth queue group, and serves
 * `/health`, `/ready` and `/metrics`. Stopping stops taking requests, finishes those in flight, then closes.
 */
export async function bootstrapAuth(config: AuthConfig): Promise<RunningAuth> {
  const logger = createLogger('auth', config.service.logLevel);
  const metrics = new Metrics('auth');
  const readiness = new Readiness();
  const bus = await BusConnection.connect({ ...config.bus, name: `auth/${hostname()}-${process.pid}` });
  metrics.busConnected.set(1);
  bus.onStatus((up) => metrics.busConnected.set(up ? 1 : 0));
  const client = new BusClient(bus, (operation, seconds, outcome) =>
    metrics.busDuration.observe({ operation, outcome }, seconds),
  );
  const store = await AuthStore.open(bus.nc, {
    prefix: bus.prefix,
    codeRetentionMs: CODE_RETENTION_MS,
    replicas: config.kvReplicas,
  });
  const service = await AuthService.start(store, client, {
    identity: config.identity,
    accessTokenTtlSeconds: config.accessTokenTtlSeconds,
    refreshTokenTtlSeconds: config.refreshTokenTtlSeconds,
    codeTtlSeconds: config.codeTtlSeconds,
    keyRotationDays: config.keyRotationDays,
    adminPassword: config.adminPassword,
    cimdAllowPrivate: config.cimdAllowPrivate,
    onChoreError: (chore, error) =>
      logger.warn(`${chore} failed: ${error instanceof Error ? error.message : 'unknown error'}`),
  });
  logger.log(PASSWORD_NOTES[service.passwordSetup]);
  if (config.adminPassword !== undefined && config.adminPassword.length < 12) {
    logger.warn('GATEWAY_ADMIN_PASSWORD is shorter than 12 characters; choose a longer one');
  }
  if (config.cimdAllowPrivate) {
    logger.warn(
      'OAUTH_CIMD_ALLOW_PRIVATE is on: client metadata documents may be fetched from private addresses',
    );
  }
  readiness.register('nats', () => ({
    ok: bus.connected,
    detail: bus.connected ? bus.server : 'disconnected',
  }));
  readiness.register('kv', async () => {
    const ok = await store.ping();
    return { ok, detail: ok ? 'buckets reachable' : 'buckets unreachable' };
  });

  @Module({
    imports: [ObservabilityModule.forService(metrics, readiness)],
    controllers: [OAuthController, KeysController, ApiTokensController],
    providers: [
      { provide: SigningKeys, useValue: service.keys },
      { provide: Revocations, useValue: service.revocations },
      { provide: ClientRegistry, useValue: service.registry },
      { provide: AuthorizeEndpoint, useValue: service.authorize },
      { provide: TokenEndpoint, useValue: service.token },
      { provide: RevocationEndpoint, useValue: service.revocation },
      { provide: ApiTokens, useValue: service.apiTokens },
    ],
  })
  class AuthAppModule {}

  const app = await NestFactory.create(AuthAppModule, { logger, abortOnError: false });
  app.use(httpMetricsMiddleware(metrics));
  const queue = authQueueGroup(bus.prefix);
  const bindings: Binding[] = OPERATIONS.map((operation) => ({
    operation,
    subject: operation.subject(bus.prefix, {}),
    queue,
  }));
  app.connectMicroservice({ strategy: new BusServer(bus, bindings) });
  await app.startAllMicroservices();
  await app.listen(config.service.metricsPort, config.service.bindHost);
  const host = config.service.bindHost.includes(':')
    ? `[${config.service.bindHost}]`
    : config.service.bindHost;
  const metricsUrl = `http://${host}:${portOf(app)}`;
  logger.log(`auth service serving OAuth for ${config.identity.issuer}; metrics at ${metricsUrl}/metrics`);

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await app.close();
      await service.stop();
      await bus.close();
    })());
  return { metricsUrl, stop };
}

function portOf(app: INestApplication): number {
  const address = (app.getHttpServer() as { address(): { port: number } | string | null }).address();
  return address && typeof address === 'object' ? address.port : 0;
}
