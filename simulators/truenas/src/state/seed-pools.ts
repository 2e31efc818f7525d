import { ejsonDate, stringProp } from '../ejson.js';
import type { DiskEntry, PoolEntry, Vdev } from './types.js';

/** The demo system's disks and pools: `tank` (two mirrors, 82 % full) and `backup` (RAIDZ1, DEGRADED). */

const TB8 = 8_001_563_222_016;
const TB4 = 4_000_787_030_016;
const GB500 = 500_107_862_016;
const DAY = 86_400_000;

function guid(seed: number): string {
  return String(10_000_000_000_000_000n + BigInt(seed) * 7_919_000_003n);
}

interface DiskSpec {
  readonly name: string;
  readonly size: number;
  readonly model: string;
  readonly serial: string;
  readonly type: 'HDD' | 'SSD';
  readonly pool: string | null;
  readonly rpm: number | null;
}

const DISKS: readonly DiskSpec[] = [
  {
    name: 'sda',
    size: TB8,
    model: 'WDC WD80EFZZ-68BTXN0',
    serial: 'WD-CA1K0001',
    type: 'HDD',
    pool: 'tank',
    rpm: 5400,
  },
  {
    name: 'sdb',
    size: TB8,
    model: 'WDC WD80EFZZ-68BTXN0',
    serial: 'WD-CA1K0002',
    type: 'HDD',
    pool: 'tank',
    rpm: 5400,
  },
  {
    name: 'sdc',
    size: TB8,
    model: 'ST8000VN004-3CP101',
    serial: 'ZR1ABC03',
    type: 'HDD',
    pool: 'tank',
    rpm: 7200,
  },
  {
    name: 'sdd',
    size: TB8,
    model: 'ST8000VN004-3CP101',
    serial: 'ZR1ABC04',
    type: 'HDD',
    pool: 'tank',
    rpm: 7200,
  },
  {
    name: 'sde',
    size: TB4,
    model: 'WDC WD40EFPX-68C6CN0',
    serial: 'WD-WX12D4005',
    type: 'HDD',
    pool: 'backup',
    rpm: 5400,
  },
  {
    name: 'sdf',
    size: TB4,
    model: 'WDC WD40EFPX-68C6CN0',
    serial: 'WD-WX12D4006',
    type: 'HDD',
    pool: 'backup',
    rpm: 5400,
  },
  {
    name: 'sdg',
    size: TB4,
    model: 'WDC WD40EFPX-68C6CN0',
    serial: 'WD-WX12D4007',
    type: 'HDD',
    pool: 'backup',
    rpm: 5400,
  },
  {
    name: 'nvme0n1',
    size: GB500,
    model: 'Samsung SSD 980 500GB',
    serial: 'S64DNX0T100008',
    type: 'SSD',
    pool: 'boot-pool',
    rpm: null,
  },
];

export const DISK_TEMPERATURES: Readonly<Record<string, number>> = {
  sda: 34,
  sdb: 35,
  sdc: 38,
  sdd: 37,
  sde: 31,
  sdf: 32,
  sdg: 41,
  nvme0n1: 44,
};

export function seedDisks(): DiskEntry[] {
  return DISKS.map((d, i) => ({
    identifier: `{serial_lunid}${d.serial}_5000c500${(0xa1b2c3 + i).toString(16)}`,
    name: d.name,
    subsystem: d.name.startsWith('nvme') ? 'nvme' : 'scsi',
    number: 2048 + i * 16,
    serial: d.serial,
    lunid: d.name.startsWith('nvme') ? null : `5000c500${(0xa1b2c3 + i).toString(16)}`,
    size: d.size,
    description: '',
    transfermode: 'Auto',
    hddstandby: 'ALWAYS ON',
    advpowermgmt: 'DISABLED',
    togglesmart: true,
    smartoptions: '',
    expiretime: null,
    model: d.model,
    rotationrate: d.rpm,
    type: d.type,
    zfs_guid: d.pool === 'boot-pool' ? null : guid(100 + i),
    bus: d.name.startsWith('nvme') ? 'NVME' : 'ATA',
    devname: d.name,
    enclosure: null,
    supports_smart: true,
    pool: d.pool,
  }));
}

function leaf(
  disk: string,
  size: number,
  seed: number,
  status: Vdev['status'] = 'ONLINE',
  checksum = 0,
): Vdev {
  return {
    name: disk === 'sdg' ? guid(seed) : `${disk}1`,
    type: 'DISK',
    path: `/dev/disk/by-partuuid/${seed.toString(16).padStart(8, '0')}-1b2c-4d5e-8f90-a1b2c3d4e5f6`,
    guid: guid(seed),
    status,
    stats: {
      read_errors: status === 'FAULTED' ? 3 : 0,
      write_errors: status === 'FAULTED' ? 48 : 0,
      checksum_errors: checksum,
      size,
      allocated: 0,
    },
    children: [],
    disk,
    unavail_disk: null,
  };
}

function group(
  type: Vdev['type'],
  name: string,
  seed: number,
  children: Vdev[],
  status: Vdev['status'] = 'ONLINE',
): Vdev {
  const size = children.reduce((sum, c) => sum + c.stats.size, 0);
  return {
    name,
    type,
    path: null,
    guid: guid(seed),
    status,
    stats: { read_errors: 0, write_errors: 0, checksum_errors: 0, size, allocated: 0 },
    children,
    unavail_disk: null,
  };
}

function pool(
  id: number,
  name: string,
  size: number,
  allocated: number,
  data: Vdev[],
  now: number,
  degraded: boolean,
): PoolEntry {
  const free = size - allocated;
  return {
    id,
    name,
    guid: guid(id),
    path: `/mnt/${name}`,
    status: degraded ? 'DEGRADED' : 'ONLINE',
    scan: {
      function: 'SCRUB',
      state: 'FINISHED',
      start_time: ejsonDate(now - 5 * DAY),
      end_time: ejsonDate(now - 5 * DAY + 6 * 3_600_000),
      percentage: 99.99,
      bytes_to_process: allocated,
      bytes_processed: allocated,
      bytes_issued: allocated,
      pause: null,
      errors: 0,
      total_secs_left: null,
    },
    expand: null,
    is_upgraded: true,
    healthy: !degraded,
    warning: false,
    status_code: degraded ? 'FAULTED_DEV_R' : 'OK',
    status_detail: degraded
      ? 'One or more devices are faulted in response to persistent errors. Sufficient replicas exist for the pool to continue functioning in a degraded state.'
      : null,
    size,
    allocated,
    free,
    freeing: 0,
    dedup_table_size: 0,
    dedup_table_quota: 'auto',
    fragmentation: degraded ? '3' : '11',
    size_str: String(size),
    allocated_str: String(allocated),
    free_str: String(free),
    freeing_str: '0',
    autotrim: stringProp('off', 'DEFAULT'),
    topology: { data, log: [], cache: [], spare: [], special: [], dedup: [] },
  };
}

export function seedPools(now: number): PoolEntry[] {
  const tank = pool(
    1,
    'tank',
    15_994_458_210_304,
    13_115_455_732_531,
    [
      group('MIRROR', 'mirror-0', 11, [leaf('sda', TB8, 21), leaf('sdb', TB8, 22)]),
      group('MIRROR', 'mirror-1', 12, [leaf('sdc', TB8, 23), leaf('sdd', TB8, 24)]),
    ],
    now,
    false,
  );
  const backup = pool(
    2,
    'backup',
    11_991_548_559_360,
    5_036_450_394_931,
    [
      group(
        'RAIDZ1',
        'raidz1-0',
        13,
        [leaf('sde', TB4, 25), leaf('sdf', TB4, 26), leaf('sdg', TB4, 27, 'FAULTED', 12)],
        'DEGRADED',
      ),
    ],
    now,
    true,
  );
  return [tank, backup];
}
