import { Type } from '@sinclair/typebox';
import { WRITE, defineTool, jsonResult } from '@mcp-gateway/connector-kit';
import type { TrueNasBackend } from '../backend.js';
import { SNAPSHOT_NAME_PATTERN, datasetName } from '../schema.js';
import { snapshotRow, type SnapshotEntry } from './snapshot-row.js';

const Input = Type.Object(
  {
    dataset: datasetName('The dataset to snapshot, e.g. "tank/documents".'),
    name: Type.Optional(
      Type.String({
        pattern: SNAPSHOT_NAME_PATTERN,
        minLength: 1,
        maxLength: 200,
        description:
          'Snapshot name (letters, digits, _ . : -), e.g. "before-upgrade". Default: manual-<UTC date and time>.',
      }),
    ),
    recursive: Type.Optional(
      Type.Boolean({
        default: false,
        description: 'Also snapshot every dataset below it, under the same name.',
      }),
    ),
  },
  { additionalProperties: false },
);

export const createSnapshot = defineTool<TrueNasBackend, typeof Input>({
  name: 'truenas_create_snapshot',
  title: 'TrueNAS: create a snapshot',
  description: [
    'Takes a ZFS snapshot of a dataset now: an instant, read-only restore point that costs no space until the data changes.',
    'Good before risky changes (upgrades, bulk deletes). Names must be unique per dataset; without a name one is generated from the time.',
    'Returns the snapshot id (dataset@name) to use with truenas_rollback_snapshot or truenas_delete_snapshot.',
    'Example: {"dataset": "tank/documents", "name": "before-cleanup"} or {"dataset": "tank", "recursive": true}.',
  ].join(' '),
  input: Input,
  annotations: WRITE,
  async run(args, { backend, signal }) {
    const data: Record<string, unknown> = { dataset: args.dataset, recursive: args.recursive ?? false };
    if (args.name !== undefined) data['name'] = args.name;
    else data['naming_schema'] = 'manual-%Y-%m-%d_%H-%M-%S';
    const created = await backend.snapshotCall<SnapshotEntry>('create', [data], signal);
    return jsonResult({ created: snapshotRow(created), recursive: args.recursive ?? false });
  },
});
