import type { ConnectorDefinition } from '@mcp-gateway/connector-kit';
import { TrueNasBackend } from './backend.js';
import { readConfig, type TrueNasConfig } from './config.js';
import { trueNasTools } from './tools.js';

export const trueNasConnector: ConnectorDefinition<TrueNasConfig, TrueNasBackend> = {
  name: 'truenas',
  displayName: 'TrueNAS',
  version: '0.1.0',
  defaultMetricsPort: 9103,
  readConfig,
  createBackend: (config, { metrics }) => new TrueNasBackend(config, metrics),
  tools: trueNasTools,
};
