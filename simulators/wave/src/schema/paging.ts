import { waveError } from './errors.js';

/** Wave caps every connection's page size at 200 (backends.md §4.2). */
export const MAX_PAGE_SIZE = 200;

export interface PageArgs {
  readonly page?: number | null;
  readonly pageSize?: number | null;
}

export interface Connection<V> {
  readonly pageInfo: { currentPage: number; totalPages: number; totalCount: number };
  readonly edges: { node: V }[];
}

/** 1-based offset paging with `pageInfo{currentPage,totalPages,totalCount}` and edges/node. */
export function connection<T, V>(items: readonly T[], args: PageArgs, view: (item: T) => V): Connection<V> {
  const page = args.page ?? 1;
  const pageSize = args.pageSize ?? 20;
  if (page < 1) throw waveError('page must be 1 or more.', 'BAD_USER_INPUT');
  if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    throw waveError(`pageSize must be between 1 and ${MAX_PAGE_SIZE}.`, 'BAD_USER_INPUT');
  }
  const totalPages = Math.max(1, Math.ceil(items.length / pageSize));
  const slice = items.slice((page - 1) * pageSize, page * pageSize);
  return {
    pageInfo: { currentPage: page, totalPages, totalCount: items.length },
    edges: slice.map((item) => ({ node: view(item) })),
  };
}

type Key<T> = (item: T) => string | number | bigint;

/** Sorts by a list of `FIELD_ASC`/`FIELD_DESC` values, each mapped to a key. */
export function sortBy<T>(items: T[], sort: readonly string[], keys: Readonly<Record<string, Key<T>>>): T[] {
  const order = sort.flatMap((s) => {
    const m = /^(.*)_(ASC|DESC)$/.exec(s);
    const key = m?.[1] !== undefined ? keys[m[1]] : undefined;
    return key ? [{ key, sign: m?.[2] === 'DESC' ? -1 : 1 }] : [];
  });
  return items.sort((a, b) => {
    for (const { key, sign } of order) {
      const x = key(a);
      const y = key(b);
      const c =
        typeof x === 'string' && typeof y === 'string' ? x.localeCompare(y) : x < y ? -1 : x > y ? 1 : 0;
      if (c !== 0) return c * sign;
    }
    return 0;
  });
}
