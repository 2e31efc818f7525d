import { CallError, ERRNO, ValidationErrors, instanceNotFound } from '../errors.js';
import { filterList, type Entry } from '../filters.js';
import type { JobControl } from '../jobs.js';
import { DISK_TEMPERATURES } from '../state/seed-pools.js';
import { FAILING_APPS } from '../state/seed-misc.js';
import type { TrueNasState } from '../state/store.js';
import type { AppEntry, AppState } from '../state/types.js';
import { objectArg, positional, queryArgs, stringField } from './params.js';
import type { MethodContext, MethodTable } from './types.js';

function query(rows: readonly object[], params: readonly unknown[]): unknown {
  const { filters, options } = queryArgs(params);
  return filterList(rows as Entry[], filters, options);
}

function setAppState(state: TrueNasState, app: AppEntry, next: AppState): void {
  app.state = next;
  const running = next === 'RUNNING';
  app.active_workloads.containers = running ? app.active_workloads.images.length || 1 : 0;
  state.emit('app.query', 'changed', app.name, app);
}

function findApp(state: TrueNasState, name: string): AppEntry {
  const app = state.apps.find((a) => a.name === name);
  if (!app) throw instanceNotFound(`App ${name} does not exist`);
  return app;
}

/** `app.start` / `app.stop` jobs (`plugins/apps/app_scale.py`): 20 % when compose starts, 100 % when done. */
function appJob(ctx: MethodContext, params: readonly unknown[], action: 'start' | 'stop') {
  positional(params, ['app_name']);
  const name = stringField(params[0], 'app_name');
  return ctx.state.jobs.start(`app.${action}`, [name], ctx.messageId, async (job: JobControl) => {
    const app = findApp(ctx.state, name);
    if (action === 'stop') {
      setAppState(ctx.state, app, 'STOPPING');
      job.setProgress(20, `Stopping '${name}' app`);
      await job.pause(3);
      setAppState(ctx.state, app, 'STOPPED');
      job.setProgress(100, `Stopped '${name}' app`);
      return null;
    }
    job.setProgress(20, `Starting '${name}' app`);
    setAppState(ctx.state, app, 'DEPLOYING');
    await job.pause(4);
    if (FAILING_APPS.has(name)) {
      setAppState(ctx.state, app, 'CRASHED');
      throw new CallError(
        `Failed 'up' action for '${name}' app. Please check /var/log/app_lifecycle.log for more details`,
      );
    }
    setAppState(ctx.state, app, 'RUNNING');
    job.setProgress(100, `Started '${name}' app`);
    return null;
  });
}

const SERVICE_VERBS = ['START', 'STOP', 'RESTART', 'RELOAD'] as const;

function controlService(state: TrueNasState, verb: (typeof SERVICE_VERBS)[number], name: string): boolean {
  const service = state.services.find((s) => s.service === name);
  if (!service) throw new CallError(`The service ${name} does not exist`, ERRNO.ENOENT);
  const running = verb !== 'STOP';
  service.state = running ? 'RUNNING' : 'STOPPED';
  service.pids = running ? [4000 + Math.floor(Math.random() * 1000)] : [];
  return running;
}

function serviceOptions(value: unknown, attribute: string): void {
  if (value !== undefined) objectArg(value, attribute, ['ha_propagate', 'silent', 'timeout']);
}

export const SYSTEM_OBJECT_METHODS: MethodTable = {
  'alert.list': { run: ({ state }) => state.alerts },

  /** Unknown uuids are ignored, as `plugins/alert/queries.py` does; one-shot alerts are deleted. */
  'alert.dismiss': {
    run: ({ state }, params) => {
      positional(params, ['uuid']);
      const uuid = stringField(params[0], 'uuid');
      const index = state.alerts.findIndex((a) => a.uuid === uuid);
      const alert = state.alerts[index];
      if (!alert) return null;
      if (alert.one_shot) {
        state.alerts.splice(index, 1);
        state.emit('alert.list', 'removed', uuid);
      } else {
        alert.dismissed = true;
        state.emit('alert.list', 'changed', uuid, alert);
      }
      return null;
    },
  },

  'alert.restore': {
    run: ({ state }, params) => {
      positional(params, ['uuid']);
      const alert = state.alerts.find((a) => a.uuid === stringField(params[0], 'uuid'));
      if (alert) {
        alert.dismissed = false;
        state.emit('alert.list', 'changed', alert.uuid, alert);
      }
      return null;
    },
  },

  'app.query': { run: ({ state }, params) => query(state.apps, params) },
  'app.start': { run: (ctx, params) => appJob(ctx, params, 'start') },
  'app.stop': { run: (ctx, params) => appJob(ctx, params, 'stop') },

  'sharing.smb.query': { run: ({ state }, params) => query(state.smbShares, params) },
  'sharing.nfs.query': { run: ({ state }, params) => query(state.nfsShares, params) },

  /** `pool` is only filled in with `extra.pools`. */
  'disk.query': {
    run: ({ state }, params) => {
      const { filters, options } = queryArgs(params);
      const pools = options.extra?.['pools'] === true;
      const rows = state.disks.map((d) => (pools ? d : { ...d, pool: null }));
      return filterList(rows as unknown as Entry[], filters, options);
    },
  },

  'disk.temperatures': {
    run: (_ctx, params) => {
      positional(params, ['name', 'include_thresholds']);
      const names = params[0] ?? [];
      if (!Array.isArray(names)) throw ValidationErrors.one('name', 'Input should be a valid list');
      const wanted = names.length === 0 ? Object.keys(DISK_TEMPERATURES) : names.map(String);
      return Object.fromEntries(
        wanted.filter((n) => n in DISK_TEMPERATURES).map((n) => [n, DISK_TEMPERATURES[n]]),
      );
    },
  },

  'service.query': { run: ({ state }, params) => query(state.services, params) },

  ...Object.fromEntries(
    (['start', 'stop', 'restart', 'reload'] as const).map((verb) => [
      `service.${verb}`,
      {
        removedIn: [26, 4] as const,
        run: ({ state }: MethodContext, params: readonly unknown[]) => {
          positional(params, ['service', 'options']);
          serviceOptions(params[1], 'options');
          const running = controlService(
            state,
            verb === 'stop' ? 'STOP' : 'START',
            stringField(params[0], 'service'),
          );
          return verb === 'stop' ? !running : running;
        },
      },
    ]),
  ),

  /** 25.10: one job for every verb (`service.control`). */
  'service.control': {
    since: [25, 10],
    run: (ctx, params) => {
      positional(params, ['verb', 'service', 'options']);
      const verb = stringField(params[0], 'verb');
      if (!(SERVICE_VERBS as readonly string[]).includes(verb)) {
        throw ValidationErrors.one(
          'verb',
          `Input should be ${SERVICE_VERBS.map((v) => `'${v}'`).join(', ')}`,
        );
      }
      const name = stringField(params[1], 'service');
      serviceOptions(params[2], 'options');
      return ctx.state.jobs.start('service.control', [verb, name], ctx.messageId, async (job) => {
        job.setProgress(50, `${verb} ${name}`);
        await job.pause();
        const running = controlService(ctx.state, verb as (typeof SERVICE_VERBS)[number], name);
        job.setProgress(100, `${verb} ${name}`);
        return verb === 'STOP' ? !running : running;
      });
    },
  },
};
