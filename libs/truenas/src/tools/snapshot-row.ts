import { compact, isoTime, propNumber, sized } from '../format.js';

/** Properties the snapshot tools ask for (`extra.properties`): enough for age and space. */
export const SNAPSHOT_PROPERTIES = ['creation', 'used', 'referenced'];

export interface SnapshotEntry {
  id: string;
  dataset: string;
  snapshot_name: string;
  properties?: Record<string, unknown>;
}

export function snapshotRow(s: SnapshotEntry) {
  const props = s.properties ?? {};
  const creation = props['creation'] as { parsed?: unknown; rawvalue?: string } | undefined;
  const created =
    isoTime(creation?.parsed) ??
    (creation?.rawvalue && /^\d+$/.test(creation.rawvalue)
      ? new Date(Number(creation.rawvalue) * 1000).toISOString()
      : undefined);
  return compact({
    id: s.id,
    dataset: s.dataset,
    name: s.snapshot_name,
    created_at: created,
    ...sized('used', propNumber(props, 'used')),
    ...sized('referenced', propNumber(props, 'referenced')),
  });
}
