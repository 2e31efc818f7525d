import { runServiceMain } from '@mcp-gateway/config';
import { bootstrapMcpFront } from './bootstrap.js';
import { readMcpFrontConfig } from './config.js';

await runServiceMain('mcp-front', () => bootstrapMcpFront(readMcpFrontConfig(process.env)));
