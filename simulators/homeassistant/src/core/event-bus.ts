import { isoformat, nowMicros, type Micros } from './time.js';

export interface Context {
  id: string;
  parent_id: string | null;
  user_id: string | null;
}

export type EventOrigin = 'LOCAL' | 'REMOTE';

/** `homeassistant.core.Event.as_dict()` key order. */
export interface HassEvent {
  event_type: string;
  data: Record<string, unknown>;
  origin: EventOrigin;
  time_fired: string;
  context: Context;
}

export interface FiredEvent {
  event: HassEvent;
  firedAt: Micros;
}

type Listener = (fired: FiredEvent) => void;

/** `MATCH_ALL` in HA. */
export const MATCH_ALL = '*';

/**
 * In-process event bus. Listeners run synchronously in registration order, like HA's
 * `run_immediately` callbacks, so a service call's `state_changed` events reach WS subscribers
 * before the call's result is sent.
 */
export class EventBus {
  private readonly listeners = new Map<string, Set<Listener>>();

  listen(eventType: string, listener: Listener): () => void {
    let set = this.listeners.get(eventType);
    if (!set) {
      set = new Set();
      this.listeners.set(eventType, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }

  fire(
    eventType: string,
    data: Record<string, unknown>,
    context: Context,
    origin: EventOrigin = 'LOCAL',
    firedAt: Micros = nowMicros(),
  ): FiredEvent {
    const fired: FiredEvent = {
      event: { event_type: eventType, data, origin, time_fired: isoformat(firedAt), context },
      firedAt,
    };
    for (const l of [...(this.listeners.get(eventType) ?? [])]) l(fired);
    for (const l of [...(this.listeners.get(MATCH_ALL) ?? [])]) l(fired);
    return fired;
  }

  /** `hass.bus.async_listeners()`: listener count per event type. */
  listenerCounts(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [type, set] of this.listeners) if (set.size > 0) out[type] = set.size;
    return out;
  }
}
