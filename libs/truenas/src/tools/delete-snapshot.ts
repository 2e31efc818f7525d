import { Type } from '@sinclair/typebox';
import { DESTRUCTIVE, defineTool, jsonResult } from '@mcp-gateway/connector-kit';
import type { TrueNasBackend } from '../backend.js';
import { snapshotId } from '../schema.js';

const Input = Type.Object(
  {
    snapshot: snapshotId(
      'The snapshot id, dataset@name, e.g. "tank/documents@before-cleanup" (see truenas_list_snapshots).',
    ),
    recursive: Type.Optional(
      Type.Boolean({
        default: false,
        description: 'Also delete the snapshots of the same name on every dataset below.',
      }),
    ),
  },
  { additionalProperties: false },
);

export const deleteSnapshot = defineTool<TrueNasBackend, typeof Input>({
  name: 'truenas_delete_snapshot',
  title: 'TrueNAS: delete a snapshot',
  description: [
    'Permanently deletes a ZFS snapshot, freeing the space only it holds (its "used"). The restore point is gone for good: confirm with the user first.',
    'Deleting does not change the live data. TrueNAS refuses while clones depend on the snapshot.',
    'Example: {"snapshot": "tank/documents@before-cleanup"}.',
  ].join(' '),
  input: Input,
  annotations: DESTRUCTIVE,
  async run(args, { backend, signal }) {
    await backend.snapshotCall(
      'delete',
      [args.snapshot, { defer: false, recursive: args.recursive ?? false }],
      signal,
    );
    return jsonResult({ deleted: args.snapshot, recursive: args.recursive ?? false });
  },
});
