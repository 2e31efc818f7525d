import type { HomeAssistantState } from '../core/hass.js';
import { registerCalendarServices, registerWeatherServices } from './domains/calendar-weather.js';
import { registerClimateServices } from './domains/climate.js';
import { registerCoverServices, registerLockServices } from './domains/cover-lock.js';
import { registerHomeAssistantServices } from './domains/homeassistant.js';
import { registerLightServices } from './domains/light.js';
import { registerMediaPlayerServices } from './domains/media-player.js';
import {
  registerConversationServices,
  registerLogbookServices,
  registerNotifyServices,
} from './domains/misc.js';
import { registerSceneScriptServices } from './domains/scene-script.js';
import { registerSwitchServices } from './domains/switches.js';
import { registerTodoServices } from './domains/todo.js';

/** Every action the demo home offers; call after the demo states exist (script names come from them). */
export function registerAllServices(hass: HomeAssistantState): void {
  registerHomeAssistantServices(hass);
  registerLightServices(hass);
  registerSwitchServices(hass);
  registerClimateServices(hass);
  registerCoverServices(hass);
  registerLockServices(hass);
  registerMediaPlayerServices(hass);
  registerSceneScriptServices(hass);
  registerTodoServices(hass);
  registerCalendarServices(hass);
  registerWeatherServices(hass);
  registerNotifyServices(hass);
  registerLogbookServices(hass);
  registerConversationServices(hass);
}
