import { runServiceMain } from '@mcp-gateway/config';
import { bootstrapAuth } from './bootstrap.js';
import { readAuthConfig } from './config.js';

await runServiceMain('auth', () => bootstrapAuth(readAuthConfig(process.env)));
