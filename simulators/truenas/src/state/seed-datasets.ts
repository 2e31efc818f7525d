import { dateProp, sizeProp, stringProp } from '../ejson.js';
import type { DatasetEntry, SnapshotEntry } from './types.js';

/** The demo datasets (a zvol, an encrypted locked one) and their daily, weekly and manual snapshots. */

const GIB = 1024 ** 3;
const DAY = 86_400_000;

interface DatasetSpec {
  readonly name: string;
  readonly used: number;
  readonly available: number;
  readonly type?: 'FILESYSTEM' | 'VOLUME';
  readonly compression?: string;
  readonly quota?: number;
  readonly encrypted?: boolean;
  readonly locked?: boolean;
  readonly comments?: string;
  readonly volsize?: number;
}

/** A dataset entry with the properties a real query returns by default (subset). */
export function datasetEntry(spec: DatasetSpec, created: number): DatasetEntry {
  const [poolName = spec.name] = spec.name.split('/');
  const isRoot = !spec.name.includes('/');
  const type = spec.type ?? 'FILESYSTEM';
  const inherited = (value: string) =>
    isRoot ? stringProp(value, 'DEFAULT') : stringProp(value, 'INHERITED', poolName);
  const entry: DatasetEntry = {
    id: spec.name,
    type,
    name: spec.name,
    pool: poolName,
    encrypted: spec.encrypted ?? false,
    encryption_root: spec.encrypted ? spec.name : null,
    key_loaded: spec.encrypted ? !spec.locked : false,
    children: [],
    user_properties: {},
    locked: spec.locked ?? false,
    mountpoint: type === 'VOLUME' || spec.locked ? null : `/mnt/${spec.name}`,
    used: sizeProp(spec.used),
    available: sizeProp(spec.available),
    usedbysnapshots: sizeProp(Math.round(spec.used * 0.04)),
    referenced: sizeProp(Math.round(spec.used * 0.9)),
    quota: sizeProp(spec.quota ?? 0, spec.quota ? 'LOCAL' : 'DEFAULT'),
    refquota: sizeProp(0, 'DEFAULT'),
    reservation: sizeProp(0, 'DEFAULT'),
    compression: spec.compression ? stringProp(spec.compression, 'LOCAL') : inherited('LZ4'),
    compressratio: stringProp('1.12', 'NONE'),
    atime: inherited('OFF'),
    deduplication: inherited('OFF'),
    readonly: inherited('OFF'),
    sync: inherited('STANDARD'),
    snapdir: inherited('HIDDEN'),
    copies: inherited('1'),
    checksum: inherited('ON'),
    creation: dateProp(created),
    origin: stringProp('', 'NONE'),
  };
  if (type === 'VOLUME') {
    entry['volsize'] = sizeProp(spec.volsize ?? spec.used, 'LOCAL');
    entry['volblocksize'] = stringProp('16K', 'DEFAULT');
  } else {
    entry['recordsize'] = inherited('128K');
    entry['casesensitivity'] = stringProp('SENSITIVE', 'NONE');
    entry['acltype'] = inherited('POSIX');
    entry['aclmode'] = inherited('DISCARD');
  }
  if (spec.comments !== undefined) entry['comments'] = stringProp(spec.comments, 'LOCAL');
  return entry;
}

export function seedDatasets(now: number): DatasetEntry[] {
  const tankFree = 2_879_002_477_773;
  const backupFree = 4_628_000_000_000;
  const specs: DatasetSpec[] = [
    { name: 'tank', used: 13_115_455_732_531, available: tankFree },
    {
      name: 'tank/media',
      used: 9_870_000_000_000,
      available: tankFree,
      comments: 'Movies, music and photos',
    },
    { name: 'tank/media/movies', used: 7_420_000_000_000, available: tankFree, compression: 'OFF' },
    { name: 'tank/media/music', used: 612_000_000_000, available: tankFree },
    { name: 'tank/media/photos', used: 1_838_000_000_000, available: tankFree },
    {
      name: 'tank/documents',
      used: 184_500_000_000,
      available: tankFree,
      compression: 'ZSTD',
      comments: 'Family documents (SMB)',
    },
    { name: 'tank/backups', used: 2_950_000_000_000, available: 537_000_000_000, quota: 3.5 * 1024 ** 4 },
    { name: 'tank/vm-win11', used: 70_000_000_000, available: tankFree, type: 'VOLUME', volsize: 64 * GIB },
    { name: 'backup', used: 5_036_450_394_931, available: backupFree },
    { name: 'backup/tank-replica', used: 4_900_000_000_000, available: backupFree },
    { name: 'backup/tank-replica/documents', used: 190_000_000_000, available: backupFree },
    { name: 'backup/secure', used: 120_000_000_000, available: backupFree, encrypted: true, locked: true },
  ];
  return specs.map((spec, i) => datasetEntry(spec, now - (400 - i * 10) * DAY));
}

export function snapshotEntry(
  dataset: string,
  name: string,
  created: number,
  txg: number,
  used: number,
  referenced: number,
): SnapshotEntry {
  const [poolName = dataset] = dataset.split('/');
  return {
    id: `${dataset}@${name}`,
    name: `${dataset}@${name}`,
    pool: poolName,
    type: 'SNAPSHOT',
    snapshot_name: name,
    dataset,
    createtxg: String(txg),
    properties: {
      creation: dateProp(created),
      used: sizeProp(used),
      referenced: sizeProp(referenced),
      written: sizeProp(used),
      userrefs: { parsed: 0, rawvalue: '0', value: '0', source: 'NONE', source_info: null },
    },
  };
}

function autoName(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `auto-${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())}_00-00`;
}

export function seedSnapshots(now: number): SnapshotEntry[] {
  const midnight = Math.floor(now / DAY) * DAY;
  const out: SnapshotEntry[] = [];
  let txg = 1_204_000;
  for (let day = 7; day >= 1; day--) {
    const at = midnight - (day - 1) * DAY;
    txg += 1_700;
    out.push(
      snapshotEntry('tank/documents', autoName(at), at, txg, 180_000_000 + day * 7_000_000, 182_000_000_000),
    );
  }
  out.push(
    snapshotEntry(
      'tank/media',
      'manual-before-cleanup',
      midnight - 30 * DAY,
      1_150_210,
      48_300_000_000,
      9_820_000_000_000,
    ),
  );
  out.push(
    snapshotEntry(
      'tank/media/movies',
      'manual-before-cleanup',
      midnight - 30 * DAY,
      1_150_210,
      41_000_000_000,
      7_400_000_000_000,
    ),
  );
  for (let week = 3; week >= 1; week--) {
    const at = midnight - week * 7 * DAY;
    out.push(
      snapshotEntry(
        'backup/tank-replica/documents',
        autoName(at),
        at,
        880_000 + (4 - week) * 9_000,
        610_000_000,
        188_000_000_000,
      ),
    );
  }
  return out.sort((a, b) => Number(a.createtxg) - Number(b.createtxg));
}
