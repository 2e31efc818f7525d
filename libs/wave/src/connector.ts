import type { ConnectorDefinition } from '@mcp-gateway/connector-kit';
import { WaveBackend } from './backend.js';
import { readConfig, type WaveConfig } from './config.js';
import { waveTools } from './tools.js';

export const waveConnector: ConnectorDefinition<WaveConfig, WaveBackend> = {
  name: 'wave',
  displayName: 'Wave',
  version: '0.1.0',
  defaultMetricsPort: 9104,
  readConfig,
  createBackend: (config, { metrics }) => new WaveBackend(config, metrics),
  tools: waveTools,
};
