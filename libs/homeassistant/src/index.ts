export { homeAssistantConnector } from './connector.js';
export { readConfig } from './config.js';
export type { HomeAssistantConfig } from './config.js';
export { HomeAssistantBackend } from './backend.js';
export { HomeAssistantRest, HomeAssistantRequestError } from './rest-client.js';
export { HomeAssistantSocket, HomeAssistantSocketError } from './ws-client.js';
export type { HomeAssistantSocketOptions } from './ws-client.js';
export { homeAssistantTools } from './tools.js';
