import type { ConnectorDefinition } from '@mcp-gateway/connector-kit';
import { WAVE_POLICY_DEFAULTS, WaveBackend } from './backend.js';
import { readConfig, type WaveConfig } from './config.js';
import { waveTools } from './tools.js';

export const waveConnector: ConnectorDefinition<WaveConfig, WaveBackend> = {
  name: 'wave',
  displayName: 'Wave',
  version: '0.1.0',
  defaultMetricsPort: 9104,
  readConfig,
  policyDefaults: WAVE_POLICY_DEFAULTS,
  createBackend: (config, { metrics, policy }) => new WaveBackend(config, metrics, { policy }),
  tools: waveTools,
};
