import { Type } from '@sinclair/typebox';
import { EnvReader } from '@mcp-gateway/config';
import {
  READ_ONLY,
  WRITE,
  defineTool,
  jsonResult,
  bootstrapConnector,
  type ConnectorDefinition,
  type RunningConnector,
} from '@mcp-gateway/connector-kit';

/** A connector with no real backend: it reports which replica served each call. */
export interface TestBackend {
  instance: string;
  healthy: boolean;
  probe(): Promise<{ healthy: boolean; detail?: string }>;
  close(): Promise<void>;
}

export function testConnector(): ConnectorDefinition<Record<string, never>, TestBackend> {
  return {
    name: 'testkit',
    displayName: 'Test kit',
    version: '1.0.0',
    defaultMetricsPort: 0,
    readConfig: () => ({}),
    createBackend: () => ({
      instance: '',
      healthy: true,
      probe() {
        return Promise.resolve(this.healthy ? { healthy: true } : { healthy: false, detail: 'switched off' });
      },
      close: () => Promise.resolve(),
    }),
    tools: [
      defineTool({
        name: 'testkit_echo',
        title: 'Echo',
        description: 'Returns its message and the replica that served it.',
        input: Type.Object(
          {
            message: Type.String({ maxLength: 100 }),
            delayMs: Type.Optional(Type.Integer({ minimum: 0, maximum: 5000 })),
          },
          { additionalProperties: false },
        ),
        annotations: READ_ONLY,
        run: async (args, ctx) => {
          if (args.delayMs) await new Promise((r) => setTimeout(r, args.delayMs));
          return jsonResult({ message: args.message, pid: process.pid, served: ctx.backend.instance });
        },
      }),
      defineTool({
        name: 'testkit_slow',
        title: 'Slow task',
        description: 'Takes `steps` × 100 ms, reporting progress; stops when cancelled.',
        input: Type.Object(
          { steps: Type.Integer({ minimum: 1, maximum: 100 }) },
          { additionalProperties: false },
        ),
        annotations: WRITE,
        run: async (args, ctx) => {
          for (let i = 1; i <= args.steps; i++) {
            await new Promise<void>((resolve, reject) => {
              const timer = setTimeout(resolve, 100);
              ctx.signal.addEventListener(
                'abort',
                () => {
                  clearTimeout(timer);
                  cancelled.push(i);
                  reject(new Error('aborted'));
                },
                { once: true },
              );
            });
            ctx.progress({ progress: i, total: args.steps, message: `step ${i}` });
          }
          return jsonResult({ steps: args.steps });
        },
      }),
    ],
  };
}

/** Steps at which `testkit_slow` saw its signal fire, for cancellation assertions. */
export const cancelled: number[] = [];

export async function startReplica(
  prefix: string,
  natsUrl: string,
  env: Record<string, string> = {},
): Promise<RunningConnector & { backend: TestBackend }> {
  const definition = testConnector();
  let backend: TestBackend | undefined;
  const running = await bootstrapConnector(
    {
      ...definition,
      createBackend: (config, deps) => (backend = definition.createBackend(config, deps)),
    },
    {
      NATS_URL: natsUrl,
      GATEWAY_SUBJECT_PREFIX: prefix,
      METRICS_PORT: '0',
      ANNOUNCE_INTERVAL_MS: '200',
      LOG_LEVEL: 'error',
      ...env,
    },
  );
  backend!.instance = running.instance;
  return { ...running, backend: backend! };
}

export { EnvReader };
