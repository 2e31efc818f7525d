import { compact, propNumber, propValue, sized } from '../format.js';

/** The properties the dataset tools ask for (`pool.dataset.query` `extra.properties`). */
export const DATASET_PROPERTIES = [
  'used',
  'available',
  'quota',
  'compression',
  'compressratio',
  'volsize',
  'comments',
  'readonly',
];

/** One dataset as a compact row: no property objects, sizes in both forms. */
export function datasetRow(entry: Record<string, unknown>) {
  const quota = propNumber(entry, 'quota');
  return compact({
    name: entry['name'] as string,
    type: entry['type'] as string,
    ...sized('used', propNumber(entry, 'used')),
    ...sized('available', propNumber(entry, 'available')),
    ...(quota ? sized('quota', quota) : {}),
    ...(entry['type'] === 'VOLUME' ? sized('volsize', propNumber(entry, 'volsize')) : {}),
    compression: propValue(entry, 'compression'),
    compressratio: propValue(entry, 'compressratio'),
    readonly: propValue(entry, 'readonly') === 'ON' ? true : undefined,
    mountpoint: entry['mountpoint'] as string | null,
    encrypted: entry['encrypted'] === true ? true : undefined,
    locked: entry['locked'] === true ? true : undefined,
    comments: propValue(entry, 'comments'),
  });
}
