import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';
import { SERVICE_ENTRYPOINTS, SIMULATOR_ENTRYPOINTS } from '@mcp-gateway/config';

/** Repository root: this file runs from dist/apps/launcher/. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

const absolute = <K extends string>(table: Record<K, string>): Record<K, string> =>
  Object.fromEntries(Object.entries<string>(table).map(([name, path]) => [name, join(ROOT, path)])) as Record<
    K,
    string
  >;

/** Services `npm run service -- <name>` can start, and their built entry points. */
export const SERVICES = absolute(SERVICE_ENTRYPOINTS);

export const SIMULATORS = absolute(SIMULATOR_ENTRYPOINTS);
