import { Type } from '@sinclair/typebox';
import type { WaveConnection, WavePageInfo } from './types.js';

export const DEFAULT_PAGE_SIZE = 50;
/** Wave caps `pageSize` at 200 (backends.md §4.2). */
export const MAX_PAGE_SIZE = 200;

/** `page`/`page_size` for list tools: Wave's own 1-based offset paging. */
export function pagingProperties(noun: string) {
  return {
    page: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 100_000,
        default: 1,
        description: `Page number, starting at 1; pass the previous result's next_page to get more ${noun}.`,
      }),
    ),
    page_size: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: MAX_PAGE_SIZE,
        default: DEFAULT_PAGE_SIZE,
        description: `How many ${noun} per page (default ${DEFAULT_PAGE_SIZE}, max ${MAX_PAGE_SIZE}).`,
      }),
    ),
  };
}

export interface PageSummary {
  readonly page: number;
  readonly total_pages: number;
  readonly total_count: number;
  readonly next_page?: number;
}

/** The pagination fields every list result starts with; `next_page` only while there is more. */
export function pageSummary(info: WavePageInfo): PageSummary {
  const base = { page: info.currentPage, total_pages: info.totalPages, total_count: info.totalCount };
  return info.currentPage < info.totalPages ? { ...base, next_page: info.currentPage + 1 } : base;
}

/**
 * Reads pages until there are no more (`currentPage < totalPages`) or `maxItems` are collected, for
 * look-ups the tools do themselves (a name search, the default income account).
 */
export async function fetchAllPages<T>(
  fetchPage: (page: number, pageSize: number) => Promise<WaveConnection<T>>,
  maxItems: number,
): Promise<{ items: T[]; complete: boolean; totalCount: number }> {
  const items: T[] = [];
  for (let page = 1; ; page++) {
    const connection = await fetchPage(page, MAX_PAGE_SIZE);
    items.push(...connection.edges.map((e) => e.node));
    const { currentPage, totalPages, totalCount } = connection.pageInfo;
    if (currentPage >= totalPages || connection.edges.length === 0) {
      return { items, complete: true, totalCount };
    }
    if (items.length >= maxItems) return { items, complete: false, totalCount };
  }
}
