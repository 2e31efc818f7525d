import type { HomeAssistantState } from '../core/hass.js';
import type { AreaEntry } from '../core/registries.js';
import type { State } from '../core/state-machine.js';

export type Target =
  | { kind: 'entity'; states: State[] }
  | { kind: 'area'; area: AreaEntry; states: State[] }
  | { kind: 'all'; states: State[] }
  | { kind: 'unknown' };

/** Domains Assist exposes by default (`homeassistant/exposed_entities.py` DEFAULT_EXPOSED_DOMAINS). */
const EXPOSED = new Set([
  'climate',
  'cover',
  'fan',
  'humidifier',
  'light',
  'media_player',
  'scene',
  'switch',
  'todo',
  'vacuum',
  'water_heater',
  'lock',
  'input_boolean',
  'script',
  'sensor',
  'binary_sensor',
  'weather',
]);

/** Plural/singular nouns users say for a domain ("the kitchen lights"). */
const NOUNS: Record<string, string> = {
  light: 'light',
  lights: 'light',
  lamp: 'light',
  lamps: 'light',
  switch: 'switch',
  switches: 'switch',
  blind: 'cover',
  blinds: 'cover',
  cover: 'cover',
  covers: 'cover',
};

function exposed(hass: HomeAssistantState): State[] {
  return hass.states.all().filter((s) => {
    if (!EXPOSED.has(s.domain)) return false;
    return (hass.registries.entity(s.entity_id)?.entity_category ?? null) === null;
  });
}

/**
 * Resolve what a user named: an entity by friendly name, "<area> lights" / "lights in <area>",
 * or "all lights". Mirrors the name/area/domain slots of `HassTurnOn`.
 */
export function resolveTarget(hass: HomeAssistantState, phraseIn: string, onlyDomain?: string): Target {
  const phrase = phraseIn.trim().replace(/^the /, '');
  const candidates = exposed(hass).filter((s) => !onlyDomain || s.domain === onlyDomain);
  const byName = (name: string): State[] => candidates.filter((s) => s.name.toLowerCase() === name);
  const direct = byName(phrase);
  if (direct.length) return { kind: 'entity', states: direct };

  const words = phrase.split(' ');
  const last = words[words.length - 1] ?? '';
  const noun = NOUNS[last];
  if (noun) {
    // "kitchen ceiling light" → entity "Kitchen Ceiling"; "kitchen lights" → area "Kitchen".
    const rest = words.slice(0, -1).join(' ');
    const named = byName(rest).filter((s) => s.domain === noun);
    if (named.length) return { kind: 'entity', states: named };
    if (rest === 'all' || rest === 'all the' || rest === 'all of the' || rest === '') {
      return { kind: 'all', states: candidates.filter((s) => s.domain === noun) };
    }
    const area = hass.registries.findArea(rest);
    if (area) return inArea(hass, area, candidates, noun);
  }
  const m = /^(?:all )?(?:the )?(\w+) in (?:the )?(.+)$/.exec(phrase);
  if (m && NOUNS[m[1] ?? '']) {
    const area = hass.registries.findArea(m[2] ?? '');
    if (area) return inArea(hass, area, candidates, NOUNS[m[1] ?? ''] ?? 'light');
  }
  return { kind: 'unknown' };
}

function inArea(hass: HomeAssistantState, area: AreaEntry, candidates: State[], domain: string): Target {
  const ids = new Set(hass.registries.entitiesInArea(area.area_id));
  return {
    kind: 'area',
    area,
    states: candidates.filter((s) => s.domain === domain && ids.has(s.entity_id)),
  };
}
