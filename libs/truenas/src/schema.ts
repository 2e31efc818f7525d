import { Type } from '@sinclair/typebox';

export { DEFAULT_LIMIT, MAX_LIMIT, pagingProperties } from '@mcp-gateway/connector-kit';

/** ZFS names (`validate_dataset_name`): pool, then `/`-separated components. */
export const DATASET_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_.:-]*(/[A-Za-z0-9_.:-]+)*$';
/** A dataset below a pool: at least one `/`. */
export const CHILD_DATASET_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_.:-]*(/[A-Za-z0-9_.:-]+)+$';
/** `<dataset>@<snapshot>`. */
export const SNAPSHOT_ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_.:-]*(/[A-Za-z0-9_.:-]+)*@[A-Za-z0-9_.:-]+$';
export const SNAPSHOT_NAME_PATTERN = '^[A-Za-z0-9_.:-]+$';
/** App names are DNS labels (`app.create` `app_name`). */
export const APP_NAME_PATTERN = '^[a-z]([-a-z0-9]*[a-z0-9])?$';

export function datasetName(description: string) {
  return Type.String({ pattern: DATASET_PATTERN, minLength: 1, maxLength: 255, description });
}

export function snapshotId(description: string) {
  return Type.String({ pattern: SNAPSHOT_ID_PATTERN, minLength: 3, maxLength: 511, description });
}

export function appName(description: string) {
  return Type.String({ pattern: APP_NAME_PATTERN, minLength: 1, maxLength: 40, description });
}

/** The paging fields of a result: total, offset and next_offset when more remain. */
export function pageInfo(total: number, offset: number, returned: number): Record<string, number> {
  const next = offset + returned;
  return next < total ? { total, offset, next_offset: next } : { total, offset };
}
