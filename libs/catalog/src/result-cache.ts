import { canonicalJson, type ToolResult } from '@mcp-gateway/contracts';
import type { EnvReader } from '@mcp-gateway/config';
import type { CatalogTool } from './catalog-types.js';

interface Entry {
  readonly result: ToolResult;
  readonly expiresAt: number;
}

export interface ResultCacheOptions {
  /** Seconds to keep the results of each tool, by tool name. Only read-only tools are ever cached. */
  readonly ttlSeconds: ReadonlyMap<string, number>;
  /** Most entries kept; the least recently used go first. */
  readonly maxEntries?: number;
  /** Results larger than this (as JSON) are not kept. */
  readonly maxResultBytes?: number;
  readonly now?: () => number;
}

/**
 * Opt-in result caching for read-only tools (`TOOL_CACHE`): the same tool with the same arguments within
 * its TTL is answered from memory, and identical calls that arrive together share one trip to the
 * connector. Error results are never kept. Everything is dropped when the catalog changes (a connector
 * appears, leaves or changes its tools). Results do not depend on the caller (a connector acts with its
 * one backend credential), and scopes are checked before the cache is asked, so sharing is safe.
 */
export class ResultCache {
  private readonly entries = new Map<string, Entry>();
  private readonly pending = new Map<string, Promise<ToolResult>>();
  private readonly maxEntries: number;
  private readonly maxResultBytes: number;
  private readonly now: () => number;

  constructor(private readonly options: ResultCacheOptions) {
    this.maxEntries = options.maxEntries ?? 1_000;
    this.maxResultBytes = options.maxResultBytes ?? 256 * 1024;
    this.now = options.now ?? Date.now;
  }

  /** The TTL in milliseconds for this tool, or undefined when its results are not cached. */
  ttlMs(tool: CatalogTool): number | undefined {
    if (tool.descriptor.annotations.readOnlyHint !== true) return undefined;
    const seconds = this.options.ttlSeconds.get(tool.descriptor.name);
    return seconds && seconds > 0 ? seconds * 1000 : undefined;
  }

  /**
   * The cached result, or the one `load` produces (shared with identical calls already waiting for it).
   * `hit` says whether the connector was spared the call.
   */
  async through(
    tool: CatalogTool,
    args: Record<string, unknown>,
    load: () => Promise<ToolResult>,
  ): Promise<{ result: ToolResult; hit: boolean }> {
    const ttl = this.ttlMs(tool);
    if (ttl === undefined) return { result: await load(), hit: false };
    const key = `${tool.connector}\u0000${tool.descriptor.name}\u0000${canonicalJson(args)}`;
    const cached = this.entries.get(key);
    if (cached && cached.expiresAt > this.now()) {
      this.entries.delete(key); // re-insert: most recently used last
      this.entries.set(key, cached);
      return { result: cached.result, hit: true };
    }
    if (cached) this.entries.delete(key);
    const waiting = this.pending.get(key);
    if (waiting) {
      try {
        return { result: await waiting, hit: true };
      } catch {
        // The shared call failed for its own caller (cancelled, timed out): this one asks for itself.
        return { result: await load(), hit: false };
      }
    }
    const loading = load();
    this.pending.set(key, loading);
    try {
      const result = await loading;
      this.keep(key, result, ttl);
      return { result, hit: false };
    } finally {
      this.pending.delete(key);
    }
  }

  /** Drops every entry (the catalog changed). */
  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  private keep(key: string, result: ToolResult, ttl: number): void {
    if (result.isError === true) return;
    if (Buffer.byteLength(JSON.stringify(result)) > this.maxResultBytes) return;
    this.entries.set(key, { result, expiresAt: this.now() + ttl });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }
}

/**
 * `TOOL_CACHE`: comma-separated `<tool>=<seconds>` for read-only tools whose results may be reused, e.g.
 * `homeassistant_list_areas=300,erpnext_list_doctypes=3600`. Empty (the default): nothing is cached.
 */
export function readToolCache(reader: EnvReader): ReadonlyMap<string, number> {
  const ttls = new Map<string, number>();
  for (const item of reader.list('TOOL_CACHE')) {
    const match = /^([a-zA-Z0-9_-]{1,64})=(\d{1,6})$/.exec(item);
    reader.check(
      match !== null,
      `TOOL_CACHE entries must look like <tool>=<seconds>, e.g. homeassistant_list_areas=300 (got "${item}")`,
    );
    if (match) ttls.set(match[1] ?? '', Number(match[2]));
  }
  return ttls;
}
