import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';

/** Repository root: this file runs from dist/apps/launcher/. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Services `npm run service -- <name>` can start, and their built entry points. */
export const SERVICES = {
  auth: join(ROOT, 'dist/apps/auth/main.js'),
  'mcp-front': join(ROOT, 'dist/apps/mcp-front/main.js'),
  'openai-front': join(ROOT, 'dist/apps/openai-front/main.js'),
  'connector-homeassistant': join(ROOT, 'dist/apps/connector-homeassistant/main.js'),
  'connector-erpnext': join(ROOT, 'dist/apps/connector-erpnext/main.js'),
  'connector-truenas': join(ROOT, 'dist/apps/connector-truenas/main.js'),
  'connector-wave': join(ROOT, 'dist/apps/connector-wave/main.js'),
} as const satisfies Record<string, string>;

export const SIMULATORS = {
  homeassistant: join(ROOT, 'simulators/homeassistant/dist/main.js'),
  erpnext: join(ROOT, 'simulators/erpnext/dist/main.js'),
  truenas: join(ROOT, 'simulators/truenas/dist/main.js'),
  wave: join(ROOT, 'simulators/wave/dist/main.js'),
  llm: join(ROOT, 'simulators/llm/dist/main.js'),
} as const satisfies Record<string, string>;
