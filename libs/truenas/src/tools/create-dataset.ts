import { Type } from '@sinclair/typebox';
import { ToolError, WRITE, defineTool, jsonResult } from '@mcp-gateway/connector-kit';
import type { TrueNasBackend } from '../backend.js';
import { CHILD_DATASET_PATTERN } from '../schema.js';
import { datasetRow } from './dataset-row.js';

const GIB = 1024 ** 3;

const Input = Type.Object(
  {
    name: Type.String({
      pattern: CHILD_DATASET_PATTERN,
      minLength: 3,
      maxLength: 255,
      description: 'Full name: an existing parent and the new component, e.g. "tank/media/podcasts".',
    }),
    type: Type.Optional(
      Type.Union([Type.Literal('FILESYSTEM'), Type.Literal('VOLUME')], {
        default: 'FILESYSTEM',
        description:
          'FILESYSTEM (default) for files; VOLUME for a zvol (block device), which needs volsize_gib.',
      }),
    ),
    volsize_gib: Type.Optional(
      Type.Number({
        exclusiveMinimum: 0,
        maximum: 1_048_576,
        description: 'Size of a VOLUME in GiB, e.g. 64.',
      }),
    ),
    share_type: Type.Optional(
      Type.Union(
        ['GENERIC', 'SMB', 'NFS', 'MULTIPROTOCOL', 'APPS'].map((t) => Type.Literal(t)),
        {
          description:
            'Preset for the intended use (ACL type, case sensitivity): GENERIC (default), SMB, NFS, MULTIPROTOCOL, APPS.',
        },
      ),
    ),
    compression: Type.Optional(
      Type.Union(
        ['LZ4', 'ZSTD', 'GZIP', 'ZLE', 'OFF'].map((t) => Type.Literal(t)),
        { description: 'Compression; inherited from the parent when omitted (usually LZ4).' },
      ),
    ),
    quota_gib: Type.Optional(
      Type.Number({
        exclusiveMinimum: 0,
        maximum: 1_048_576,
        description: 'Maximum space for this dataset and its children, in GiB.',
      }),
    ),
    comments: Type.Optional(Type.String({ maxLength: 1024, description: 'A note shown in the TrueNAS UI.' })),
  },
  { additionalProperties: false },
);

export const createDataset = defineTool<TrueNasBackend, typeof Input>({
  name: 'truenas_create_dataset',
  title: 'TrueNAS: create a dataset',
  description: [
    'Creates a ZFS dataset (a file system, or a zvol with type VOLUME) under an existing parent, optionally with a quota, compression, a share-type preset and a comment.',
    'The parent must exist (see truenas_list_datasets); TrueNAS refuses names that exist and explains why in the error.',
    'Returns the new dataset as truenas_list_datasets shows it.',
    'Example: {"name": "tank/media/podcasts", "share_type": "SMB", "quota_gib": 200} or {"name": "tank/vm-disk", "type": "VOLUME", "volsize_gib": 64}.',
  ].join(' '),
  input: Input,
  annotations: WRITE,
  async run(args, { backend, signal }) {
    const type = args.type ?? 'FILESYSTEM';
    if (type === 'VOLUME' && args.volsize_gib === undefined) {
      throw new ToolError('A VOLUME needs its size: add volsize_gib, e.g. {"volsize_gib": 64}.');
    }
    if (type === 'FILESYSTEM' && args.volsize_gib !== undefined) {
      throw new ToolError('volsize_gib only applies to type VOLUME; use quota_gib to limit a FILESYSTEM.');
    }
    const data: Record<string, unknown> = { name: args.name, type };
    if (args.volsize_gib !== undefined) data['volsize'] = Math.round(args.volsize_gib * GIB);
    if (args.share_type !== undefined) data['share_type'] = args.share_type;
    if (args.compression !== undefined) data['compression'] = args.compression;
    if (args.quota_gib !== undefined) data['quota'] = Math.round(args.quota_gib * GIB);
    if (args.comments !== undefined) data['comments'] = args.comments;
    const created = await backend.call<Record<string, unknown>>('pool.dataset.create', [data], signal);
    return jsonResult({ created: datasetRow(created) });
  },
});
