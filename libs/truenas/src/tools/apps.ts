import { Type } from '@sinclair/typebox';
import { READ_ONLY, ToolError, WRITE_IDEMPOTENT, defineTool, jsonResult } from '@mcp-gateway/connector-kit';
import type { TrueNasBackend } from '../backend.js';
import { compact } from '../format.js';
import { appName } from '../schema.js';
import { jobSummary } from './job-summary.js';

const STATES = ['RUNNING', 'STOPPED', 'DEPLOYING', 'STOPPING', 'CRASHED'] as const;

/** `app.query` (`api/v25_10_0/app.py`). */
interface App {
  name: string;
  state: (typeof STATES)[number];
  version?: string;
  human_version?: string;
  metadata?: { app_version?: string; title?: string; train?: string };
  upgrade_available?: boolean;
  latest_version?: string;
  image_updates_available?: boolean;
  custom_app?: boolean;
  portals?: Record<string, string>;
  active_workloads?: { containers?: number; used_ports?: { host_ports?: { host_port: number }[] }[] };
}

function row(app: App) {
  const ports = (app.active_workloads?.used_ports ?? []).flatMap((p) =>
    (p.host_ports ?? []).map((h) => h.host_port),
  );
  return compact({
    name: app.name,
    title: app.metadata?.title,
    state: app.state,
    version: app.metadata?.app_version ?? app.human_version,
    upgrade_available: app.upgrade_available === true ? true : undefined,
    latest_version: app.upgrade_available ? app.latest_version : undefined,
    image_updates_available: app.image_updates_available === true ? true : undefined,
    custom: app.custom_app === true ? true : undefined,
    containers: app.active_workloads?.containers,
    ports: ports.length > 0 ? [...new Set(ports)] : undefined,
    portals: app.portals && Object.keys(app.portals).length > 0 ? app.portals : undefined,
  });
}

const ListInput = Type.Object(
  {
    state: Type.Optional(
      Type.Union(
        STATES.map((s) => Type.Literal(s)),
        { description: 'Only apps in this state, e.g. "STOPPED" or "CRASHED".' },
      ),
    ),
  },
  { additionalProperties: false },
);

export const listApps = defineTool<TrueNasBackend, typeof ListInput>({
  name: 'truenas_list_apps',
  title: 'TrueNAS: list apps',
  description: [
    'Lists the installed TrueNAS apps (Docker-based: Plex, Nextcloud, Immich…) with state (RUNNING, STOPPED, DEPLOYING, STOPPING, CRASHED), version, whether an upgrade or newer images exist, containers, host ports and web portals.',
    'Use it before starting or stopping an app, or for "what is running on my NAS".',
    'Example: {} or {"state": "CRASHED"}.',
  ].join(' '),
  input: ListInput,
  annotations: READ_ONLY,
  async run(args, { backend, signal }) {
    const filters = args.state !== undefined ? [['state', '=', args.state] as const] : [];
    const apps = await backend.query<App[]>('app.query', filters, { order_by: ['name'] }, signal);
    const result: Record<string, unknown> = { total: apps.length, apps: apps.map(row) };
    if (apps.length === 0)
      result['note'] = args.state ? `No app is ${args.state}.` : 'No apps are installed.';
    return jsonResult(result);
  },
});

const ActInput = Type.Object(
  { name: appName('The app name from truenas_list_apps, e.g. "plex".') },
  { additionalProperties: false },
);

function actionTool(action: 'start' | 'stop') {
  const verb = action === 'start' ? 'Starts' : 'Stops';
  return defineTool<TrueNasBackend, typeof ActInput>({
    name: `truenas_${action}_app`,
    title: `TrueNAS: ${action} an app`,
    description: [
      `${verb} an installed TrueNAS app and waits for TrueNAS's ${action} job to finish, streaming its progress.`,
      action === 'stop'
        ? 'Its web UI and services go offline until it is started again; data is kept.'
        : 'A CRASHED app is redeployed; if it fails again the error names the log to check.',
      'Returns the app state afterwards, or the job id when the job is still running (check it with truenas_get_job).',
      `Example: {"name": "${action === 'start' ? 'immich' : 'plex'}"}.`,
    ].join(' '),
    input: ActInput,
    annotations: WRITE_IDEMPOTENT,
    async run(args, { backend, signal, progress }) {
      const known = await backend.query<App[]>(
        'app.query',
        [],
        { select: ['name', 'state'], order_by: ['name'] },
        signal,
      );
      const app = known.find((a) => a.name === args.name);
      if (!app) {
        throw new ToolError(
          `No app named "${args.name}". Installed apps: ${known.map((a) => a.name).join(', ') || 'none'}.`,
        );
      }
      const wait = await backend.runJob(`app.${action}`, [args.name], { signal, progress });
      const [after] = await backend.query<App[]>('app.query', [['name', '=', args.name]], {}, signal);
      return jsonResult({
        app: args.name,
        state_before: app.state,
        state: after?.state ?? 'UNKNOWN',
        job: jobSummary(wait.job),
        ...(wait.finished
          ? {}
          : {
              note: `The ${action} job is still running; check it with truenas_get_job {"id": ${wait.job.id}}.`,
            }),
      });
    },
  });
}

export const startApp = actionTool('start');
export const stopApp = actionTool('stop');
