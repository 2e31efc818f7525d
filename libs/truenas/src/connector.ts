import type { ConnectorDefinition } from '@mcp-gateway/connector-kit';
import { TRUENAS_POLICY_DEFAULTS, TrueNasBackend } from './backend.js';
import { readConfig, type TrueNasConfig } from './config.js';
import { trueNasTools } from './tools.js';

export const trueNasConnector: ConnectorDefinition<TrueNasConfig, TrueNasBackend> = {
  name: 'truenas',
  displayName: 'TrueNAS',
  version: '0.1.0',
  defaultMetricsPort: 9103,
  readConfig,
  policyDefaults: TRUENAS_POLICY_DEFAULTS,
  createBackend: (config, { metrics, policy }) => new TrueNasBackend(config, metrics, { policy }),
  tools: trueNasTools,
};
