export { ConfigError, EnvReader } from './env-reader.js';
export type { Env } from './env-reader.js';
export { readBusConfig } from './bus-config.js';
export type { BusConfig } from './bus-config.js';
export { isLoopbackHost, readServiceConfig } from './service-config.js';
export type { ServiceConfig } from './service-config.js';
export { publicIdentity, readPublicIdentity, sameResource } from './public-url.js';
export type { PublicIdentity } from './public-url.js';
export { runServiceMain } from './run-main.js';
