import { Type } from '@sinclair/typebox';
import { READ_ONLY, defineTool, jsonResult } from '@mcp-gateway/connector-kit';
import type { TrueNasBackend } from '../backend.js';
import { compact, humanBytes, isoTime } from '../format.js';

const Input = Type.Object({}, { additionalProperties: false });

/** `system.info` (`plugins/system/info.py`). */
interface SystemInfo {
  version?: string;
  hostname?: string;
  physmem?: number;
  model?: string;
  cores?: number;
  physical_cores?: number;
  loadavg?: number[];
  uptime?: string;
  uptime_seconds?: number;
  system_serial?: string | null;
  system_product?: string | null;
  system_manufacturer?: string | null;
  boottime?: unknown;
  datetime?: unknown;
  timezone?: string;
  ecc_memory?: boolean;
}

export const systemInfo = defineTool<TrueNasBackend, typeof Input>({
  name: 'truenas_system_info',
  title: 'TrueNAS: system information',
  description: [
    'Shows what the TrueNAS system is: hostname, TrueNAS version, CPU model and cores, memory, uptime and boot time, load average, time zone, hardware maker and product, ECC memory.',
    'Use it first to orient yourself or to answer "which version / how long up / how much RAM".',
    'Storage health is in truenas_list_pools, problems in truenas_list_alerts.',
    'Example: {}.',
  ].join(' '),
  input: Input,
  annotations: READ_ONLY,
  async run(_args, { backend, signal }) {
    const info = await backend.call<SystemInfo>('system.info', [], signal);
    const seconds = info.uptime_seconds;
    return jsonResult(
      compact({
        hostname: info.hostname,
        version: info.version,
        cpu: info.model,
        cores: info.cores,
        physical_cores: info.physical_cores,
        memory: typeof info.physmem === 'number' ? humanBytes(info.physmem) : undefined,
        memory_bytes: info.physmem,
        ecc_memory: info.ecc_memory,
        uptime: info.uptime,
        uptime_days: typeof seconds === 'number' ? Math.round((seconds / 86_400) * 10) / 10 : undefined,
        booted_at: isoTime(info.boottime),
        now: isoTime(info.datetime),
        timezone: info.timezone,
        load_average: info.loadavg?.map((l) => Math.round(l * 100) / 100),
        manufacturer: info.system_manufacturer,
        product: info.system_product,
        serial: info.system_serial,
      }),
    );
  },
});
