import { Type } from '@sinclair/typebox';
import { READ_ONLY, defineTool, jsonResult } from '@mcp-gateway/connector-kit';
import type { QueryFilter, TrueNasBackend } from '../backend.js';
import { compact, isoTime, sized } from '../format.js';

const Input = Type.Object(
  {
    name: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 100,
        pattern: '^[A-Za-z0-9_.:-]+$',
        description: 'Only this pool, e.g. "tank".',
      }),
    ),
    include_topology: Type.Optional(
      Type.Boolean({
        default: false,
        description:
          'Also list every vdev and disk with its state and error counters (default false: a summary).',
      }),
    ),
  },
  { additionalProperties: false },
);

interface Vdev {
  name: string;
  type: string;
  status: string;
  disk?: string | null;
  stats?: { read_errors?: number; write_errors?: number; checksum_errors?: number };
  children?: Vdev[];
}

interface Pool {
  name: string;
  status: string;
  healthy: boolean;
  warning?: boolean;
  status_detail?: string | null;
  size?: number;
  allocated?: number;
  free?: number;
  fragmentation?: string;
  scan?: {
    function?: string | null;
    state?: string | null;
    end_time?: unknown;
    start_time?: unknown;
    percentage?: number | null;
    errors?: number | null;
  } | null;
  topology?: Record<string, Vdev[]>;
}

function leaves(vdev: Vdev): Vdev[] {
  return vdev.children && vdev.children.length > 0 ? vdev.children.flatMap(leaves) : [vdev];
}

function errors(v: Vdev): Record<string, number> | undefined {
  const s = v.stats ?? {};
  const e = { read: s.read_errors ?? 0, write: s.write_errors ?? 0, checksum: s.checksum_errors ?? 0 };
  return e.read + e.write + e.checksum > 0 ? e : undefined;
}

function device(v: Vdev) {
  return compact({ disk: v.disk ?? v.name, status: v.status, errors: errors(v) });
}

function summarize(pool: Pool, topology: boolean) {
  const used =
    pool.size && pool.allocated !== undefined
      ? Math.round((pool.allocated / pool.size) * 1000) / 10
      : undefined;
  const groups = Object.entries(pool.topology ?? {}).flatMap(([role, vdevs]) =>
    vdevs.map((v) => ({ role, v })),
  );
  const unhealthy = groups.flatMap(({ v }) => leaves(v)).filter((d) => d.status !== 'ONLINE' || errors(d));
  const scan = pool.scan;
  return compact({
    name: pool.name,
    status: pool.status,
    healthy: pool.healthy,
    warning: pool.warning === true ? true : undefined,
    status_detail: pool.status_detail,
    ...sized('size', pool.size),
    ...sized('used', pool.allocated),
    ...sized('free', pool.free),
    used_percent: used,
    fragmentation_percent: pool.fragmentation !== undefined ? Number(pool.fragmentation) : undefined,
    last_scan: scan?.function
      ? compact({
          type: scan.function,
          state: scan.state,
          started_at: isoTime(scan.start_time),
          finished_at: isoTime(scan.end_time),
          percent: scan.state === 'SCANNING' ? scan.percentage : undefined,
          errors: scan.errors,
        })
      : undefined,
    vdevs: topology
      ? groups.map(({ role, v }) =>
          compact({ role, name: v.name, type: v.type, status: v.status, devices: leaves(v).map(device) }),
        )
      : undefined,
    vdev_count: topology ? undefined : groups.length,
    unhealthy_devices: unhealthy.length > 0 ? unhealthy.map(device) : undefined,
  });
}

export const listPools = defineTool<TrueNasBackend, typeof Input>({
  name: 'truenas_list_pools',
  title: 'TrueNAS: list storage pools and their health',
  description: [
    'Lists the ZFS storage pools with their health: status (ONLINE, DEGRADED, FAULTED…), healthy flag and the reason when not healthy, size/used/free (human-readable and in bytes), used percent, fragmentation, the last scrub or resilver, and any disk that is not ONLINE or has read/write/checksum errors.',
    'Use it for "is my storage OK", "how full is tank", "did the last scrub find errors".',
    'include_topology adds every vdev (mirror, raidz…) and disk.',
    'Example: {} or {"name": "tank", "include_topology": true}.',
  ].join(' '),
  input: Input,
  annotations: READ_ONLY,
  async run(args, { backend, signal }) {
    const filters: QueryFilter[] = args.name !== undefined ? [['name', '=', args.name]] : [];
    const pools = await backend.query<Pool[]>('pool.query', filters, { order_by: ['name'] }, signal);
    const result: Record<string, unknown> = {
      pools: pools.map((p) => summarize(p, args.include_topology === true)),
    };
    if (pools.length === 0) {
      result['hint'] =
        args.name !== undefined
          ? `No pool named "${args.name}"; call without name to see all.`
          : 'This system has no data pools.';
    }
    return jsonResult(result);
  },
});
