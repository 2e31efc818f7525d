import { Type } from '@sinclair/typebox';
import { READ_ONLY, defineTool, jsonResult } from '@mcp-gateway/connector-kit';
import type { TrueNasBackend } from '../backend.js';
import { compact, nonEmpty } from '../format.js';

const Input = Type.Object(
  {
    protocol: Type.Optional(
      Type.Union([Type.Literal('smb'), Type.Literal('nfs')], {
        description: 'Only SMB (Windows/macOS) or only NFS (Unix) shares; default both.',
      }),
    ),
  },
  { additionalProperties: false },
);

type Share = Record<string, unknown>;

/** SMB entries: 25.10 renamed `ro` → `readonly` and `abe` → `access_based_share_enumeration` (§3.5). */
function smbRow(s: Share) {
  const options = (s['options'] ?? {}) as Record<string, unknown>;
  return compact({
    id: s['id'] as number,
    name: s['name'] as string,
    path: s['path'] as string,
    enabled: s['enabled'] as boolean,
    read_only: (s['readonly'] ?? s['ro']) === true,
    purpose: s['purpose'] as string,
    comment: nonEmpty(text(s['comment'])),
    browsable: s['browsable'] as boolean,
    guest_access: (options['guestok'] ?? s['guestok']) === true || undefined,
    time_machine: s['timemachine'] === true || text(s['purpose']).includes('TIMEMACHINE') ? true : undefined,
    locked: s['locked'] === true || undefined,
  });
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function list(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.length > 0 ? value.map(String) : undefined;
}

function nfsRow(s: Share) {
  return compact({
    id: s['id'] as number,
    path: s['path'] as string,
    enabled: s['enabled'] as boolean,
    read_only: s['ro'] === true,
    comment: nonEmpty(text(s['comment'])),
    networks: list(s['networks']),
    hosts: list(s['hosts']),
    maproot_user: s['maproot_user'] as string | null,
    mapall_user: s['mapall_user'] as string | null,
    security: list(s['security']),
    locked: s['locked'] === true || undefined,
  });
}

export const listShares = defineTool<TrueNasBackend, typeof Input>({
  name: 'truenas_list_shares',
  title: 'TrueNAS: list SMB and NFS shares',
  description: [
    'Lists the file shares: SMB shares (name, path, enabled, read-only, purpose such as Time Machine, guest access) and NFS exports (path, enabled, read-only, allowed networks and hosts, root mapping).',
    'Use it for "which folders are shared", "is the Media share read-only", "who can mount /mnt/tank/media". Whether the SMB or NFS service itself runs is in truenas_list_services.',
    'Example: {} or {"protocol": "smb"}.',
  ].join(' '),
  input: Input,
  annotations: READ_ONLY,
  async run(args, { backend, signal }) {
    const want = (p: 'smb' | 'nfs') => args.protocol === undefined || args.protocol === p;
    const [smb, nfs] = await Promise.all([
      want('smb')
        ? backend.query<Share[]>('sharing.smb.query', [], { order_by: ['name'] }, signal)
        : undefined,
      want('nfs')
        ? backend.query<Share[]>('sharing.nfs.query', [], { order_by: ['path'] }, signal)
        : undefined,
    ]);
    return jsonResult({
      ...(smb ? { smb: smb.map(smbRow) } : {}),
      ...(nfs ? { nfs: nfs.map(nfsRow) } : {}),
    });
  },
});
