import type { Context } from '../../core/event-bus.js';
import type { HomeAssistantState } from '../../core/hass.js';
import { isoformat, nowMicros } from '../../core/time.js';
import { dict } from '../../core/vol.js';
import { registerEntityService } from '../entity-service.js';
import { field, numberField } from '../fields.js';

interface Step {
  domain: string;
  service: string;
  data: Record<string, unknown>;
}

/** What activating each scene does, as service calls (HA reproduces the stored states). */
export const SCENES: Record<string, Step[]> = {
  'scene.movie_night': [
    {
      domain: 'light',
      service: 'turn_on',
      data: { entity_id: 'light.living_room_lamp', brightness: 60, color_temp_kelvin: 2200 },
    },
    {
      domain: 'light',
      service: 'turn_off',
      data: { entity_id: ['light.kitchen_ceiling', 'light.kitchen_counter'] },
    },
    { domain: 'cover', service: 'close_cover', data: { entity_id: 'cover.living_room_blinds' } },
    {
      domain: 'media_player',
      service: 'media_play',
      data: { entity_id: 'media_player.living_room_speaker' },
    },
  ],
};

/** Each script's sequence of actions. */
export const SCRIPTS: Record<string, Step[]> = {
  'script.good_night': [
    { domain: 'light', service: 'turn_off', data: { entity_id: 'all' } },
    { domain: 'lock', service: 'lock', data: { entity_id: 'lock.front_door' } },
    {
      domain: 'cover',
      service: 'close_cover',
      data: { entity_id: ['cover.bedroom_blinds', 'cover.living_room_blinds'] },
    },
    {
      domain: 'climate',
      service: 'set_temperature',
      data: { entity_id: 'climate.bedroom_radiator', temperature: 17 },
    },
  ],
};

function runSteps(hass: HomeAssistantState, steps: Step[], context: Context): void {
  for (const s of steps) hass.services.call(s.domain, s.service, s.data, context);
}

/** Run a script the way `script` does: on → actions → off, with a `script_started` event. */
function runScript(hass: HomeAssistantState, entityId: string, context: Context): void {
  const state = hass.states.get(entityId);
  const steps = SCRIPTS[entityId];
  if (!state || !steps) return;
  hass.bus.fire('script_started', { name: state.name, entity_id: entityId }, context);
  hass.update(entityId, 'on', { last_triggered: isoformat(nowMicros()), current: 1 }, context);
  try {
    runSteps(hass, steps, context);
  } finally {
    hass.update(entityId, 'off', { current: 0 }, context);
  }
}

export function registerSceneScriptServices(hass: HomeAssistantState): void {
  registerEntityService(hass, 'scene', 'turn_on', {
    name: 'Activate',
    description: 'Activates a scene.',
    fields: {
      transition: numberField(
        'Transition',
        'Time it takes the devices to transition into the states defined in the scene.',
        { min: 0, max: 300, unit: 'seconds' },
      ),
    },
    apply: (state, _data, call) => {
      runSteps(hass, SCENES[state.entity_id] ?? [], call.context);
      // A scene's state is the time it was last activated.
      hass.update(state.entity_id, isoformat(nowMicros()), {}, call.context);
    },
  });
  const variables = field(dict({}, { allowExtra: true }), 'Variables', 'Variables to pass to the script.', {
    object: null,
  });
  registerEntityService(hass, 'script', 'turn_on', {
    name: 'Turn on',
    description: 'Runs the sequence of actions defined in a script.',
    fields: { variables },
    apply: (state, _data, call) => runScript(hass, state.entity_id, call.context),
  });
  registerEntityService(hass, 'script', 'turn_off', {
    name: 'Turn off',
    description: 'Stops a running script.',
    apply: () => undefined,
  });
  registerEntityService(hass, 'script', 'toggle', {
    name: 'Toggle',
    description: "Toggle a script. Starts it, if isn't running, stops it otherwise.",
    apply: (state, _data, call) =>
      state.state === 'on' ? undefined : runScript(hass, state.entity_id, call.context),
  });
  for (const entityId of Object.keys(SCRIPTS)) {
    const objectId = entityId.slice('script.'.length);
    hass.services.register('script', objectId, {
      name: hass.states.get(entityId)?.name ?? objectId,
      description:
        'Turns off all lights, locks the front door, closes the blinds and lowers the bedroom heating.',
      // Script fields are free-form variables.
      allowExtra: true,
      fields: {},
      supportsResponse: 'optional',
      handler: (call) => {
        runScript(hass, entityId, call.context);
        return call.returnResponse ? {} : undefined;
      },
    });
  }
}
