import type { HassState } from './types.js';

/**
 * Attributes that cost a model tokens without telling it anything: pictures, bit masks, colour-space
 * duplicates of the colour already given, and UI hints. Dropped unless a tool is asked for everything.
 */
const NOISY_ATTRIBUTES: ReadonlySet<string> = new Set([
  'entity_picture',
  'supported_features',
  'supported_color_modes',
  'icon',
  'attribution',
  'friendly_name',
  'unit_of_measurement',
  'device_class',
  'xy_color',
  'hs_color',
  'color_temp',
  'min_mireds',
  'max_mireds',
  'restored',
  'editable',
  // Camera proxy credential: useless to a model, and a secret.
  'access_token',
]);

/** The display name: `friendly_name`, or the object id with spaces when there is none. */
export function nameOf(state: Pick<HassState, 'entity_id' | 'attributes'>): string {
  const friendly = state.attributes['friendly_name'];
  if (typeof friendly === 'string' && friendly !== '') return friendly;
  return (state.entity_id.split('.')[1] ?? state.entity_id).replace(/_/g, ' ');
}

export function unitOf(state: Pick<HassState, 'attributes'>): string | undefined {
  const unit = state.attributes['unit_of_measurement'];
  return typeof unit === 'string' && unit !== '' ? unit : undefined;
}

export function deviceClassOf(state: Pick<HassState, 'attributes'>): string | undefined {
  const value = state.attributes['device_class'];
  return typeof value === 'string' ? value : undefined;
}

/**
 * The attributes worth showing a model; `all` keeps everything Home Assistant sent. `brief` also drops
 * capability lists (effect_list, source_list) and long texts, for results that confirm a change.
 */
export function usefulAttributes(
  attributes: Record<string, unknown>,
  mode: 'all' | 'useful' | 'brief' = 'useful',
): Record<string, unknown> {
  if (mode === 'all') return attributes;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (NOISY_ATTRIBUTES.has(key) || value === null) continue;
    if (
      mode === 'brief' &&
      ((Array.isArray(value) && value.length > 8) || (typeof value === 'string' && value.length > 200))
    )
      continue;
    out[key] = value;
  }
  return out;
}

export interface CompactState {
  entity_id: string;
  name: string;
  state: string;
  unit?: string;
  device_class?: string;
  attributes?: Record<string, unknown>;
}

/** Entity id, name, state, unit and device class, plus attributes when asked. */
export function compactState(state: HassState, attributes?: 'all' | 'useful' | 'brief'): CompactState {
  const out: CompactState = { entity_id: state.entity_id, name: nameOf(state), state: state.state };
  const unit = unitOf(state);
  if (unit !== undefined) out.unit = unit;
  const deviceClass = deviceClassOf(state);
  if (deviceClass !== undefined) out.device_class = deviceClass;
  if (attributes !== undefined) {
    const kept = usefulAttributes(state.attributes, attributes);
    if (Object.keys(kept).length > 0) out.attributes = kept;
  }
  return out;
}

export function domainOf(entityId: string): string {
  return entityId.split('.')[0] ?? entityId;
}

/** A number when the state is numeric (`"21.5"`), otherwise undefined (`"on"`, `"unavailable"`). */
export function numericState(state: string): number | undefined {
  if (state.trim() === '') return undefined;
  const n = Number(state);
  return Number.isFinite(n) ? n : undefined;
}
