import type { EjsonDate, ZfsProperty } from '../ejson.js';

/** Entry shapes as the 25.04/25.10 API returns them (`api/v25_10_0/*.py`), kept as the simulator's state. */

export interface Vdev {
  name: string;
  type: 'MIRROR' | 'RAIDZ1' | 'RAIDZ2' | 'STRIPE' | 'DISK';
  path: string | null;
  guid: string;
  status: 'ONLINE' | 'DEGRADED' | 'FAULTED' | 'OFFLINE' | 'UNAVAIL' | 'REMOVED';
  stats: {
    read_errors: number;
    write_errors: number;
    checksum_errors: number;
    size: number;
    allocated: number;
  };
  children: Vdev[];
  disk?: string;
  unavail_disk: null;
}

export interface PoolEntry {
  id: number;
  name: string;
  guid: string;
  path: string;
  status: 'ONLINE' | 'DEGRADED' | 'FAULTED' | 'OFFLINE' | 'UNAVAIL' | 'REMOVED';
  scan: {
    function: 'SCRUB' | 'RESILVER' | null;
    state: 'SCANNING' | 'FINISHED' | 'CANCELED' | null;
    start_time: EjsonDate | null;
    end_time: EjsonDate | null;
    percentage: number | null;
    bytes_to_process: number | null;
    bytes_processed: number | null;
    bytes_issued: number | null;
    pause: EjsonDate | null;
    errors: number | null;
    total_secs_left: number | null;
  };
  expand: null;
  is_upgraded: boolean;
  healthy: boolean;
  warning: boolean;
  status_code: string;
  status_detail: string | null;
  size: number;
  allocated: number;
  free: number;
  freeing: number;
  dedup_table_size: number;
  dedup_table_quota: string;
  fragmentation: string;
  size_str: string;
  allocated_str: string;
  free_str: string;
  freeing_str: string;
  autotrim: ZfsProperty;
  topology: { data: Vdev[]; log: Vdev[]; cache: Vdev[]; spare: Vdev[]; special: Vdev[]; dedup: Vdev[] };
}

export interface DatasetEntry {
  id: string;
  type: 'FILESYSTEM' | 'VOLUME';
  name: string;
  pool: string;
  encrypted: boolean;
  encryption_root: string | null;
  key_loaded: boolean;
  children: DatasetEntry[];
  user_properties: Record<string, unknown>;
  locked: boolean;
  mountpoint: string | null;
  [property: string]: unknown;
}

export interface SnapshotEntry {
  id: string;
  name: string;
  pool: string;
  type: 'SNAPSHOT';
  snapshot_name: string;
  dataset: string;
  createtxg: string;
  properties: Record<string, ZfsProperty>;
}

export type AlertLevel = 'INFO' | 'NOTICE' | 'WARNING' | 'ERROR' | 'CRITICAL' | 'ALERT' | 'EMERGENCY';

export interface AlertEntry {
  uuid: string;
  source: string;
  klass: string;
  args: unknown;
  node: string;
  key: string;
  datetime: EjsonDate;
  last_occurrence: EjsonDate;
  dismissed: boolean;
  mail: null;
  text: string;
  id: string;
  level: AlertLevel;
  formatted: string | null;
  one_shot: boolean;
}

export type AppState = 'CRASHED' | 'DEPLOYING' | 'RUNNING' | 'STOPPED' | 'STOPPING';

export interface AppEntry {
  name: string;
  id: string;
  state: AppState;
  upgrade_available: boolean;
  latest_version: string;
  image_updates_available: boolean;
  custom_app: boolean;
  migrated: boolean;
  human_version: string;
  version: string;
  metadata: Record<string, unknown>;
  active_workloads: {
    containers: number;
    used_ports: {
      container_port: number;
      protocol: string;
      host_ports: { host_port: number; host_ip: string }[];
    }[];
    container_details: { id: string; service_name: string; image: string; state: string }[];
    volumes: { source: string; destination: string; mode: string; type: string }[];
    images: string[];
    networks: { Name: string; Id: string }[];
  };
  notes: string | null;
  portals: Record<string, string>;
}

export interface DiskEntry {
  identifier: string;
  name: string;
  subsystem: string;
  number: number;
  serial: string;
  lunid: string | null;
  size: number;
  description: string;
  transfermode: string;
  hddstandby: string;
  advpowermgmt: string;
  togglesmart: boolean;
  smartoptions: string;
  expiretime: null;
  model: string;
  rotationrate: number | null;
  type: 'HDD' | 'SSD';
  zfs_guid: string | null;
  bus: string;
  devname: string;
  enclosure: null;
  supports_smart: boolean | null;
  pool: string | null;
}

export interface ServiceEntry {
  id: number;
  service: string;
  enable: boolean;
  state: 'RUNNING' | 'STOPPED';
  pids: number[];
}

export type ShareEntry = Record<string, unknown> & { id: number; path: string; enabled: boolean };
