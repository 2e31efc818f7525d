export { startErpnextSimulator } from './server.js';
export type { ErpnextSimulatorOptions, RunningErpnextSimulator } from './server.js';
export { Site } from './site/site.js';
export type { Clock } from './site/clock.js';
export type { Doc } from './site/store.js';
export { pythonJson } from './http/python-json.js';
