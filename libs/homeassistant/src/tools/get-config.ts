import { Type } from '@sinclair/typebox';
import { READ_ONLY, defineTool, jsonResult } from '@mcp-gateway/connector-kit';
import type { HomeAssistantBackend } from '../backend.js';
import { formatTime } from '../time.js';
import type { HassConfig } from '../types.js';

const Input = Type.Object(
  {
    include_integrations: Type.Optional(
      Type.Boolean({
        default: false,
        description: 'Also list the loaded integrations (domains). Default false: only their count.',
      }),
    ),
  },
  { additionalProperties: false },
);

export const getConfig = defineTool<HomeAssistantBackend, typeof Input>({
  name: 'homeassistant_get_config',
  title: 'Home Assistant: get configuration',
  description: [
    "Reads Home Assistant's core configuration: location name, version, run state, time zone and the current local time there, units (temperature, length…), country, language, currency, coordinates and elevation, and how many integrations are loaded.",
    'Use it to learn the local time and units before interpreting sensor values or time windows.',
    'Example: {} or {"include_integrations": true}.',
  ].join(' '),
  input: Input,
  annotations: READ_ONLY,
  async run(args, { backend, signal }) {
    const config = await backend.rest.get<HassConfig>('/api/config', { signal });
    const timeZone = config.time_zone ?? 'UTC';
    const components = config.components ?? [];
    // Entries with a dot are platforms of an integration ("sensor.cpuspeed"); the rest are integrations.
    const integrations = [...new Set(components.filter((c) => !c.includes('.')))].sort();
    const out: Record<string, unknown> = {
      location_name: config.location_name,
      version: config.version,
      state: config.state,
      time_zone: timeZone,
      local_time: formatTime(new Date(), timeZone),
      unit_system: config.unit_system,
      country: config.country ?? undefined,
      language: config.language,
      currency: config.currency,
      latitude: config.latitude,
      longitude: config.longitude,
      elevation: config.elevation,
      integrations: integrations.length,
      components: components.length,
    };
    if (config.safe_mode || config.recovery_mode) out['recovery_mode'] = true;
    if (args.include_integrations) out['integration_list'] = integrations;
    return jsonResult(JSON.parse(JSON.stringify(out)) as Record<string, unknown>);
  },
});
