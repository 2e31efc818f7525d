import { CallError, ERRNO, ValidationErrors, instanceNotFound } from '../errors.js';
import { filterList } from '../filters.js';
import { snapshotEntry } from '../state/seed-datasets.js';
import type { TrueNasState } from '../state/store.js';
import type { SnapshotEntry } from '../state/types.js';
import { boolField, objectArg, positional, queryArgs, stringField } from './params.js';
import type { MethodDef, MethodTable } from './types.js';

const SNAPSHOT_NAME = /^[A-Za-z0-9_.:-]+$/;

function ordered(state: TrueNasState): SnapshotEntry[] {
  return [...state.snapshots].sort(
    (a, b) => a.dataset.localeCompare(b.dataset) || Number(a.createtxg) - Number(b.createtxg),
  );
}

/** `zfs.snapshot.query` (`plugins/zfs_/snapshot.py`): `extra.properties`, `holds`, `retention`, txg bounds. */
function query(state: TrueNasState, params: readonly unknown[]): unknown {
  const { filters, options } = queryArgs(params);
  const extra = options.extra ?? {};
  if (extra['retention'] === true) {
    const hasId = filters.some((f) => Array.isArray(f) && f[0] === 'id');
    if (!hasId && !options.limit) {
      throw new CallError('`id` or `limit` is required if `retention` is requested', ERRNO.EINVAL);
    }
  }
  const props = extra['properties'];
  const wanted = Array.isArray(props) ? props.filter((p): p is string => typeof p === 'string') : null;
  const minTxg = typeof extra['min_txg'] === 'number' ? extra['min_txg'] : 0;
  const maxTxg = typeof extra['max_txg'] === 'number' ? extra['max_txg'] : 0;
  const rows = ordered(state)
    .filter((s) => Number(s.createtxg) >= minTxg && (maxTxg === 0 || Number(s.createtxg) <= maxTxg))
    .map((s) => {
      const row: Record<string, unknown> = { ...s };
      if (wanted !== null) {
        row['properties'] = Object.fromEntries(
          Object.entries(s.properties).filter(([k]) => wanted.includes(k)),
        );
      }
      if (extra['holds'] === true) row['holds'] = {};
      if (extra['retention'] === true) row['retention'] = null;
      return row;
    });
  return filterList(rows, filters, options);
}

function strftime(schema: string, at: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const map: Record<string, string> = {
    Y: String(at.getUTCFullYear()),
    m: p(at.getUTCMonth() + 1),
    d: p(at.getUTCDate()),
    H: p(at.getUTCHours()),
    M: p(at.getUTCMinutes()),
    S: p(at.getUTCSeconds()),
    z: '+0000',
    s: String(Math.floor(at.getTime() / 1000)),
  };
  return schema.replace(/%([A-Za-z%])/g, (_, c: string) => (c === '%' ? '%' : (map[c] ?? `%${c}`)));
}

function create(state: TrueNasState, params: readonly unknown[]): SnapshotEntry {
  positional(params, ['data']);
  const data = objectArg(params[0], 'data', [
    'dataset',
    'name',
    'naming_schema',
    'recursive',
    'exclude',
    'vmware_sync',
    'properties',
    'suspend_vms',
  ]);
  const dataset = stringField(data['dataset'], 'data.dataset', { nonEmpty: true });
  const recursive = boolField(data['recursive'], 'data.recursive', false);
  let name: string | undefined;
  if (data['name'] !== undefined && data['naming_schema'] !== undefined) {
    throw ValidationErrors.one(
      'snapshot_create.naming_schema',
      "You can't specify name and naming schema at the same time",
    );
  } else if (data['name'] !== undefined) {
    name = stringField(data['name'], 'data.name', { nonEmpty: true });
  } else if (data['naming_schema'] !== undefined) {
    const schema = stringField(data['naming_schema'], 'data.naming_schema', { nonEmpty: true });
    if (!['%Y', '%m', '%d', '%H', '%M'].every((t) => schema.includes(t))) {
      throw ValidationErrors.one('data.naming_schema', 'Value error, %Y, %m, %d, %H and %M are required');
    }
    name = strftime(schema, new Date());
  } else {
    throw ValidationErrors.one(
      'snapshot_create.naming_schema',
      'You must specify either name or naming schema',
    );
  }
  const id = `${dataset}@${name}`;
  if (!SNAPSHOT_NAME.test(name)) throw ValidationErrors.one('snapshot_create.name', 'Invalid snapshot name');
  const target = state.datasets.find((d) => d.name === dataset);
  if (!target)
    throw new CallError(`Failed to snapshot ${id}: cannot open '${dataset}': dataset does not exist`);
  if (state.snapshots.some((s) => s.id === id)) {
    throw new CallError(
      `Failed to snapshot ${id}: cannot create snapshot '${id}': dataset already exists`,
      ERRNO.EEXIST,
    );
  }
  const covered = state.datasets.filter(
    (d) => d.name === dataset || (recursive && d.name.startsWith(`${dataset}/`)),
  );
  const txg = state.txg();
  let created: SnapshotEntry | undefined;
  for (const ds of covered) {
    const referenced = (ds['referenced'] as { parsed: number } | undefined)?.parsed ?? 0;
    const snap = snapshotEntry(ds.name, name, Date.now(), Number(txg), 0, referenced);
    state.snapshots.push(snap);
    if (ds.name === dataset) created = snap;
    if (state.atLeast(25, 10)) state.emit('pool.snapshot.query', 'added', snap.id, snap);
  }
  if (!created) throw new CallError(`Failed to snapshot ${id}`);
  return created;
}

function remove(state: TrueNasState, params: readonly unknown[]): true {
  positional(params, ['id', 'options']);
  const id = stringField(params[0], 'id');
  const options = params[1] === undefined ? {} : objectArg(params[1], 'options', ['defer', 'recursive']);
  const recursive = boolField(options['recursive'], 'options.recursive', false);
  boolField(options['defer'], 'options.defer', false);
  const target = state.snapshots.find((s) => s.id === id);
  if (!target) throw instanceNotFound(`cannot open '${id}': dataset does not exist`);
  const doomed = state.snapshots.filter(
    (s) =>
      s.id === id ||
      (recursive && s.snapshot_name === target.snapshot_name && s.dataset.startsWith(`${target.dataset}/`)),
  );
  for (const snap of doomed) {
    state.snapshots.splice(state.snapshots.indexOf(snap), 1);
    if (state.atLeast(25, 10)) state.emit('pool.snapshot.query', 'removed', snap.id);
  }
  return true;
}

/** `zfs rollback` refuses to skip newer snapshots unless `-r` (recursive) destroys them. */
function rollback(state: TrueNasState, params: readonly unknown[]): null {
  positional(params, ['id', 'options']);
  const id = stringField(params[0], 'id');
  const options =
    params[1] === undefined
      ? {}
      : objectArg(params[1], 'options', ['recursive', 'recursive_clones', 'force', 'recursive_rollback']);
  const destroyNewer =
    boolField(options['recursive'], 'options.recursive', false) ||
    boolField(options['recursive_clones'], 'options.recursive_clones', false);
  boolField(options['force'], 'options.force', false);
  boolField(options['recursive_rollback'], 'options.recursive_rollback', false);
  const target = state.snapshots.find((s) => s.id === id);
  if (!target)
    throw new CallError(`Failed to rollback snapshot: cannot open '${id}': dataset does not exist`);
  const newer = state.snapshots.filter(
    (s) => s.dataset === target.dataset && Number(s.createtxg) > Number(target.createtxg),
  );
  if (newer.length > 0 && !destroyNewer) {
    throw new CallError(
      `Failed to rollback snapshot: cannot rollback to '${id}': more recent snapshots or bookmarks exist\n` +
        `use '-r' to force deletion of the following snapshots and bookmarks:\n${newer.map((s) => s.id).join('\n')}`,
    );
  }
  for (const snap of newer) state.snapshots.splice(state.snapshots.indexOf(snap), 1);
  return null;
}

function table(prefix: string, since?: readonly [number, number]): MethodTable {
  const def = (run: MethodDef['run']): MethodDef => (since ? { since, run } : { run });
  return {
    [`${prefix}.query`]: def(({ state }, params) => query(state, params)),
    [`${prefix}.create`]: def(({ state }, params) => create(state, params)),
    [`${prefix}.delete`]: def(({ state }, params) => remove(state, params)),
    [`${prefix}.rollback`]: def(({ state }, params) => rollback(state, params)),
  };
}

/**
 * Snapshots: public `zfs.snapshot.*` up to 25.04; 25.10 adds public `pool.snapshot.*` and makes
 * `zfs.snapshot.*` private (still callable over the socket, with a warning in the middleware log).
 */
export const SNAPSHOT_METHODS: MethodTable = {
  ...table('zfs.snapshot'),
  ...table('pool.snapshot', [25, 10]),
};
