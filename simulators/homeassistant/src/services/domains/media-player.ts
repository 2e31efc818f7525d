import type { HomeAssistantState } from '../../core/hass.js';
import type { State } from '../../core/state-machine.js';
import { MediaFeature } from '../../demo/entity-builders.js';
import { registerEntityService } from '../entity-service.js';
import { boolField, numberField } from '../fields.js';
import type { ServiceCall } from '../registry.js';

/** A short queue so next/previous track visibly change what is playing. */
const QUEUE = [
  {
    media_title: 'So What',
    media_artist: 'Miles Davis',
    media_album_name: 'Kind of Blue',
    media_duration: 562,
  },
  {
    media_title: 'Freddie Freeloader',
    media_artist: 'Miles Davis',
    media_album_name: 'Kind of Blue',
    media_duration: 586,
  },
  {
    media_title: 'Blue in Green',
    media_artist: 'Miles Davis',
    media_album_name: 'Kind of Blue',
    media_duration: 337,
  },
];

function queueStep(state: State, step: number): Record<string, unknown> {
  const at = QUEUE.findIndex((t) => t.media_title === state.attributes['media_title']);
  const next = QUEUE[((((at < 0 ? 0 : at) + step) % QUEUE.length) + QUEUE.length) % QUEUE.length] ?? QUEUE[0];
  return { ...next, media_position: 0 };
}

export function registerMediaPlayerServices(hass: HomeAssistantState): void {
  const set = (
    state: State,
    value: string,
    call: ServiceCall,
    changes: Record<string, unknown> = {},
  ): void => {
    hass.update(state.entity_id, value, changes, call.context);
  };
  const simple: [string, string, string, number, (s: State, c: ServiceCall) => void][] = [
    [
      'turn_on',
      'Turn on',
      'Turns on the power of the media player.',
      MediaFeature.TURN_ON,
      (s, c) => set(s, s.state === 'off' ? 'idle' : s.state, c),
    ],
    [
      'turn_off',
      'Turn off',
      'Turns off the power of the media player.',
      MediaFeature.TURN_OFF,
      (s, c) => set(s, 'off', c),
    ],
    ['media_play', 'Play', 'Starts playing.', MediaFeature.PLAY, (s, c) => set(s, 'playing', c)],
    ['media_pause', 'Pause', 'Pauses.', MediaFeature.PAUSE, (s, c) => set(s, 'paused', c)],
    ['media_stop', 'Stop', 'Stops playing.', MediaFeature.STOP, (s, c) => set(s, 'idle', c)],
    [
      'media_play_pause',
      'Play/Pause',
      'Toggles play/pause.',
      MediaFeature.PLAY | MediaFeature.PAUSE,
      (s, c) => set(s, s.state === 'playing' ? 'paused' : 'playing', c),
    ],
    [
      'media_next_track',
      'Next',
      'Selects the next track.',
      MediaFeature.NEXT_TRACK,
      (s, c) => set(s, s.state, c, queueStep(s, 1)),
    ],
    [
      'media_previous_track',
      'Previous',
      'Selects the previous track.',
      MediaFeature.PREVIOUS_TRACK,
      (s, c) => set(s, s.state, c, queueStep(s, -1)),
    ],
  ];
  for (const [service, name, description, feature, act] of simple) {
    registerEntityService(hass, 'media_player', service, {
      name,
      description,
      requiredFeatures: feature,
      apply: (state, _d, call) => act(state, call),
    });
  }
  registerEntityService(hass, 'media_player', 'volume_set', {
    name: 'Set volume',
    description: 'Sets the volume level.',
    requiredFeatures: MediaFeature.VOLUME_SET,
    fields: {
      volume_level: numberField(
        'Level',
        'The volume. 0 is inaudible, 1 is the maximum volume.',
        { min: 0, max: 1, step: 0.01 },
        { required: true },
      ),
    },
    apply: (state, data, call) =>
      set(state, state.state, call, { volume_level: Number(data['volume_level']) }),
  });
  registerEntityService(hass, 'media_player', 'volume_mute', {
    name: 'Mute/unmute volume',
    description: 'Mutes or unmutes the media player.',
    requiredFeatures: MediaFeature.VOLUME_MUTE,
    fields: {
      is_volume_muted: boolField('Muted', 'Defines whether or not it is muted.', { required: true }),
    },
    apply: (state, data, call) =>
      set(state, state.state, call, { is_volume_muted: data['is_volume_muted'] === true }),
  });
}
