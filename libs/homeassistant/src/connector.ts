import type { ConnectorDefinition } from '@mcp-gateway/connector-kit';
import { HomeAssistantBackend } from './backend.js';
import { readConfig, type HomeAssistantConfig } from './config.js';
import { homeAssistantTools } from './tools.js';

export const homeAssistantConnector: ConnectorDefinition<HomeAssistantConfig, HomeAssistantBackend> = {
  name: 'homeassistant',
  displayName: 'Home Assistant',
  version: '0.1.0',
  defaultMetricsPort: 9101,
  readConfig,
  createBackend: (config, { metrics, policy }) => new HomeAssistantBackend(config, metrics, { policy }),
  tools: homeAssistantTools,
};
