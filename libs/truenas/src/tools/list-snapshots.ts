import { Type } from '@sinclair/typebox';
import { READ_ONLY, defineTool, jsonResult } from '@mcp-gateway/connector-kit';
import type { QueryFilter, QueryOptions, TrueNasBackend } from '../backend.js';
import { datasetName, pageInfo, pagingProperties } from '../schema.js';
import { SNAPSHOT_PROPERTIES, snapshotRow, type SnapshotEntry } from './snapshot-row.js';

const Input = Type.Object(
  {
    dataset: Type.Optional(datasetName('Only snapshots of this dataset, e.g. "tank/documents".')),
    recursive: Type.Optional(
      Type.Boolean({
        default: false,
        description: 'With dataset: also the snapshots of every dataset below it.',
      }),
    ),
    search: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 100,
        description: 'Text the snapshot name must contain, ignoring case, e.g. "manual".',
      }),
    ),
    ...pagingProperties('snapshots'),
  },
  { additionalProperties: false },
);

export const listSnapshots = defineTool<TrueNasBackend, typeof Input>({
  name: 'truenas_list_snapshots',
  title: 'TrueNAS: list snapshots',
  description: [
    'Lists ZFS snapshots, newest first, each with its id (dataset@name), creation time, the space it holds on its own (used) and the data it refers to (referenced).',
    'Use it to find a restore point before a rollback, to see whether periodic snapshots run, or to find snapshots worth deleting.',
    'Filters: dataset (optionally recursive), search (name contains, any case). Paged on the server: total, next_offset.',
    'Example: {"dataset": "tank/documents", "limit": 10} or {"search": "manual"}.',
  ].join(' '),
  input: Input,
  annotations: READ_ONLY,
  async run(args, { backend, signal }) {
    const filters: QueryFilter[] = [];
    if (args.dataset !== undefined) {
      filters.push(
        args.recursive === true
          ? [
              'OR',
              [
                ['dataset', '=', args.dataset],
                ['dataset', '^', `${args.dataset}/`],
              ],
            ]
          : ['dataset', '=', args.dataset],
      );
    }
    if (args.search !== undefined) filters.push(['snapshot_name', 'Crin', args.search]);
    const extra = { properties: SNAPSHOT_PROPERTIES };
    const offset = args.offset ?? 0;
    // `creation.rawvalue` is epoch seconds as a string: same width for centuries, so it sorts by time.
    const page: QueryOptions = {
      extra,
      order_by: ['-properties.creation.rawvalue'],
      offset,
      limit: args.limit ?? 50,
    };
    const [total, rows] = await Promise.all([
      backend.snapshotCall<number>('query', [filters, { extra, count: true }], signal),
      backend.snapshotCall<SnapshotEntry[]>('query', [filters, page], signal),
    ]);
    const result: Record<string, unknown> = {
      ...pageInfo(total, offset, rows.length),
      snapshots: rows.map(snapshotRow),
    };
    if (total === 0) {
      result['hint'] =
        args.dataset !== undefined && args.recursive !== true
          ? 'No snapshots of that dataset; try recursive: true or check the name with truenas_list_datasets.'
          : 'No snapshots matched.';
    }
    return jsonResult(result);
  },
});
