import { Type } from '@sinclair/typebox';
import { READ_ONLY, defineTool, jsonResult } from '@mcp-gateway/connector-kit';
import type { WaveBackend } from '../backend.js';
import { LIST_BUSINESSES } from '../documents.js';
import { DEFAULT_PAGE_SIZE, pageSummary, pagingProperties } from '../paging.js';
import type { WaveBusiness, WaveConnection } from '../types.js';

const Input = Type.Object(
  {
    include_archived: Type.Optional(
      Type.Boolean({ default: false, description: 'List archived businesses instead of active ones.' }),
    ),
    ...pagingProperties('businesses'),
  },
  { additionalProperties: false },
);

export const listBusinesses = defineTool<WaveBackend, typeof Input>({
  name: 'wave_list_businesses',
  title: 'Wave: list businesses',
  description: [
    'Lists the Wave businesses this token can access, with their ids and home currency.',
    'Every other wave_* tool works on one business: pass its id as business_id, or leave business_id out to use the default (marked is_default).',
    'Each row: id, name, currency, type; personal/archived only when true. Paged: page, total_pages, total_count, next_page.',
    'Example: {} or {"include_archived": true}.',
  ].join(' '),
  input: Input,
  annotations: READ_ONLY,
  async run(args, { backend, signal }) {
    const data = await backend.query<{ businesses: WaveConnection<WaveBusiness> | null }>(
      LIST_BUSINESSES,
      {
        page: args.page ?? 1,
        pageSize: args.page_size ?? DEFAULT_PAGE_SIZE,
        isArchived: args.include_archived ?? false,
      },
      signal,
    );
    const connection = data.businesses ?? {
      pageInfo: { currentPage: 1, totalPages: 1, totalCount: 0 },
      edges: [],
    };
    let defaultId: string | undefined;
    try {
      defaultId = await backend.resolveBusinessId(undefined, signal);
    } catch {
      defaultId = undefined;
    }
    const businesses = connection.edges.map(({ node: b }) => ({
      id: b.id,
      name: b.name,
      currency: b.currency.code,
      ...(b.type ? { type: b.type.name } : {}),
      ...(b.isPersonal ? { personal: true } : {}),
      ...(b.isArchived ? { archived: true } : {}),
      ...(b.id === defaultId ? { is_default: true } : {}),
    }));
    return jsonResult({
      ...pageSummary(connection.pageInfo),
      ...(defaultId
        ? { default_business_id: defaultId }
        : { note: 'No default business: pass business_id to the other tools.' }),
      businesses,
    });
  },
});
