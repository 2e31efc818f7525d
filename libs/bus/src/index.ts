export { BusConnection } from './bus-connection.js';
export type { BusConnectionOptions } from './bus-connection.js';
export { BusClient } from './bus-client.js';
export type { RequestObserver, RequestOptions, RequestOutcome } from './bus-client.js';
export { BusServer } from './bus-server.js';
export type { Binding } from './bus-server.js';
export { BusContext } from './bus-context.js';
