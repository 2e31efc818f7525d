import type { ConnectorDefinition } from '@mcp-gateway/connector-kit';
import { ErpnextBackend } from './backend.js';
import { readConfig, type ErpnextConfig } from './config.js';
import { erpnextTools } from './tools.js';

export const erpnextConnector: ConnectorDefinition<ErpnextConfig, ErpnextBackend> = {
  name: 'erpnext',
  displayName: 'ERPNext',
  version: '0.1.0',
  defaultMetricsPort: 9102,
  readConfig,
  createBackend: (config, { metrics, policy }) => new ErpnextBackend(config, metrics, { policy }),
  tools: erpnextTools,
};
