import { Type } from '@sinclair/typebox';
import { DESTRUCTIVE, defineTool, jsonResult } from '@mcp-gateway/connector-kit';
import type { TrueNasBackend } from '../backend.js';
import { snapshotId } from '../schema.js';

const Input = Type.Object(
  {
    snapshot: snapshotId(
      'The snapshot to return to, dataset@name, e.g. "tank/documents@auto-2025-03-01_00-00".',
    ),
    destroy_newer: Type.Optional(
      Type.Boolean({
        default: false,
        description:
          'Also destroy every snapshot of the dataset newer than this one (ZFS cannot roll back past them otherwise). Default false.',
      }),
    ),
    force: Type.Optional(
      Type.Boolean({ default: false, description: 'Force-unmount clones if needed. Default false.' }),
    ),
  },
  { additionalProperties: false },
);

export const rollbackSnapshot = defineTool<TrueNasBackend, typeof Input>({
  name: 'truenas_rollback_snapshot',
  title: 'TrueNAS: roll a dataset back to a snapshot',
  description: [
    'Rolls a dataset back to a snapshot: every change to its files since that snapshot is discarded, irreversibly. Confirm with the user first, and consider truenas_create_snapshot of the current state before.',
    'ZFS only rolls back to the newest snapshot unless destroy_newer is true, which also deletes the newer snapshots; without it TrueNAS answers with the list of snapshots in the way.',
    'Example: {"snapshot": "tank/documents@before-cleanup"} or {"snapshot": "tank/documents@auto-2025-03-01_00-00", "destroy_newer": true}.',
  ].join(' '),
  input: Input,
  annotations: DESTRUCTIVE,
  async run(args, { backend, signal }) {
    const options = {
      recursive: args.destroy_newer ?? false,
      recursive_clones: false,
      force: args.force ?? false,
      recursive_rollback: false,
    };
    await backend.snapshotCall('rollback', [args.snapshot, options], signal);
    return jsonResult({
      rolled_back_to: args.snapshot,
      destroyed_newer_snapshots: args.destroy_newer ?? false,
    });
  },
});
