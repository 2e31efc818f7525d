import { entityExtendedEntry, entityListEntry, type EntityEntry } from '../core/registries.js';
import { boolean, dict, ensureList, str, strict } from '../core/vol.js';
import { TARGET_FIELDS, selectTargets } from '../services/targets.js';
import type { CommandTable } from './command.js';

const ENTITY_CATEGORY_INDEX: Record<string, number> = { config: 0, diagnostic: 1 };

/** `RegistryEntry.display_json_repr`: the short keys of `list_for_display`. */
function displayEntry(e: EntityEntry): Record<string, unknown> {
  const out: Record<string, unknown> = { ei: e.entity_id, pl: e.platform };
  if (e.area_id !== null) out['ai'] = e.area_id;
  if (e.labels.length) out['lb'] = e.labels;
  if (e.device_id !== null) out['di'] = e.device_id;
  if (e.translation_key !== null) out['tk'] = e.translation_key;
  const icon = e.icon ?? e.extended.original_icon;
  if (icon !== null) out['ic'] = icon;
  if (e.entity_category !== null) out['ec'] = ENTITY_CATEGORY_INDEX[e.entity_category];
  if (e.hidden_by !== null) out['hb'] = true;
  if (e.has_entity_name) out['hn'] = true;
  const name = e.name ?? e.original_name;
  if (name !== null) out['en'] = name;
  const sensorOptions = e.options['sensor'] as Record<string, unknown> | undefined;
  const precision = sensorOptions?.['display_precision'] ?? sensorOptions?.['suggested_display_precision'];
  if (e.entity_id.startsWith('sensor.') && precision !== undefined) out['dp'] = precision;
  return out;
}

/** `config/*_registry/*` and `extract_from_target`. */
export const REGISTRY_COMMANDS: CommandTable = {
  'config/area_registry/list': {
    schema: {},
    handle: (conn, msg) => conn.sendResult(msg['id'] as number, conn.hass.registries.areas),
  },
  'config/floor_registry/list': {
    schema: {},
    handle: (conn, msg) => conn.sendResult(msg['id'] as number, conn.hass.registries.floors),
  },
  'config/label_registry/list': {
    schema: {},
    handle: (conn, msg) => conn.sendResult(msg['id'] as number, conn.hass.registries.labels),
  },
  'config/device_registry/list': {
    schema: {},
    handle: (conn, msg) => conn.sendResult(msg['id'] as number, conn.hass.registries.devices),
  },
  'config/entity_registry/list': {
    schema: {},
    handle: (conn, msg) =>
      conn.sendResult(msg['id'] as number, conn.hass.registries.entities.map(entityListEntry)),
  },
  'config/entity_registry/list_for_display': {
    schema: {},
    handle: (conn, msg) =>
      conn.sendResult(msg['id'] as number, {
        entity_categories: { '0': 'config', '1': 'diagnostic' },
        entities: conn.hass.registries.entities.filter((e) => e.disabled_by === null).map(displayEntry),
      }),
  },
  'config/entity_registry/get': {
    schema: { entity_id: { check: strict('str'), required: true } },
    handle: (conn, msg) => {
      const entry = conn.hass.registries.entity(String(msg['entity_id']));
      if (!entry) conn.sendError(msg['id'] as number, 'not_found', 'Entity not found');
      else conn.sendResult(msg['id'] as number, entityExtendedEntry(entry));
    },
  },
  'config/entity_registry/get_entries': {
    schema: { entity_ids: { check: ensureList(str), required: true } },
    handle: (conn, msg) => {
      const out: Record<string, unknown> = {};
      for (const id of msg['entity_ids'] as string[]) {
        const entry = conn.hass.registries.entity(id);
        out[id] = entry ? entityExtendedEntry(entry) : null;
      }
      conn.sendResult(msg['id'] as number, out);
    },
  },
  extract_from_target: {
    schema: {
      target: { check: dict(TARGET_FIELDS), required: true },
      expand_group: { check: boolean, default: false },
    },
    handle: (conn, msg) => {
      const sel = selectTargets(conn.hass.registries, msg['target'] as Record<string, unknown>, () =>
        conn.hass.states.entityIds(),
      );
      const sorted = (s: Set<string>): string[] => [...s].sort();
      conn.sendResult(msg['id'] as number, {
        referenced_entities: sorted(new Set([...sel.referenced, ...sel.indirect])),
        referenced_devices: sorted(sel.referencedDevices),
        referenced_areas: sorted(sel.referencedAreas),
        missing_devices: sorted(sel.missingDevices),
        missing_areas: sorted(sel.missingAreas),
        missing_floors: sorted(sel.missingFloors),
        missing_labels: sorted(sel.missingLabels),
      });
    },
  },
};
