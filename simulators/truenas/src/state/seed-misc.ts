import { ejsonDate } from '../ejson.js';
import type { AlertEntry, AppEntry, ServiceEntry, ShareEntry } from './types.js';

const HOUR = 3_600_000;

function alert(
  uuid: string,
  klass: string,
  level: AlertEntry['level'],
  text: string,
  args: Record<string, unknown> | null,
  at: number,
  options: { dismissed?: boolean; oneShot?: boolean } = {},
): AlertEntry {
  // Python %-formatting of the alert class's template, as `Alert.formatted` is produced.
  const formatted = text
    .replace(/%\((\w+)\)[sd]/g, (_, key: string) => {
      const value = args?.[key];
      return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
    })
    .replace(/%%/g, '%');
  return {
    uuid,
    source: '',
    klass,
    args,
    node: 'Controller A',
    key: JSON.stringify(args),
    datetime: ejsonDate(at),
    last_occurrence: ejsonDate(at),
    dismissed: options.dismissed ?? false,
    mail: null,
    text,
    id: uuid,
    level,
    formatted,
    one_shot: options.oneShot ?? false,
  };
}

export function seedAlerts(now: number): AlertEntry[] {
  return [
    alert(
      '8c3e5a1d-4f2b-4e8a-9d61-2b7f0c9e1a01',
      'VolumeStatus',
      'CRITICAL',
      'Pool %(volume)s state is %(state)s: %(status)s%(devices)s',
      {
        volume: 'backup',
        state: 'DEGRADED',
        status:
          'One or more devices are faulted in response to persistent errors. Sufficient replicas exist for the pool to continue functioning in a degraded state.',
        devices:
          '<br>The following devices are not healthy:<ul><li>Disk WDC WD40EFPX-68C6CN0 WD-WX12D4007 is FAULTED</li></ul>',
      },
      now - 20 * HOUR,
    ),
    alert(
      '8c3e5a1d-4f2b-4e8a-9d61-2b7f0c9e1a02',
      'ZpoolCapacityWarning',
      'WARNING',
      'Space usage for pool "%(volume)s" is %(capacity)d%%. Optimal pool performance requires used space remain below 80%%.',
      { volume: 'tank', capacity: 82 },
      now - 3 * 24 * HOUR,
    ),
    alert(
      '8c3e5a1d-4f2b-4e8a-9d61-2b7f0c9e1a03',
      'SMARTTestFailed',
      'ERROR',
      'S.M.A.R.T. test failed on disk %(disk)s: %(message)s',
      { disk: 'sdg', message: 'Completed: read failure (90% remaining) at LBA 1953525160' },
      now - 21 * HOUR,
    ),
    alert(
      '8c3e5a1d-4f2b-4e8a-9d61-2b7f0c9e1a04',
      'HasUpdate',
      'INFO',
      'A system update is available. Go to System Settings → Update to download and apply the update.',
      null,
      now - 2 * 24 * HOUR,
    ),
    alert(
      '8c3e5a1d-4f2b-4e8a-9d61-2b7f0c9e1a05',
      'AppUpdate',
      'INFO',
      'An update is available for "%(name)s" application.',
      { name: 'plex' },
      now - 26 * HOUR,
      { dismissed: true, oneShot: true },
    ),
  ];
}

function app(
  name: string,
  title: string,
  state: AppEntry['state'],
  version: string,
  appVersion: string,
  ports: number[],
  images: string[],
  upgrade = false,
): AppEntry {
  const running = state === 'RUNNING';
  return {
    name,
    id: name,
    state,
    upgrade_available: upgrade,
    latest_version: upgrade ? version.replace(/\d+$/, (n) => String(Number(n) + 1)) : version,
    image_updates_available: false,
    custom_app: false,
    migrated: false,
    human_version: `${appVersion}_${version}`,
    version,
    metadata: { name, title, train: 'stable', app_version: appVersion, categories: ['media'] },
    active_workloads: {
      containers: running ? images.length : 0,
      used_ports: running
        ? ports.map((p) => ({
            container_port: p,
            protocol: 'tcp',
            host_ports: [{ host_port: p, host_ip: '0.0.0.0' }],
          }))
        : [],
      container_details: running
        ? images.map((image, i) => ({ id: `${name}-${i}`, service_name: name, image, state: 'running' }))
        : [],
      volumes: [],
      images: running ? images : [],
      networks: [],
    },
    notes: null,
    portals: ports[0] !== undefined ? { 'Web UI': `http://0.0.0.0:${ports[0]}/` } : {},
  };
}

export function seedApps(): AppEntry[] {
  return [
    app(
      'plex',
      'Plex',
      'RUNNING',
      '1.1.12',
      '1.41.3.9314',
      [32400],
      ['plexinc/pms-docker:1.41.3.9314'],
      true,
    ),
    app(
      'nextcloud',
      'Nextcloud',
      'RUNNING',
      '1.6.5',
      '30.0.4',
      [30027],
      ['nextcloud:30.0.4', 'postgres:17.2', 'redis:7.4.1'],
    ),
    app(
      'immich',
      'Immich',
      'STOPPED',
      '1.7.2',
      'v1.123.0',
      [30041],
      ['ghcr.io/immich-app/immich-server:v1.123.0'],
    ),
    app('syncthing', 'Syncthing', 'CRASHED', '1.1.8', '1.28.1', [20910], ['syncthing/syncthing:1.28.1']),
  ];
}

/** Apps whose `compose up` fails in the simulator (their start job ends FAILED). */
export const FAILING_APPS: ReadonlySet<string> = new Set(['syncthing']);

/** SMB shares: 25.10 rewrote the schema (`purpose` + `options`, `readonly`, `access_based_share_enumeration`). */
export function seedSmbShares(newSchema: boolean): ShareEntry[] {
  const rows = [
    {
      id: 1,
      name: 'Documents',
      path: '/mnt/tank/documents',
      ro: false,
      comment: 'Family documents',
      purpose: 'DEFAULT_SHARE',
    },
    {
      id: 2,
      name: 'Media',
      path: '/mnt/tank/media',
      ro: true,
      comment: 'Read-only media library',
      purpose: 'DEFAULT_SHARE',
    },
    {
      id: 3,
      name: 'TimeMachine',
      path: '/mnt/tank/backups',
      ro: false,
      comment: 'Mac backups',
      purpose: 'ENHANCED_TIMEMACHINE',
    },
  ];
  return rows.map((r) =>
    newSchema
      ? {
          id: r.id,
          purpose: r.purpose === 'ENHANCED_TIMEMACHINE' ? 'TIMEMACHINE_SHARE' : r.purpose,
          name: r.name,
          path: r.path,
          enabled: true,
          comment: r.comment,
          readonly: r.ro,
          browsable: true,
          access_based_share_enumeration: false,
          locked: false,
          audit: { enable: false, watch_list: [], ignore_list: [] },
          options:
            r.purpose === 'ENHANCED_TIMEMACHINE'
              ? { timemachine_quota: 0, auto_snapshot: true, auto_dataset_creation: false, vss: true }
              : { aapl_name_mangling: false, hostsallow: [], hostsdeny: [], guestok: false, streams: true },
        }
      : {
          id: r.id,
          purpose: r.purpose,
          path: r.path,
          path_suffix: null,
          home: false,
          name: r.name,
          comment: r.comment,
          ro: r.ro,
          browsable: true,
          timemachine: r.purpose === 'ENHANCED_TIMEMACHINE',
          timemachine_quota: 0,
          recyclebin: false,
          guestok: false,
          abe: false,
          hostsallow: [],
          hostsdeny: [],
          aapl_name_mangling: false,
          acl: true,
          durablehandle: true,
          shadowcopy: true,
          streams: true,
          fsrvp: false,
          auxsmbconf: '',
          enabled: true,
          afp: false,
          audit: { enable: false, watch_list: [], ignore_list: [] },
          locked: false,
        },
  );
}

export function seedNfsShares(): ShareEntry[] {
  const base = {
    aliases: [],
    maproot_user: null,
    maproot_group: null,
    mapall_user: null,
    mapall_group: null,
    security: [],
    locked: false,
    expose_snapshots: false,
  };
  return [
    {
      ...base,
      id: 1,
      path: '/mnt/tank/media',
      comment: 'Media for the living-room player',
      networks: ['192.168.1.0/24'],
      hosts: [],
      ro: true,
      enabled: true,
    },
    {
      ...base,
      id: 2,
      path: '/mnt/backup/tank-replica',
      comment: 'Off-box restore',
      networks: [],
      hosts: ['10.0.0.20'],
      ro: false,
      enabled: false,
      maproot_user: 'root',
      maproot_group: 'wheel',
    },
  ];
}

export function seedServices(): ServiceEntry[] {
  const s = (id: number, service: string, running: boolean, enable: boolean): ServiceEntry => ({
    id,
    service,
    enable,
    state: running ? 'RUNNING' : 'STOPPED',
    pids: running ? [1200 + id * 7] : [],
  });
  return [
    s(1, 'cifs', true, true),
    s(2, 'ftp', false, false),
    s(3, 'iscsitarget', false, false),
    s(4, 'nfs', true, true),
    s(5, 'snmp', false, false),
    s(6, 'ssh', true, true),
    s(7, 'ups', false, false),
    s(8, 'nvmet', false, false),
  ];
}
