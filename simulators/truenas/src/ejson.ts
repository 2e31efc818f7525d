/** EJSON wire types (`truenas_api_client/ejson.py`): datetimes travel as `{"$date": <ms since epoch>}`. */
export interface EjsonDate {
  $date: number;
}

export function ejsonDate(ms: number): EjsonDate {
  return { $date: Math.round(ms) };
}

/** A ZFS property as `pool.dataset.query` and snapshot queries return it. */
export interface ZfsProperty {
  parsed: unknown;
  rawvalue: string;
  value: string | null;
  source: 'NONE' | 'DEFAULT' | 'LOCAL' | 'TEMPORARY' | 'INHERITED' | 'RECEIVED';
  source_info: string | null;
}

/** `zfs get` style human size: 1024-based, three significant digits (`96K`, `1.15G`, `7.12T`). */
export function zfsNice(bytes: number): string {
  const units = ['B', 'K', 'M', 'G', 'T', 'P', 'E'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  if (unit === 0) return `${bytes}B`;
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toFixed(digits)}${units[unit] ?? ''}`;
}

export function sizeProp(bytes: number, source: ZfsProperty['source'] = 'NONE'): ZfsProperty {
  return { parsed: bytes, rawvalue: String(bytes), value: zfsNice(bytes), source, source_info: null };
}

export function stringProp(
  value: string,
  source: ZfsProperty['source'] = 'DEFAULT',
  sourceInfo: string | null = null,
): ZfsProperty {
  const parsed = value === 'on' ? true : value === 'off' ? false : value;
  return { parsed, rawvalue: value.toLowerCase(), value, source, source_info: sourceInfo };
}

export function dateProp(ms: number): ZfsProperty {
  const seconds = Math.floor(ms / 1000);
  return {
    parsed: ejsonDate(seconds * 1000),
    rawvalue: String(seconds),
    value: new Date(seconds * 1000).toUTCString(),
    source: 'NONE',
    source_info: null,
  };
}
