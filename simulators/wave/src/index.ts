export { startWaveSimulator } from './server.js';
export type { RunningWaveSimulator, WaveSimulatorOptions } from './server.js';
export { SimulatorControl } from './http/control.js';
export { CONTROL_PREFIX, GRAPHQL_PATH } from './http/router.js';
export { DEMO_BUSINESS_ID, DEMO_PERSONAL_BUSINESS_ID } from './demo/seed.js';
export { WaveBooks } from './store/books.js';
export { WAVE_SDL } from './schema/sdl.js';
