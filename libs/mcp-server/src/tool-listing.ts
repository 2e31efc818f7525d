import type { ToolDescriptor } from '@mcp-gateway/contracts';
import { scopeAllows, type CatalogTool, type ToolCatalog } from '@mcp-gateway/catalog';

export interface ToolPage {
  readonly tools: readonly ToolDescriptor[];
  readonly nextCursor?: string;
}

/**
 * `tools/list` pages, filtered by the caller's scopes, in the catalog's deterministic name order. The
 * filtered list is cached per scope set until the catalog changes, so listing costs no bus traffic.
 */
export class ToolListing {
  private cacheVersion = -1;
  private readonly cache = new Map<string, readonly ToolDescriptor[]>();

  constructor(
    private readonly catalog: ToolCatalog,
    private readonly pageSize: number,
  ) {}

  visible(scopes: ReadonlySet<string>): readonly ToolDescriptor[] {
    if (this.cacheVersion !== this.catalog.version) {
      this.cache.clear();
      this.cacheVersion = this.catalog.version;
    }
    const key = [...scopes].sort().join(' ');
    let list = this.cache.get(key);
    if (!list) {
      list = this.catalog
        .tools()
        .filter((t: CatalogTool) => scopeAllows(scopes, t))
        .map((t) => t.descriptor);
      this.cache.set(key, list);
    }
    return list;
  }

  /** Returns undefined for a cursor this server did not issue. */
  page(scopes: ReadonlySet<string>, cursor: unknown): ToolPage | undefined {
    const offset = cursor === undefined ? 0 : decodeCursor(cursor);
    if (offset === undefined) return undefined;
    const all = this.visible(scopes);
    if (offset > all.length) return undefined;
    const end = offset + this.pageSize;
    return end < all.length
      ? { tools: all.slice(offset, end), nextCursor: encodeCursor(end) }
      : { tools: all.slice(offset) };
  }
}

function encodeCursor(offset: number): string {
  return Buffer.from(`tools:${offset}`).toString('base64url');
}

function decodeCursor(cursor: unknown): number | undefined {
  if (typeof cursor !== 'string' || cursor.length > 64) return undefined;
  const match = /^tools:(\d{1,6})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return match ? Number(match[1]) : undefined;
}
