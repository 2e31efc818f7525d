import type { CatalogTool } from './catalog-types.js';

/**
 * Whether a set of granted scopes allows a tool: `*` allows everything, `<connector>:write` allows the
 * connector's every tool, `<connector>:read` its read-only tools.
 */
export function scopeAllows(granted: ReadonlySet<string>, tool: CatalogTool): boolean {
  return granted.has('*') || granted.has(tool.scope) || granted.has(`${tool.connector}:write`);
}
