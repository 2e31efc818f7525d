export { startHomeAssistantSimulator } from './server.js';
export type { HomeAssistantSimulatorOptions, RunningHomeAssistantSimulator } from './server.js';
export { HomeAssistantState } from './core/hass.js';
export type { User, SentNotification } from './core/hass.js';
export { HA_VERSION } from './core/config.js';
