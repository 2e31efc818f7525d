/**
 * Every runnable service and simulator and its built entry point, relative to the repository root (and to
 * `/app` in the container image). The launcher, the process tests, the container image, Compose and the
 * Kubernetes manifests all start services through these paths, so what the tests run is what ships.
 */
export const SERVICE_ENTRYPOINTS = {
  auth: 'dist/apps/auth/main.js',
  'mcp-front': 'dist/apps/mcp-front/main.js',
  'openai-front': 'dist/apps/openai-front/main.js',
  'connector-homeassistant': 'dist/apps/connector-homeassistant/main.js',
  'connector-erpnext': 'dist/apps/connector-erpnext/main.js',
  'connector-truenas': 'dist/apps/connector-truenas/main.js',
  'connector-wave': 'dist/apps/connector-wave/main.js',
} as const satisfies Record<string, string>;

export type ServiceName = keyof typeof SERVICE_ENTRYPOINTS;

/** The admin command line, `gateway` in the image. */
export const CLI_ENTRYPOINT = 'dist/apps/cli/main.js';

export const SIMULATOR_ENTRYPOINTS = {
  homeassistant: 'simulators/homeassistant/dist/main.js',
  erpnext: 'simulators/erpnext/dist/main.js',
  truenas: 'simulators/truenas/dist/main.js',
  wave: 'simulators/wave/dist/main.js',
  llm: 'simulators/llm/dist/main.js',
} as const satisfies Record<string, string>;

export type SimulatorName = keyof typeof SIMULATOR_ENTRYPOINTS;

/**
 * Where each service serves `/health`, `/ready` and `/metrics` by default: the fronts on their HTTP port,
 * auth and the connectors on `METRICS_PORT`.
 */
export const SERVICE_PORTS = {
  auth: { env: 'METRICS_PORT', port: 9470 },
  'mcp-front': { env: 'MCP_PORT', port: 8080 },
  'openai-front': { env: 'OPENAI_PORT', port: 8081 },
  'connector-homeassistant': { env: 'METRICS_PORT', port: 9101 },
  'connector-erpnext': { env: 'METRICS_PORT', port: 9102 },
  'connector-truenas': { env: 'METRICS_PORT', port: 9103 },
  'connector-wave': { env: 'METRICS_PORT', port: 9104 },
} as const satisfies Record<ServiceName, { env: string; port: number }>;
