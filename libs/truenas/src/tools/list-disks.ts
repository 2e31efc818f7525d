import { Type } from '@sinclair/typebox';
import { READ_ONLY, defineTool, jsonResult } from '@mcp-gateway/connector-kit';
import type { TrueNasBackend } from '../backend.js';
import { compact, nonEmpty, sized } from '../format.js';

const Input = Type.Object(
  {
    include_temperatures: Type.Optional(
      Type.Boolean({
        default: true,
        description: 'Read each disk temperature in °C (default true; a little slower).',
      }),
    ),
  },
  { additionalProperties: false },
);

/** `disk.query` with `extra.pools` (`api/v25_10_0/disk.py`). */
interface Disk {
  name: string;
  model?: string | null;
  serial?: string;
  size?: number;
  type?: string;
  rotationrate?: number | null;
  pool?: string | null;
  bus?: string;
  description?: string;
}

export const listDisks = defineTool<TrueNasBackend, typeof Input>({
  name: 'truenas_list_disks',
  title: 'TrueNAS: list disks',
  description: [
    'Lists the physical disks: device name (sda, nvme0n1), model, serial, size (human-readable and bytes), HDD or SSD, rotation speed, bus, the pool it belongs to, and the current temperature.',
    'Use it to identify a failing disk named in an alert or pool status (by serial for replacement), or to check temperatures. Pool health is in truenas_list_pools.',
    'Example: {} or {"include_temperatures": false}.',
  ].join(' '),
  input: Input,
  annotations: READ_ONLY,
  async run(args, { backend, signal }) {
    const disks = await backend.query<Disk[]>(
      'disk.query',
      [],
      { extra: { pools: true }, order_by: ['name'] },
      signal,
    );
    let temperatures: Record<string, number | null> = {};
    let note: string | undefined;
    if (args.include_temperatures !== false && disks.length > 0) {
      try {
        temperatures = await backend.call<Record<string, number | null>>(
          'disk.temperatures',
          [disks.map((d) => d.name)],
          signal,
        );
      } catch (error) {
        note = `Temperatures are unavailable: ${error instanceof Error ? error.message : String(error)}`;
      }
    }
    const rows = disks.map((d) =>
      compact({
        name: d.name,
        model: d.model,
        serial: d.serial,
        ...sized('size', d.size),
        type: d.type,
        rotation_rpm: d.rotationrate,
        bus: d.bus,
        pool: d.pool,
        temperature_c: temperatures[d.name],
        description: nonEmpty(d.description),
      }),
    );
    return jsonResult(note ? { total: rows.length, disks: rows, note } : { total: rows.length, disks: rows });
  },
});
