/** A TrueNAS release as `system.version_short` reports it (`25.10.0`, `25.04.2`, `26.04.0-BETA.1`). */
export interface TrueNasVersion {
  readonly major: number;
  readonly minor: number;
  readonly text: string;
}

/** Reads `25.10.0`, `TrueNAS-25.04.2` or `TrueNAS-SCALE-24.10.1`; undefined when there is no `NN.NN`. */
export function parseVersion(text: string): TrueNasVersion | undefined {
  const match = /(\d{2})\.(\d{2})(?:\.\d+)?(?:[-.][A-Za-z0-9.]+)?/.exec(text);
  if (!match) return undefined;
  return { major: Number(match[1]), minor: Number(match[2]), text: match[0] };
}

export function atLeast(version: TrueNasVersion, major: number, minor: number): boolean {
  return version.major > major || (version.major === major && version.minor >= minor);
}

export type SnapshotNamespace = 'pool.snapshot' | 'zfs.snapshot';

/**
 * 25.10 made `pool.snapshot.*` the public snapshot API and `zfs.snapshot.*` private (version map, §3.1 of
 * the backend reference); earlier releases only have `zfs.snapshot.*`.
 */
export function snapshotNamespace(version: TrueNasVersion | undefined): SnapshotNamespace {
  return version && atLeast(version, 25, 10) ? 'pool.snapshot' : 'zfs.snapshot';
}

/** 25.10 replaced `service.start/stop/restart/reload` with the `service.control` job. */
export function hasServiceControl(version: TrueNasVersion | undefined): boolean {
  return version !== undefined && atLeast(version, 25, 10);
}
