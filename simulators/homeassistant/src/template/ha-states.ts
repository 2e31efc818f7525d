import type { HomeAssistantState } from '../core/hass.js';
import { isValidEntityId, type State } from '../core/state-machine.js';
import { isoformat, zoneOffsetMinutes } from '../core/time.js';
import { PyDateTime, PyFloat, PyFunction, Undefined, str, type PyObject } from './values.js';

/** What a render touched; becomes the `listeners` of a WS `render_template` event. */
export interface RenderInfo {
  all: boolean;
  domains: Set<string>;
  entities: Set<string>;
  time: boolean;
}

export function newRenderInfo(): RenderInfo {
  return { all: false, domains: new Set(), entities: new Set(), time: false };
}

/** JSON attribute values as template values: non-integral numbers are floats. */
export function toTemplateValue(v: unknown): unknown {
  if (typeof v === 'number') return Number.isInteger(v) ? v : new PyFloat(v);
  if (Array.isArray(v)) return v.map(toTemplateValue);
  if (v !== null && typeof v === 'object') {
    return Object.fromEntries(
      Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, toTemplateValue(x)]),
    );
  }
  return v === undefined ? null : v;
}

/** HA's `TemplateState`: a read-only view of a State. */
export class TemplateState implements PyObject {
  readonly pyType = 'TemplateState';

  constructor(
    private readonly s: State,
    private readonly timeZone: string,
  ) {}

  get entityId(): string {
    return this.s.entity_id;
  }

  getAttr(name: string): unknown {
    const s = this.s;
    switch (name) {
      case 'state':
        return s.state;
      case 'entity_id':
        return s.entity_id;
      case 'domain':
        return s.domain;
      case 'object_id':
        return s.objectId;
      case 'name':
        return s.name;
      case 'attributes':
        return toTemplateValue(s.attributes);
      case 'last_changed':
        return new PyDateTime(s.lastChanged, 0);
      case 'last_updated':
        return new PyDateTime(s.lastUpdated, 0);
      case 'last_reported':
        return new PyDateTime(s.lastReported, 0);
      case 'context':
        return { ...s.context };
      case 'state_with_unit': {
        const unit = s.attributes['unit_of_measurement'];
        return typeof unit === 'string' ? `${s.state} ${unit}` : s.state;
      }
      default:
        return new Undefined(`'TemplateState object' has no attribute '${name}'`);
    }
  }

  /** `<template TemplateState(<state light.x=on; brightness=180, ... @ 2026-...>)>`. */
  str(): string {
    const s = this.s;
    const attrs = Object.entries(s.attributes)
      .map(([k, v]) => `${k}=${str(toTemplateValue(v))}`)
      .join(', ');
    const changed = isoformat(s.lastChanged, zoneOffsetMinutes(s.lastChanged, this.timeZone));
    return `<template TemplateState(<state ${s.entity_id}=${s.state}; ${attrs} @ ${changed}>)>`;
  }
}

function sortedStates(hass: HomeAssistantState, domain?: string): State[] {
  return hass.states
    .all()
    .filter((s) => domain === undefined || s.domain === domain)
    .sort((a, b) => (a.entity_id < b.entity_id ? -1 : 1));
}

/** `states.light`: attribute access per entity, iteration over the domain. */
export class DomainStates implements PyObject {
  readonly pyType = 'DomainStates';

  constructor(
    private readonly hass: HomeAssistantState,
    private readonly domain: string,
    private readonly info: RenderInfo,
  ) {}

  getAttr(name: string): unknown {
    const entityId = `${this.domain}.${name}`;
    this.info.entities.add(entityId);
    const s = this.hass.states.get(entityId);
    return s ? new TemplateState(s, this.hass.timeZone) : null;
  }

  iterate(): unknown[] {
    this.info.domains.add(this.domain);
    return sortedStates(this.hass, this.domain).map((s) => new TemplateState(s, this.hass.timeZone));
  }

  str(): string {
    return `<template DomainStates('${this.domain}')>`;
  }
}

/** `states('x')`: the state string, or "unknown" for a missing entity. */
function stateOf(hass: HomeAssistantState, info: RenderInfo, entityId: string, withUnit: unknown): string {
  const id = entityId.toLowerCase();
  info.entities.add(id);
  const s = hass.states.get(id);
  if (!s) return 'unknown';
  const unit = s.attributes['unit_of_measurement'];
  return withUnit === true && typeof unit === 'string' ? `${s.state} ${unit}` : s.state;
}

/**
 * `states`: callable (`states('light.x')`), with domain attributes (`states.light`) and iterable
 * over everything — which makes a render depend on all states (`listeners.all`).
 */
export class AllStates extends PyFunction implements PyObject {
  readonly pyType = 'AllStates';

  constructor(
    private readonly hass: HomeAssistantState,
    private readonly info: RenderInfo,
  ) {
    super('states', (args, kwargs) => stateOf(hass, info, str(args[0]), args[2] ?? kwargs['with_unit']));
  }

  getAttr(name: string): unknown {
    if (!/^[a-z0-9_]+$/.test(name) || !isValidEntityId(`${name}.x`)) {
      return new Undefined(`'AllStates object' has no attribute '${name}'`);
    }
    return new DomainStates(this.hass, name, this.info);
  }

  iterate(): unknown[] {
    this.info.all = true;
    return sortedStates(this.hass).map((s) => new TemplateState(s, this.hass.timeZone));
  }

  str(): string {
    return '<template AllStates>';
  }
}
