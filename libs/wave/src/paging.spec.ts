import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fetchAllPages, pageSummary } from './paging.js';
import type { WaveConnection } from './types.js';

describe('pagination', () => {
  it('reports next_page only while currentPage < totalPages', () => {
    assert.deepEqual(pageSummary({ currentPage: 1, totalPages: 3, totalCount: 120 }), {
      page: 1,
      total_pages: 3,
      total_count: 120,
      next_page: 2,
    });
    assert.deepEqual(pageSummary({ currentPage: 3, totalPages: 3, totalCount: 120 }), {
      page: 3,
      total_pages: 3,
      total_count: 120,
    });
  });

  const pages = (total: number) => {
    const requested: number[] = [];
    const fetchPage = (page: number, pageSize: number): Promise<WaveConnection<number>> => {
      requested.push(page);
      const items = Array.from({ length: total }, (_, i) => i).slice((page - 1) * pageSize, page * pageSize);
      return Promise.resolve({
        pageInfo: {
          currentPage: page,
          totalPages: Math.max(1, Math.ceil(total / pageSize)),
          totalCount: total,
        },
        edges: items.map((node) => ({ node })),
      });
    };
    return { requested, fetchPage };
  };

  it('reads every page in order with the maximum page size', async () => {
    const { requested, fetchPage } = pages(450);
    const all = await fetchAllPages(fetchPage, 10_000);
    assert.deepEqual(requested, [1, 2, 3]);
    assert.equal(all.items.length, 450);
    assert.equal(all.complete, true);
    assert.equal(all.items[449], 449);
  });

  it('stops at the item limit and says the list is incomplete', async () => {
    const { requested, fetchPage } = pages(1000);
    const some = await fetchAllPages(fetchPage, 300);
    assert.deepEqual(requested, [1, 2]);
    assert.equal(some.complete, false);
    assert.equal(some.totalCount, 1000);
  });

  it('handles an empty list in one request', async () => {
    const { requested, fetchPage } = pages(0);
    assert.deepEqual(await fetchAllPages(fetchPage, 100), { items: [], complete: true, totalCount: 0 });
    assert.deepEqual(requested, [1]);
  });
});
