import { runServiceMain } from '@mcp-gateway/config';
import { bootstrapOpenAiFront } from './bootstrap.js';
import { readOpenAiFrontConfig } from './config.js';

await runServiceMain('openai-front', () => bootstrapOpenAiFront(readOpenAiFrontConfig(process.env)));
