import { JobManager } from '../jobs.js';
import { seedAlerts, seedApps, seedNfsShares, seedServices, seedSmbShares } from './seed-misc.js';
import { seedDatasets, seedSnapshots } from './seed-datasets.js';
import { seedDisks, seedPools } from './seed-pools.js';
import type {
  AlertEntry,
  AppEntry,
  DatasetEntry,
  DiskEntry,
  PoolEntry,
  ServiceEntry,
  ShareEntry,
  SnapshotEntry,
} from './types.js';

export interface ApiVersion {
  readonly major: number;
  readonly minor: number;
  /** `25.10.0`: what `system.version_short` answers. */
  readonly full: string;
}

export function parseVersion(text: string): ApiVersion {
  const match = /^(\d{2})\.(\d{2})(?:\.(\d+))?$/.exec(text.trim());
  if (!match) throw new Error(`TrueNAS version must look like 25.04 or 25.10.1 (got "${text}")`);
  const [, major = '0', minor = '0', patch = '0'] = match;
  return { major: Number(major), minor: Number(minor), full: `${major}.${minor}.${patch}` };
}

export type Listener = (
  collection: string,
  msg: 'added' | 'changed' | 'removed',
  id: unknown,
  fields?: unknown,
) => void;

export interface StateOptions {
  readonly version: ApiVersion;
  readonly apiKey: string;
  readonly username: string;
  readonly jobStepMs: number;
}

/** Everything one simulated TrueNAS holds; sessions read and change it through the method handlers. */
export class TrueNasState {
  readonly bootedAt = Date.now() - (3 * 86_400 + 4 * 3_600 + 5 * 60) * 1000;
  readonly pools: PoolEntry[];
  readonly datasets: DatasetEntry[];
  readonly snapshots: SnapshotEntry[];
  readonly alerts: AlertEntry[];
  readonly apps: AppEntry[];
  readonly smbShares: ShareEntry[];
  readonly nfsShares: ShareEntry[];
  readonly disks: DiskEntry[];
  readonly services: ServiceEntry[];
  readonly jobs: JobManager;
  /** Test hook: how often each method was called, to check which names a client used. */
  readonly methodCalls = new Map<string, number>();
  /** Set once the key was used over an insecure transport (`api_key.revoke`). */
  keyRevoked = false;
  private nextTxg = 1_220_000;
  private readonly listeners = new Set<Listener>();

  constructor(readonly options: StateOptions) {
    const now = Date.now();
    this.pools = seedPools(now);
    this.datasets = seedDatasets(now);
    this.snapshots = seedSnapshots(now);
    this.alerts = seedAlerts(now);
    this.apps = seedApps();
    this.smbShares = seedSmbShares(this.atLeast(25, 10));
    this.nfsShares = seedNfsShares();
    this.disks = seedDisks();
    this.services = seedServices();
    this.jobs = new JobManager((...args) => this.emit(...args), options.jobStepMs, options.username);
  }

  get version(): ApiVersion {
    return this.options.version;
  }

  atLeast(major: number, minor: number): boolean {
    const v = this.options.version;
    return v.major > major || (v.major === major && v.minor >= minor);
  }

  txg(): string {
    this.nextTxg += 17;
    return String(this.nextTxg);
  }

  onEvent(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(...args: Parameters<Listener>): void {
    for (const listener of this.listeners) listener(...args);
  }
}
