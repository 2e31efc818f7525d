/** Helpers that turn TrueNAS's wire values into the compact, readable fields the tools return. */

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];

/** `1536` → `1.5 KiB`; 1024-based like the TrueNAS UI. */
export function humanBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return String(bytes);
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const text =
    unit === 0
      ? String(value)
      : value >= 100
        ? value.toFixed(0)
        : value >= 10
          ? value.toFixed(1)
          : value.toFixed(2);
  return `${text.replace(/\.0+$|(\.\d*?)0+$/, '$1')} ${UNITS[unit] ?? 'B'}`;
}

/** `{size_bytes, size}` pairs: the number for arithmetic, the text for people. */
export function sized(key: string, bytes: number | null | undefined): Record<string, number | string> {
  return typeof bytes === 'number' ? { [key]: humanBytes(bytes), [`${key}_bytes`]: bytes } : {};
}

/** EJSON `{"$date": ms}` → ISO 8601, or undefined. */
export function isoTime(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const ms = (value as { $date?: unknown }).$date;
  return typeof ms === 'number' ? new Date(ms).toISOString() : undefined;
}

/** A ZFS property object (`{parsed, rawvalue, value, source}`) as its parsed value. */
export function propParsed(entry: Record<string, unknown>, name: string): unknown {
  const prop = entry[name];
  return prop !== null && typeof prop === 'object' ? (prop as { parsed?: unknown }).parsed : undefined;
}

export function propNumber(entry: Record<string, unknown>, name: string): number | undefined {
  const parsed = propParsed(entry, name);
  if (typeof parsed === 'number') return parsed;
  const raw =
    entry[name] !== null && typeof entry[name] === 'object'
      ? (entry[name] as { rawvalue?: unknown }).rawvalue
      : undefined;
  const n = typeof raw === 'string' ? Number(raw) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

/** A ZFS property's display value (`LZ4`, `HIDDEN`), or undefined when unset. */
export function propValue(entry: Record<string, unknown>, name: string): string | undefined {
  const prop = entry[name];
  if (prop === null || typeof prop !== 'object') return undefined;
  const value = (prop as { value?: unknown }).value;
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Alert texts carry a little HTML (`<br>`, `<ul><li>`); models read plain text better. */
export function plainText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/<li>/gi, ' - ')
    .replace(/<[^>]+>/g, '')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Empty text as undefined, so `compact` drops it. */
export function nonEmpty(text: string | null | undefined): string | undefined {
  return text === null || text === undefined || text === '' ? undefined : text;
}

/** Drops undefined and null members so results stay short. */
export function compact<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined && v !== null),
  ) as Partial<T>;
}
