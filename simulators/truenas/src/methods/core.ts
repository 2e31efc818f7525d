import { ejsonDate } from '../ejson.js';
import { ValidationErrors } from '../errors.js';
import { objectArg, positional, queryArgs, stringField } from './params.js';
import type { MethodTable } from './types.js';

function uptime(seconds: number): string {
  const days = Math.floor(seconds / 86_400);
  const rest = seconds % 86_400;
  const clock = `${Math.floor(rest / 3_600)}:${String(Math.floor((rest % 3_600) / 60)).padStart(2, '0')}:${String(
    Math.floor(rest % 60),
  ).padStart(2, '0')}`;
  return days > 0 ? `${days} day${days === 1 ? '' : 's'}, ${clock}` : clock;
}

/** `core.*` and `system.*`: connection housekeeping, jobs, events and what the box is. */
export const CORE_METHODS: MethodTable = {
  'core.ping': { noAuth: true, run: () => 'pong' },

  'core.set_options': {
    noAuth: true,
    run: ({ state, session }, params) => {
      positional(params, ['options']);
      const keys = state.atLeast(25, 10)
        ? ['legacy_jobs', 'private_methods', 'py_exceptions']
        : ['private_methods', 'py_exceptions'];
      const options = objectArg(params[0], 'options', keys);
      const legacy = options['legacy_jobs'];
      if (legacy !== undefined && typeof legacy !== 'boolean') {
        throw ValidationErrors.one('options.legacy_jobs', 'Input should be a valid boolean');
      }
      if (legacy !== undefined) session.legacyJobs = legacy;
      return state.atLeast(25, 10) ? { legacy_jobs: session.legacyJobs } : null;
    },
  },

  'core.get_jobs': {
    run: ({ state }, params) => {
      const { filters, options } = queryArgs(params);
      return state.jobs.query(filters, options);
    },
  },

  'core.subscribe': {
    run: ({ session }, params) => {
      positional(params, ['event']);
      return session.subscribe(stringField(params[0], 'event', { nonEmpty: true }));
    },
  },

  'core.unsubscribe': {
    run: ({ session }, params) => {
      positional(params, ['id']);
      session.unsubscribe(stringField(params[0], 'id'));
      return null;
    },
  },

  'system.version': { run: ({ state }) => `TrueNAS-${state.version.full}` },
  'system.version_short': { run: ({ state }) => state.version.full },
  'system.ready': { run: () => true },

  'system.info': {
    run: ({ state }) => {
      const now = Date.now();
      const seconds = (now - state.bootedAt) / 1000;
      return {
        version: state.version.full,
        buildtime: ejsonDate(state.bootedAt - 40 * 86_400_000),
        hostname: 'truenas',
        physmem: 34_359_738_368,
        model: 'AMD Ryzen 5 5600G with Radeon Graphics',
        cores: 12,
        physical_cores: 6,
        loadavg: [0.42, 0.57, 0.61],
        uptime: uptime(seconds),
        uptime_seconds: seconds,
        system_serial: 'A1B2C3D4E5',
        system_product: 'X570D4U',
        system_product_version: '1.0',
        license: null,
        boottime: ejsonDate(state.bootedAt),
        datetime: ejsonDate(now),
        timezone: 'Europe/Amsterdam',
        system_manufacturer: 'ASRockRack',
        ecc_memory: true,
      };
    },
  },
};
