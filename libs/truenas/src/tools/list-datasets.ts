import { Type } from '@sinclair/typebox';
import { READ_ONLY, defineTool, jsonResult } from '@mcp-gateway/connector-kit';
import type { QueryFilter, QueryOptions, TrueNasBackend } from '../backend.js';
import { datasetName, pageInfo, pagingProperties } from '../schema.js';
import { DATASET_PROPERTIES, datasetRow } from './dataset-row.js';

const Input = Type.Object(
  {
    pool: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 100,
        pattern: '^[A-Za-z0-9_.:-]+$',
        description: 'Only datasets of this pool, e.g. "tank".',
      }),
    ),
    parent: Type.Optional(datasetName('Only this dataset and everything below it, e.g. "tank/media".')),
    search: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 100,
        description: 'Text the dataset name must contain, ignoring case, e.g. "photo".',
      }),
    ),
    type: Type.Optional(
      Type.Union([Type.Literal('FILESYSTEM'), Type.Literal('VOLUME')], {
        description: 'FILESYSTEM for file shares, VOLUME for zvols (block devices for VMs and iSCSI).',
      }),
    ),
    ...pagingProperties('datasets'),
  },
  { additionalProperties: false },
);

export const listDatasets = defineTool<TrueNasBackend, typeof Input>({
  name: 'truenas_list_datasets',
  title: 'TrueNAS: list datasets',
  description: [
    'Lists ZFS datasets (file systems) and zvols, sorted by name, with used/available space (human-readable and bytes), quota, compression and ratio, mount point, encryption and lock state, and comments.',
    'Use it to answer "what is using the space", to find a dataset name before snapshotting or sharing it, or to check quotas.',
    'Filters combine: pool, parent (that dataset and its descendants), search (name contains, any case), type. Paged on the server: total, next_offset.',
    'Example: {"parent": "tank/media"} or {"pool": "tank", "search": "backup"}.',
  ].join(' '),
  input: Input,
  annotations: READ_ONLY,
  async run(args, { backend, signal }) {
    const filters: QueryFilter[] = [];
    if (args.pool !== undefined) filters.push(['pool', '=', args.pool]);
    if (args.parent !== undefined) {
      filters.push([
        'OR',
        [
          ['id', '=', args.parent],
          ['id', '^', `${args.parent}/`],
        ],
      ]);
    }
    if (args.search !== undefined) filters.push(['name', 'Crin', args.search]);
    if (args.type !== undefined) filters.push(['type', '=', args.type]);
    const extra = {
      flat: true,
      retrieve_children: false,
      properties: DATASET_PROPERTIES,
      user_properties: false,
    };
    const offset = args.offset ?? 0;
    const page: QueryOptions = { extra, order_by: ['name'], offset, limit: args.limit ?? 50 };
    const [total, rows] = await Promise.all([
      backend.query<number>('pool.dataset.query', filters, { extra, count: true }, signal),
      backend.query<Record<string, unknown>[]>('pool.dataset.query', filters, page, signal),
    ]);
    const result: Record<string, unknown> = {
      ...pageInfo(total, offset, rows.length),
      datasets: rows.map(datasetRow),
    };
    if (total === 0)
      result['hint'] = 'Nothing matched; loosen the filters or list pools with truenas_list_pools.';
    return jsonResult(result);
  },
});
