import type { TrueNasState } from '../state/store.js';
import { AUTH_METHODS } from './auth.js';
import { CORE_METHODS } from './core.js';
import { SNAPSHOT_METHODS } from './snapshots.js';
import { STORAGE_METHODS } from './storage.js';
import { SYSTEM_OBJECT_METHODS } from './system-objects.js';
import type { MethodDef, MethodTable } from './types.js';

const ALL: MethodTable = {
  ...CORE_METHODS,
  ...AUTH_METHODS,
  ...STORAGE_METHODS,
  ...SNAPSHOT_METHODS,
  ...SYSTEM_OBJECT_METHODS,
};

/** The method as this release exposes it, or undefined ("Method does not exist"). */
export function findMethod(state: TrueNasState, name: string): MethodDef | undefined {
  const method = Object.hasOwn(ALL, name) ? ALL[name] : undefined;
  if (!method) return undefined;
  if (method.since && !state.atLeast(...method.since)) return undefined;
  if (method.removedIn && state.atLeast(...method.removedIn)) return undefined;
  return method;
}
