import { sizeProp, stringProp } from '../ejson.js';
import { ValidationErrors, type ValidationTriple } from '../errors.js';
import { filterList, type Entry } from '../filters.js';
import { datasetEntry } from '../state/seed-datasets.js';
import type { TrueNasState } from '../state/store.js';
import type { DatasetEntry } from '../state/types.js';
import { boolField, objectArg, positional, queryArgs, stringField } from './params.js';
import type { MethodTable } from './types.js';

const BASE_KEYS = new Set([
  'id',
  'type',
  'name',
  'pool',
  'encrypted',
  'encryption_root',
  'key_loaded',
  'children',
  'user_properties',
  'locked',
  'mountpoint',
]);
const COMPRESSION = ['ON', 'OFF', 'LZ4', 'GZIP', 'GZIP-1', 'GZIP-9', 'ZSTD', 'ZSTD-FAST', 'ZLE', 'LZJB'];
const SHARE_TYPES = ['GENERIC', 'MULTIPROTOCOL', 'NFS', 'SMB', 'APPS'];
const CREATE_KEYS = [
  'name',
  'type',
  'volsize',
  'volblocksize',
  'sparse',
  'force_size',
  'share_type',
  'compression',
  'comments',
  'quota',
  'refquota',
  'atime',
  'readonly',
  'recordsize',
  'sync',
  'snapdir',
  'copies',
  'exec',
  'deduplication',
  'checksum',
  'create_ancestors',
  'inherit_encryption',
  'encryption',
  'encryption_options',
  'acltype',
  'aclmode',
  'casesensitivity',
  'user_properties',
];
// `validate_dataset_name`: ZFS component characters.
const DATASET_NAME = /^[A-Za-z0-9][A-Za-z0-9_.:\- ]*(\/[A-Za-z0-9_.:\- ]+)*$/;

interface DatasetExtra {
  readonly flat: boolean;
  readonly retrieveChildren: boolean;
  readonly properties: readonly string[] | null;
  readonly userProperties: boolean;
}

function view(state: TrueNasState, ds: DatasetEntry, extra: DatasetExtra): DatasetEntry {
  const out: DatasetEntry = { ...ds, children: [] };
  if (extra.properties !== null) {
    for (const key of Object.keys(out))
      if (!BASE_KEYS.has(key) && !extra.properties.includes(key)) delete out[key];
  }
  if (!extra.userProperties) delete (out as Partial<DatasetEntry>).user_properties;
  if (extra.retrieveChildren) {
    out.children = state.datasets
      .filter((c) => c.name.startsWith(`${ds.name}/`) && !c.name.slice(ds.name.length + 1).includes('/'))
      .map((c) => view(state, c, extra));
  }
  return out;
}

/** `pool.dataset.query`: `extra.flat` (default true), `retrieve_children` (true), `properties`, `user_properties`. */
function queryDatasets(state: TrueNasState, params: readonly unknown[]): unknown {
  const { filters, options } = queryArgs(params);
  const raw = options.extra ?? {};
  const props = raw['properties'];
  const extra: DatasetExtra = {
    flat: raw['flat'] !== false,
    retrieveChildren: raw['retrieve_children'] !== false,
    properties: Array.isArray(props) ? props.filter((p): p is string => typeof p === 'string') : null,
    userProperties: raw['user_properties'] !== false,
  };
  const roots = extra.flat ? state.datasets : state.datasets.filter((d) => !d.name.includes('/'));
  const rows = roots.map((d) => view(state, d, extra)) as unknown as Entry[];
  return filterList(rows, filters, options);
}

function requireChoice(value: unknown, attribute: string, choices: readonly string[]): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !choices.includes(value)) {
    throw ValidationErrors.one(attribute, `Input should be ${choices.map((c) => `'${c}'`).join(', ')}`);
  }
  return value;
}

/** `pool.dataset.create` with the plugin's own validation messages (`plugins/pool_/dataset.py`). */
function createDataset(state: TrueNasState, params: readonly unknown[]): unknown {
  positional(params, ['data']);
  const data = objectArg(params[0], 'data', CREATE_KEYS);
  const name = stringField(data['name'], 'data.name');
  const type = (requireChoice(data['type'], 'data.type', ['FILESYSTEM', 'VOLUME']) ?? 'FILESYSTEM') as
    'FILESYSTEM' | 'VOLUME';
  const compression = requireChoice(data['compression'], 'data.compression', COMPRESSION);
  requireChoice(data['share_type'], 'data.share_type', SHARE_TYPES);
  const comments =
    data['comments'] === undefined ? undefined : stringField(data['comments'], 'data.comments');
  const volsize = data['volsize'];
  if (volsize !== undefined && (typeof volsize !== 'number' || !Number.isInteger(volsize) || volsize <= 0)) {
    throw ValidationErrors.one('data.volsize', 'Input should be a valid integer');
  }
  const quota = data['quota'];
  if (quota !== undefined && quota !== null && (typeof quota !== 'number' || quota < 0)) {
    throw ValidationErrors.one('data.quota', 'Input should be a valid integer');
  }
  boolField(data['create_ancestors'], 'data.create_ancestors', false);

  const schema = 'pool_dataset_create';
  const errors: ValidationTriple[] = [];
  if (!name.includes('/')) errors.push([`${schema}.name`, 'You need a full name, e.g. pool/newdataset', 22]);
  else if (!DATASET_NAME.test(name)) errors.push([`${schema}.name`, 'Invalid dataset name', 22]);
  else if (name.endsWith(' '))
    errors.push([`${schema}.name`, 'Trailing spaces are not permitted in dataset names', 22]);
  if (errors.length > 0) throw new ValidationErrors(errors);

  const parentName = name.slice(0, name.lastIndexOf('/'));
  const parent = state.datasets.find((d) => d.name === parentName);
  if (!parent) {
    const where = parentName.includes('/')
      ? `Parent dataset (${parentName}) does not exist.`
      : `zpool (${parentName}) does not exist.`;
    throw ValidationErrors.one(`${schema}.name`, where);
  }
  if (type === 'VOLUME' && volsize === undefined)
    errors.push([`${schema}.volsize`, 'This field is required for VOLUME', 22]);
  if (type === 'FILESYSTEM' && volsize !== undefined)
    errors.push([`${schema}.volsize`, 'This field is not valid for FILESYSTEM', 22]);
  if (parent.type === 'VOLUME')
    errors.push([`${schema}.name`, `${parent.name}: parent may not be a ZFS volume`, 22]);
  if (state.datasets.some((d) => d.name === name))
    errors.push([`${schema}.name`, `Path /mnt/${name} already exists`, 22]);
  if (parent.locked) errors.push([`${schema}.name`, `${parentName} must be unlocked to create ${name}.`, 22]);
  if (errors.length > 0) throw new ValidationErrors(errors);

  const available = (parent['available'] as { parsed: number }).parsed;
  const entry = datasetEntry(
    {
      name,
      type,
      used: type === 'VOLUME' ? Number(volsize) : 98_304,
      available,
      ...(compression ? { compression } : {}),
      ...(typeof quota === 'number' && quota > 0 ? { quota } : {}),
      ...(comments !== undefined ? { comments } : {}),
      ...(type === 'VOLUME' ? { volsize: Number(volsize) } : {}),
    },
    Date.now(),
  );
  if (comments !== undefined) entry['comments'] = stringProp(comments, 'LOCAL');
  if (type === 'FILESYSTEM') entry['usedbysnapshots'] = sizeProp(0);
  state.datasets.push(entry);
  state.datasets.sort((a, b) => a.name.localeCompare(b.name));
  return view(state, entry, { flat: true, retrieveChildren: true, properties: null, userProperties: true });
}

export const STORAGE_METHODS: MethodTable = {
  'pool.query': {
    run: ({ state }, params) => {
      const { filters, options } = queryArgs(params);
      return filterList(state.pools as unknown as Entry[], filters, options);
    },
  },
  'pool.dataset.query': { run: ({ state }, params) => queryDatasets(state, params) },
  'pool.dataset.create': { run: ({ state }, params) => createDataset(state, params) },
};
