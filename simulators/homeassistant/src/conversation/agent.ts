import type { Context } from '../core/event-bus.js';
import type { HomeAssistantState } from '../core/hass.js';
import { ulid } from '../core/ids.js';
import type { State } from '../core/state-machine.js';
import { pyFloatRepr } from '../core/python-repr.js';
import { resolveTarget, type Target } from './targets.js';

export interface ConversationInput {
  text: string;
  language?: string;
  conversation_id?: string | null;
}

interface Outcome {
  type: 'action_done' | 'query_answer' | 'error';
  speech: string;
  data: Record<string, unknown>;
}

/** `ConversationResult.as_dict()` around an `IntentResponse`. */
function result(input: ConversationInput, o: Outcome): Record<string, unknown> {
  return {
    response: {
      speech: { plain: { speech: o.speech, extra_data: null } },
      card: {},
      language: input.language ?? 'en',
      response_type: o.type,
      data: o.data,
    },
    conversation_id: input.conversation_id ?? ulid(),
    continue_conversation: false,
  };
}

const error = (code: string, speech: string): Outcome => ({ type: 'error', speech, data: { code } });

const NO_MATCH = error('no_intent_match', "Sorry, I couldn't understand that");

/** What `HassTurnOn`/`HassTurnOff` call per domain (locks lock on "on", covers open). */
const ACTIONS: Record<string, { on?: string; off?: string }> = {
  light: { on: 'turn_on', off: 'turn_off' },
  switch: { on: 'turn_on', off: 'turn_off' },
  input_boolean: { on: 'turn_on', off: 'turn_off' },
  media_player: { on: 'turn_on', off: 'turn_off' },
  climate: { on: 'turn_on', off: 'turn_off' },
  cover: { on: 'open_cover', off: 'close_cover' },
  lock: { on: 'lock', off: 'unlock' },
  scene: { on: 'turn_on' },
  script: { on: 'turn_on' },
};

/** `responses/en/HassTurnOn.yaml` / `HassTurnOff.yaml`. */
const DOMAIN_WORDS: Record<string, string> = {
  light: 'the light',
  switch: 'the switch',
  input_boolean: 'the switch',
  media_player: 'the media player',
  climate: 'the thermostat',
};

function turnSpeech(on: boolean, target: Target, states: State[]): string {
  const domain = states[0]?.domain ?? '';
  if (target.kind === 'area' && domain === 'light')
    return on ? 'Turned on the lights' : 'Turned off the lights';
  if (target.kind === 'all' && domain === 'light')
    return on ? 'Turned on all of the lights' : 'Turned off all of the lights';
  if (domain === 'cover') return on ? 'Opening' : 'Closing';
  if (domain === 'lock') return on ? 'Locking' : 'Unlocking';
  if (domain === 'scene') return 'Activated';
  if (domain === 'script') return 'Started';
  return `${on ? 'Turned on' : 'Turned off'} ${DOMAIN_WORDS[domain] ?? 'None'}`;
}

function successData(target: Target, states: State[]): Record<string, unknown> {
  const success: Record<string, string>[] = [];
  if (target.kind === 'area') success.push({ name: target.area.name, type: 'area', id: target.area.area_id });
  for (const s of states) success.push({ name: s.name, type: 'entity', id: s.entity_id });
  return { targets: [], success, failed: [] };
}

function turn(
  hass: HomeAssistantState,
  on: boolean,
  phrase: string,
  context: Context,
  onlyDomain?: string,
): Outcome {
  const target = resolveTarget(hass, phrase, onlyDomain);
  if (target.kind === 'unknown')
    return error('no_valid_targets', `Sorry, I am not aware of any device called ${phrase}`);
  const acted = target.states.filter(
    (s) => (on ? ACTIONS[s.domain]?.on : ACTIONS[s.domain]?.off) !== undefined,
  );
  if (!acted.length) return error('no_valid_targets', `Sorry, no device supports the required features`);
  for (const s of acted) {
    const service = (on ? ACTIONS[s.domain]?.on : ACTIONS[s.domain]?.off) ?? 'turn_on';
    hass.services.call(s.domain, service, { entity_id: s.entity_id }, context);
  }
  return { type: 'action_done', speech: turnSpeech(on, target, acted), data: successData(target, acted) };
}

const numeric = (v: unknown): string =>
  typeof v === 'number' ? (Number.isInteger(v) ? String(v) : pyFloatRepr(v)) : String(v);

/** `HassClimateGetTemperature` (or the area's temperature/humidity sensor). */
function measure(
  hass: HomeAssistantState,
  kind: 'temperature' | 'humidity',
  areaPhrase: string | undefined,
): Outcome {
  const area = areaPhrase ? hass.registries.findArea(areaPhrase) : undefined;
  if (areaPhrase && !area)
    return error('no_valid_targets', `Sorry, I am not aware of any area called ${areaPhrase}`);
  const inScope = (s: State): boolean =>
    !area || hass.registries.effectiveAreaId(s.entity_id) === area.area_id;
  const all = hass.states.all().filter(inScope);
  const climate = kind === 'temperature' ? all.find((s) => s.domain === 'climate') : undefined;
  const sensor = all.find((s) => s.domain === 'sensor' && s.attributes['device_class'] === kind);
  const chosen = climate ?? sensor;
  if (!chosen) return error('no_valid_targets', `Sorry, no device supports the required features`);
  const value = chosen.domain === 'climate' ? chosen.attributes['current_temperature'] : chosen.state;
  const speech =
    kind === 'temperature' ? `${numeric(value)} ${value === 1 ? 'degree' : 'degrees'}` : `${numeric(value)}%`;
  return {
    type: 'query_answer',
    speech,
    data: { targets: [], success: [{ name: chosen.name, type: 'entity', id: chosen.entity_id }], failed: [] },
  };
}

function askState(hass: HomeAssistantState, phrase: string, wanted: string): Outcome {
  const target = resolveTarget(hass, phrase);
  const s = target.kind === 'unknown' ? undefined : target.states[0];
  if (!s) return error('no_valid_targets', `Sorry, I am not aware of any device called ${phrase}`);
  const unit = s.attributes['unit_of_measurement'];
  const withUnit = typeof unit === 'string' ? `${s.state} ${unit}` : s.state;
  return {
    type: 'query_answer',
    speech: s.state === wanted ? 'Yes' : `No, ${withUnit}`,
    data: { targets: [], success: [{ name: s.name, type: 'entity', id: s.entity_id }], failed: [] },
  };
}

/** A pattern-matching stand-in for HA's default agent (hassil sentences), English only. */
export function processConversation(
  hass: HomeAssistantState,
  input: ConversationInput,
  context: Context,
): Record<string, unknown> {
  const text = input.text
    .toLowerCase()
    .replace(/[?!.,]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  let m: RegExpExecArray | null;
  let outcome: Outcome = NO_MATCH;
  if ((m = /^(?:please )?(?:turn|switch) (on|off) (?:the )?(.+)$/.exec(text))) {
    outcome = turn(hass, m[1] === 'on', m[2] ?? '', context);
  } else if ((m = /^(?:please )?(?:turn|switch) (?:the )?(.+) (on|off)$/.exec(text))) {
    outcome = turn(hass, m[2] === 'on', m[1] ?? '', context);
  } else if ((m = /^(?:please )?(open|close) (?:the )?(.+)$/.exec(text))) {
    outcome = turn(hass, m[1] === 'open', m[2] ?? '', context, 'cover');
  } else if ((m = /^(?:please )?(lock|unlock) (?:the )?(.+)$/.exec(text))) {
    outcome = turn(hass, m[1] === 'lock', m[2] ?? '', context, 'lock');
  } else if ((m = /^(?:activate|run|start) (?:the )?(.+)$/.exec(text))) {
    outcome = turn(hass, true, m[1] ?? '', context);
  } else if ((m = /^what(?:'s| is) the (temperature|humidity)(?: in (?:the )?(.+))?$/.exec(text))) {
    outcome = measure(hass, m[1] === 'humidity' ? 'humidity' : 'temperature', m[2]);
  } else if ((m = /^how (?:warm|hot|cold) is (?:it in )?(?:the )?(.+)$/.exec(text))) {
    outcome = measure(hass, 'temperature', m[1]);
  } else if ((m = /^is (?:the )?(.+) (on|off|open|closed|locked|unlocked)$/.exec(text))) {
    outcome = askState(hass, m[1] ?? '', m[2] ?? '');
  }
  return result(input, outcome);
}
