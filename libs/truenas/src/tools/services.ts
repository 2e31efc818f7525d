import { Type } from '@sinclair/typebox';
import { READ_ONLY, ToolError, WRITE, defineTool, jsonResult } from '@mcp-gateway/connector-kit';
import type { TrueNasBackend } from '../backend.js';
import { hasServiceControl } from '../version.js';
import { jobSummary } from './job-summary.js';

/** What the internal service names mean to people. */
const LABELS: Readonly<Record<string, string>> = {
  cifs: 'SMB (Windows file sharing)',
  nfs: 'NFS',
  ssh: 'SSH',
  ftp: 'FTP',
  iscsitarget: 'iSCSI',
  nvmet: 'NVMe-oF',
  snmp: 'SNMP',
  ups: 'UPS',
  smartd: 'S.M.A.R.T.',
};

interface Service {
  id: number;
  service: string;
  enable: boolean;
  state: string;
  pids?: number[];
}

const ListInput = Type.Object({}, { additionalProperties: false });

export const listServices = defineTool<TrueNasBackend, typeof ListInput>({
  name: 'truenas_list_services',
  title: 'TrueNAS: list system services',
  description: [
    'Lists the TrueNAS system services (SMB as "cifs", NFS, SSH, FTP, iSCSI, SNMP, UPS…) with whether each is running now and whether it starts on boot.',
    'Use it when shares are unreachable ("is SMB running?") or before truenas_control_service.',
    'Example: {}.',
  ].join(' '),
  input: ListInput,
  annotations: READ_ONLY,
  async run(_args, { backend, signal }) {
    const services = await backend.query<Service[]>('service.query', [], { order_by: ['service'] }, signal);
    return jsonResult({
      services: services.map((s) => ({
        service: s.service,
        label: LABELS[s.service] ?? s.service,
        running: s.state === 'RUNNING',
        start_on_boot: s.enable,
      })),
    });
  },
});

const ACTIONS = ['start', 'stop', 'restart', 'reload'] as const;

const ControlInput = Type.Object(
  {
    service: Type.String({
      minLength: 1,
      maxLength: 40,
      pattern: '^[a-z0-9_-]+$',
      description: 'Internal service name from truenas_list_services, e.g. "cifs" (SMB), "nfs", "ssh".',
    }),
    action: Type.Union(
      ACTIONS.map((a) => Type.Literal(a)),
      { description: 'start, stop, restart, or reload (re-read configuration without dropping clients).' },
    ),
  },
  { additionalProperties: false },
);

export const controlService = defineTool<TrueNasBackend, typeof ControlInput>({
  name: 'truenas_control_service',
  title: 'TrueNAS: start, stop or restart a service',
  description: [
    'Starts, stops, restarts or reloads a TrueNAS system service now (it does not change whether it starts on boot).',
    'Stopping or restarting SMB/NFS disconnects clients using the shares: confirm with the user first.',
    'Returns whether the service runs afterwards.',
    'Example: {"service": "cifs", "action": "restart"}.',
  ].join(' '),
  input: ControlInput,
  annotations: WRITE,
  async run(args, { backend, signal, progress }) {
    const known = await backend.query<Service[]>('service.query', [], {}, signal);
    if (!known.some((s) => s.service === args.service)) {
      throw new ToolError(
        `No service "${args.service}". Services: ${known.map((s) => s.service).join(', ')}.`,
      );
    }
    const verb = args.action.toUpperCase();
    let job: ReturnType<typeof jobSummary> | undefined;
    // 25.10 turned service.start/stop/restart/reload into one job, service.control (§3.1).
    if (hasServiceControl(backend.version)) {
      const wait = await backend.runJob('service.control', [verb, args.service, { ha_propagate: true }], {
        signal,
        progress,
      });
      job = jobSummary(wait.job);
    } else {
      await backend.call(`service.${args.action}`, [args.service, { ha_propagate: true }], signal);
    }
    const [after] = await backend.query<Service[]>(
      'service.query',
      [['service', '=', args.service]],
      {},
      signal,
    );
    return jsonResult({
      service: args.service,
      action: args.action,
      running: after?.state === 'RUNNING',
      ...(job ? { job } : {}),
    });
  },
});
