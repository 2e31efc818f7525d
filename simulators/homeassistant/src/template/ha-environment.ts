import type { HomeAssistantState } from '../core/hass.js';
import {
  isoformat,
  nowMicros,
  parseDatetime,
  zoneOffsetMinutes,
  SECOND,
  localDate,
  localToMicros,
} from '../core/time.js';
import { BUILTIN_FILTERS, BUILTIN_GLOBALS, BUILTIN_TESTS, fromJson, toJson } from './builtins.js';
import type { Environment, FilterFn, TestFn } from './evaluate.js';
import { AllStates, TemplateState, toTemplateValue, type RenderInfo } from './ha-states.js';
import { registryFunctions } from './ha-registry-functions.js';
import { strftime } from './strftime.js';
import {
  PyDateTime,
  PyFloat,
  PyFunction,
  TemplateError,
  Undefined,
  eq,
  isNumber,
  iterate,
  numValue,
  str,
  toFloat,
  truthy,
} from './values.js';

/**
 * The HA template environment: `helpers/template.py` globals, filters and tests on top of Jinja's.
 * `source` is needed for HA's "no default was specified" messages, which quote the template.
 */
export function haEnvironment(hass: HomeAssistantState, info: RenderInfo, source: string): Environment {
  const tz = hass.timeZone;
  const noDefault = (fn: string, value: unknown): TemplateError =>
    new TemplateError(
      'ValueError',
      `Template error: ${fn} got invalid input '${str(value)}' when rendering template '${source}' but no default was specified`,
    );
  const local = (us: number): PyDateTime => new PyDateTime(us, zoneOffsetMinutes(us, tz));
  const toDatetime = (v: unknown): PyDateTime | undefined => {
    if (v instanceof PyDateTime) return v;
    if (typeof v === 'string') {
      const us = parseDatetime(v, tz);
      return us === null
        ? undefined
        : new PyDateTime(us, /[zZ]|[+-]\d{2}:?\d{2}$/.test(v.trim()) ? 0 : zoneOffsetMinutes(us, tz));
    }
    if (isNumber(v)) return new PyDateTime(Math.round(numValue(v) * SECOND), 0);
    return undefined;
  };
  const withDefault =
    (
      name: string,
      convert: (v: unknown, rest: unknown[], kw: Record<string, unknown>) => unknown,
      defaultAt: number,
    ) =>
    (v: unknown, args: unknown[], kw: Record<string, unknown>): unknown => {
      const out = convert(v, args, kw);
      if (out !== undefined) return out;
      const dflt = args[defaultAt] ?? kw['default'];
      if (dflt === undefined) throw noDefault(name, v);
      return dflt;
    };

  const float = withDefault(
    'float',
    (v) => {
      const f = toFloat(v);
      return f === undefined ? undefined : new PyFloat(f);
    },
    0,
  );
  const int = withDefault(
    'int',
    (v) => {
      if (typeof v === 'string' && /^\s*[+-]?\d+\s*$/.test(v)) return Number(v);
      const f = toFloat(v);
      return f === undefined || !Number.isFinite(f) ? undefined : Math.trunc(f);
    },
    0,
  );
  const bool = withDefault(
    'bool',
    (v) => {
      if (typeof v === 'boolean') return v;
      if (isNumber(v)) return numValue(v) !== 0;
      const s = str(v).toLowerCase().trim();
      if (['1', 'true', 'yes', 'on', 'enable'].includes(s)) return true;
      if (['0', 'false', 'no', 'off', 'disable'].includes(s)) return false;
      return undefined;
    },
    0,
  );
  const round = withDefault(
    'round',
    (v, a, kw) => {
      const f = toFloat(v);
      if (f === undefined) return undefined;
      const precision = Number(a[0] ?? kw['precision'] ?? 0);
      const method = str(a[1] ?? kw['method'] ?? 'common');
      const m = 10 ** precision;
      let r: number;
      if (method === 'ceil') r = Math.ceil(f * m) / m;
      else if (method === 'floor') r = Math.floor(f * m) / m;
      else if (method === 'half') r = Math.round(f * 2) / 2;
      else r = pythonRound(f, precision);
      return precision === 0 ? Math.trunc(r) : new PyFloat(r);
    },
    2,
  );
  const asTimestamp = withDefault(
    'as_timestamp',
    (v) => {
      const dt = typeof v === 'number' ? undefined : toDatetime(v);
      return dt ? new PyFloat(dt.us / SECOND) : undefined;
    },
    0,
  );
  const asDatetime = withDefault('as_datetime', (v) => toDatetime(v), 0);
  const timestampCustom = withDefault(
    'timestamp_custom',
    (v, a, kw) => {
      const f = toFloat(v);
      if (f === undefined) return undefined;
      const us = Math.round(f * SECOND);
      const localTime = truthy(a[1] ?? kw['local'] ?? true);
      return strftime(
        localTime ? local(us) : new PyDateTime(us, 0),
        str(a[0] ?? kw['format_string'] ?? '%Y-%m-%d %H:%M:%S'),
      );
    },
    2,
  );
  const timestampLocal = withDefault(
    'timestamp_local',
    (v) => {
      const f = toFloat(v);
      return f === undefined
        ? undefined
        : isoformat(Math.round(f * SECOND), zoneOffsetMinutes(Math.round(f * SECOND), tz));
    },
    0,
  );
  const timestampUtc = withDefault(
    'timestamp_utc',
    (v) => {
      const f = toFloat(v);
      return f === undefined ? undefined : isoformat(Math.round(f * SECOND));
    },
    0,
  );

  const stateAttr = (entityId: unknown, name: unknown): unknown => {
    const id = str(entityId).toLowerCase();
    info.entities.add(id);
    const s = hass.states.get(id);
    const v = s?.attributes[str(name)];
    return v === undefined ? null : toTemplateValue(v);
  };
  const isState = (entityId: unknown, wanted: unknown): boolean => {
    const id = str(entityId).toLowerCase();
    info.entities.add(id);
    const s = hass.states.get(id);
    if (!s) return false;
    return Array.isArray(wanted) ? wanted.some((w) => str(w) === s.state) : s.state === str(wanted);
  };
  const hasValue = (entityId: unknown): boolean => {
    const id = str(entityId).toLowerCase();
    info.entities.add(id);
    const s = hass.states.get(id);
    return s !== undefined && s.state !== 'unknown' && s.state !== 'unavailable';
  };
  const expand = (...args: unknown[]): TemplateState[] => {
    const ids = new Set<string>();
    const visit = (a: unknown): void => {
      if (a instanceof TemplateState) ids.add(a.entityId);
      else if (typeof a === 'string') ids.add(a.toLowerCase());
      else if (Array.isArray(a)) a.forEach(visit);
    };
    args.forEach(visit);
    return [...ids]
      .sort()
      .map((id) => {
        info.entities.add(id);
        const s = hass.states.get(id);
        return s ? new TemplateState(s, tz) : undefined;
      })
      .filter((x): x is TemplateState => x !== undefined);
  };
  const regex = (pattern: unknown, ignoreCase: unknown, global = false): RegExp => {
    try {
      return new RegExp(str(pattern), (truthy(ignoreCase) ? 'i' : '') + (global ? 'g' : ''));
    } catch (e) {
      throw new TemplateError('error', (e as Error).message);
    }
  };
  const iif = (v: unknown, a: unknown[]): unknown => {
    if (v === null && a[2] !== undefined) return a[2];
    return truthy(v) ? (a[0] ?? true) : (a[1] ?? false);
  };
  const extremum =
    (pick: 'min' | 'max') =>
    (args: unknown[]): unknown => {
      const items = args.length === 1 ? iterate(args[0]) : args;
      if (!items.length) throw new TemplateError('ValueError', `${pick}() arg is an empty sequence`);
      const sorted = BUILTIN_FILTERS[pick]?.(items, [], {}, env);
      return sorted;
    };
  const registry = registryFunctions(hass);

  const filters: Record<string, FilterFn> = {
    ...BUILTIN_FILTERS,
    float,
    int,
    bool,
    round,
    as_timestamp: asTimestamp,
    as_datetime: asDatetime,
    as_local: (v) => {
      const dt = toDatetime(v);
      return dt ? local(dt.us) : v;
    },
    timestamp_custom: timestampCustom,
    timestamp_local: timestampLocal,
    timestamp_utc: timestampUtc,
    to_json: (v) => toJson(v, false),
    from_json: (v) => fromJson(str(v)),
    regex_match: (v, a, kw) => regex(`^(?:${str(a[0])})`, a[1] ?? kw['ignorecase']).test(str(v)),
    regex_search: (v, a, kw) => regex(a[0], a[1] ?? kw['ignorecase']).test(str(v)),
    regex_replace: (v, a, kw) =>
      str(v).replace(
        regex(a[0] ?? kw['find'] ?? '', a[2] ?? kw['ignorecase'], true),
        str(a[1] ?? kw['replace'] ?? '').replace(/\\(\d)/g, '$$$1'),
      ),
    regex_findall: (v, a, kw) =>
      [...str(v).matchAll(regex(a[0] ?? kw['find'] ?? '', a[1] ?? kw['ignorecase'], true))].map(
        (m) => m[1] ?? m[0],
      ),
    iif: (v, a) => iif(v, a),
    is_defined: (v) => {
      if (v instanceof Undefined) throw new TemplateError('UndefinedError', v.hint);
      return v;
    },
    contains: (v, a) => iterate(v).some((x) => eq(x, a[0])),
    average: (v, a, kw) => {
      const items = iterate(v).map((x) => toFloat(x));
      if (!items.length || items.some((x) => x === undefined)) {
        if (a[0] === undefined && kw['default'] === undefined) throw noDefault('average', v);
        return a[0] ?? kw['default'];
      }
      return new PyFloat((items as number[]).reduce((s, x) => s + x, 0) / items.length);
    },
    multiply: (v, a) => {
      const f = toFloat(v);
      if (f === undefined) throw noDefault('multiply', v);
      return new PyFloat(f * (toFloat(a[0]) ?? 1));
    },
    slugify: (v) =>
      str(v)
        .toLowerCase()
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .replace(/[^a-z0-9]+/g, '_')
        .replace(/^_+|_+$/g, ''),
    state_attr: (v, a) => stateAttr(v, a[0]),
    is_state: (v, a) => isState(v, a[0]),
    is_state_attr: (v, a) => eq(stateAttr(v, a[0]), a[1]),
    has_value: (v) => hasValue(v),
    expand: (v, a) => expand(v, ...a),
  };
  for (const [name, fn] of Object.entries(registry)) filters[name] = (v, a) => fn.fn([v, ...a], {});

  const tests: Record<string, TestFn> = {
    ...BUILTIN_TESTS,
    match: (v, a) => regex(`^(?:${str(a[0])})`, a[1]).test(str(v)),
    search: (v, a) => regex(a[0], a[1]).test(str(v)),
    contains: (v, a) => iterate(v).some((x) => eq(x, a[0])),
    list: (v) => Array.isArray(v),
    datetime: (v) => v instanceof PyDateTime,
    is_state: (v, a) => isState(v, a[0]),
    is_state_attr: (v, a) => eq(stateAttr(v, a[0]), a[1]),
    has_value: (v) => hasValue(v),
  };

  const fn = (name: string, impl: (args: unknown[], kw: Record<string, unknown>) => unknown): PyFunction =>
    new PyFunction(name, impl);
  const env: Environment = {
    filters,
    tests,
    globals: {
      ...BUILTIN_GLOBALS,
      ...registry,
      states: new AllStates(hass, info),
      is_state: fn('is_state', (a) => isState(a[0], a[1])),
      state_attr: fn('state_attr', (a) => stateAttr(a[0], a[1])),
      is_state_attr: fn('is_state_attr', (a) => eq(stateAttr(a[0], a[1]), a[2])),
      has_value: fn('has_value', (a) => hasValue(a[0])),
      expand: fn('expand', (a) => expand(...a)),
      now: fn('now', () => {
        info.time = true;
        return local(nowMicros());
      }),
      utcnow: fn('utcnow', () => {
        info.time = true;
        return new PyDateTime(nowMicros(), 0);
      }),
      today_at: fn('today_at', (a) => {
        info.time = true;
        const [h = 0, m = 0, s = 0] = str(a[0] ?? '00:00')
          .split(':')
          .map(Number);
        const d = localDate(nowMicros(), tz);
        return local(localToMicros(tz, d.y, d.m, d.d, h, m, s));
      }),
      as_timestamp: fn('as_timestamp', (a, kw) => asTimestamp(a[0], a.slice(1), kw)),
      as_datetime: fn('as_datetime', (a, kw) => asDatetime(a[0], a.slice(1), kw)),
      as_local: fn('as_local', (a) => (filters['as_local'] as FilterFn)(a[0], [], {}, env)),
      float: fn('float', (a, kw) => float(a[0], a.slice(1), kw)),
      int: fn('int', (a, kw) => int(a[0], a.slice(1), kw)),
      bool: fn('bool', (a, kw) => bool(a[0], a.slice(1), kw)),
      iif: fn('iif', (a) => iif(a[0], a.slice(1))),
      min: fn('min', extremum('min')),
      max: fn('max', extremum('max')),
      zip: fn('zip', (a) => {
        const lists = a.map(iterate);
        const n = Math.min(...lists.map((l) => l.length));
        return Array.from({ length: n }, (_, i) => lists.map((l) => l[i]));
      }),
    },
  };
  return env;
}

/** Python's `round()`: correctly rounded, ties to even. */
function pythonRound(v: number, digits: number): number {
  const m = 10 ** digits;
  const scaled = v * m;
  const floor = Math.floor(scaled);
  const diff = scaled - floor;
  if (Math.abs(diff - 0.5) < 1e-9) return (floor % 2 === 0 ? floor : floor + 1) / m;
  return Number(v.toFixed(Math.max(0, digits)));
}
