export { startTruenasSimulator } from './server.js';
export type { RunningTruenasSimulator, TruenasSimulatorOptions } from './server.js';
export { TrueNasState } from './state/store.js';
