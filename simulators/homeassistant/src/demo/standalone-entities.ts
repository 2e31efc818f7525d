import { calendarEntityState, type CalendarInfo } from '../core/calendars.js';
import { TodoFeature, todoStateText, type TodoList } from '../core/todo.js';
import { DAY, HOUR, dateText, isoformat, localDate, type Micros } from '../core/time.js';
import type { Initial } from './entity-builders.js';
import { SCENES } from '../services/domains/scene-script.js';

/** Entities without a device (helpers, scripts, scenes, calendars, lists), with registry facts. */
export interface StandaloneEntity {
  entity_id: string;
  platform: string;
  name: string;
  area_id: string | null;
  unique_id: string;
  initial: Initial;
}

export interface StandaloneInput {
  now: Micros;
  timeZone: string;
  calendars: CalendarInfo[];
  todos: TodoList[];
}

export function demoTodoLists(now: Micros, timeZone: string): TodoList[] {
  const { y, m, d } = localDate(now + DAY, timeZone);
  return [
    {
      entity_id: 'todo.shopping_list',
      supportedFeatures:
        TodoFeature.CREATE_TODO_ITEM |
        TodoFeature.DELETE_TODO_ITEM |
        TodoFeature.UPDATE_TODO_ITEM |
        TodoFeature.MOVE_TODO_ITEM,
      items: [
        { summary: 'Milk', uid: 'b5f1e7d2a3c64f0e9a1d2c3b4a5f6e7d', status: 'needs_action' },
        { summary: 'Bread', uid: 'c6a2f8e3b4d75a1f0b2e3d4c5b6a7f8e', status: 'needs_action' },
        { summary: 'Coffee beans', uid: 'd7b3a9f4c5e86b2a1c3f4e5d6c7b8a9f', status: 'needs_action' },
        { summary: 'Eggs', uid: 'e8c4b0a5d6f97c3b2d4a5f6e7d8c9b0a', status: 'completed' },
      ],
    },
    {
      entity_id: 'todo.chores',
      supportedFeatures: 127,
      items: [
        {
          summary: 'Take out the bins',
          uid: '01JHQ8Y3V2C6W7N0P4R5S6T7V8',
          status: 'needs_action',
          due: dateText(y, m, d),
        },
        {
          summary: 'Water the plants',
          uid: '01JHQ8Y3V2C6W7N0P4R5S6T7V9',
          status: 'needs_action',
          description: 'Including the ones on the balcony',
        },
        { summary: 'Clean the gutters', uid: '01JHQ8Y3V2C6W7N0P4R5S6T7VA', status: 'completed' },
      ],
    },
  ];
}

const TODO_NAMES: Record<string, string> = { 'todo.shopping_list': 'Shopping List', 'todo.chores': 'Chores' };

export function standaloneEntities(i: StandaloneInput): StandaloneEntity[] {
  const out: StandaloneEntity[] = [];
  for (const cal of i.calendars) {
    out.push({
      entity_id: cal.entity_id,
      platform: cal.writable ? 'local_calendar' : 'holiday',
      name: cal.name,
      area_id: null,
      unique_id: cal.writable ? 'family' : 'NL',
      initial: calendarEntityState(cal, i.now, i.timeZone),
    });
  }
  for (const list of i.todos) {
    out.push({
      entity_id: list.entity_id,
      platform: list.entity_id === 'todo.shopping_list' ? 'shopping_list' : 'local_todo',
      name: TODO_NAMES[list.entity_id] ?? list.entity_id,
      area_id: list.entity_id === 'todo.shopping_list' ? 'kitchen' : null,
      unique_id: list.entity_id.slice('todo.'.length),
      initial: { state: todoStateText(list), attributes: { supported_features: list.supportedFeatures } },
    });
  }
  const helper = (id: string, name: string, icon: string, on: boolean): StandaloneEntity => ({
    entity_id: `input_boolean.${id}`,
    platform: 'input_boolean',
    name,
    area_id: null,
    unique_id: id,
    initial: { state: on ? 'on' : 'off', attributes: { editable: true, icon } },
  });
  out.push(helper('guest_mode', 'Guest Mode', 'mdi:account-multiple', false));
  out.push(helper('vacation_mode', 'Vacation Mode', 'mdi:airplane', false));
  out.push({
    entity_id: 'script.good_night',
    platform: 'script',
    name: 'Good Night',
    area_id: null,
    unique_id: 'good_night',
    initial: {
      state: 'off',
      attributes: {
        last_triggered: isoformat(i.now - DAY + HOUR),
        mode: 'single',
        current: 0,
        icon: 'mdi:weather-night',
      },
    },
  });
  out.push({
    entity_id: 'scene.movie_night',
    platform: 'homeassistant',
    name: 'Movie Night',
    area_id: 'living_room',
    unique_id: '1736931600001',
    initial: {
      // A scene's state is when it was last activated.
      state: isoformat(i.now - DAY - 3 * HOUR),
      attributes: {
        entity_id: [
          ...new Set((SCENES['scene.movie_night'] ?? []).flatMap((s) => [s.data['entity_id']].flat())),
        ],
        id: '1736931600001',
        icon: 'mdi:movie-open',
      },
    },
  });
  return out;
}
