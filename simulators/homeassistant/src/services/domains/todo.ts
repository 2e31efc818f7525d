import { validationError } from '../../core/errors.js';
import type { HomeAssistantState } from '../../core/hass.js';
import { ulid } from '../../core/ids.js';
import type { State } from '../../core/state-machine.js';
import { TodoFeature, todoStateText, type TodoItem, type TodoList } from '../../core/todo.js';
import { Invalid, ensureList, hasAtLeastOneKey, oneOf, str, type Check } from '../../core/vol.js';
import { registerEntityService } from '../entity-service.js';
import { field, textField } from '../fields.js';
import type { ServiceCall } from '../registry.js';

const dateCheck: Check = (v, path) => {
  const s = str(v, path) as string;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) throw new Invalid(`Invalid date specified: ${s}`, path);
  return s;
};
const datetimeCheck: Check = (v, path) => {
  const s = str(v, path) as string;
  if (!/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?/.test(s))
    throw new Invalid(`Invalid datetime specified: ${s}`, path);
  return s;
};

const FIELD_FEATURES: Record<string, number> = {
  due_date: TodoFeature.SET_DUE_DATE_ON_ITEM,
  due_datetime: TodoFeature.SET_DUE_DATETIME_ON_ITEM,
  description: TodoFeature.SET_DESCRIPTION_ON_ITEM,
};

function listFor(hass: HomeAssistantState, state: State): TodoList {
  const list = hass.todos.get(state.entity_id);
  if (!list) throw new Error(`no to-do store for ${state.entity_id}`);
  return list;
}

function checkFields(list: TodoList, data: Record<string, unknown>): void {
  for (const [name, feature] of Object.entries(FIELD_FEATURES)) {
    if (data[name] !== undefined && (list.supportedFeatures & feature) === 0) {
      throw validationError(
        'todo',
        'update_field_not_supported',
        'Entity {entity_id} does not support setting field: {service_field}',
        {
          entity_id: list.entity_id,
          service_field: name,
        },
      );
    }
  }
}

function findItem(list: TodoList, key: string): TodoItem {
  const item = list.items.find((i) => i.uid === key) ?? list.items.find((i) => i.summary === key);
  if (!item)
    throw validationError('todo', 'item_not_found', 'Unable to find To-do item: {item}', { item: key });
  return item;
}

function applyDetails(item: TodoItem, data: Record<string, unknown>): void {
  if (typeof data['due_date'] === 'string') item.due = data['due_date'];
  if (typeof data['due_datetime'] === 'string') item.due = data['due_datetime'];
  if (typeof data['description'] === 'string') item.description = data['description'];
}

export function registerTodoServices(hass: HomeAssistantState): void {
  const save = (list: TodoList, call: ServiceCall): void => {
    hass.update(list.entity_id, todoStateText(list), {}, call.context);
  };
  const details = {
    due_date: field(
      dateCheck,
      'Due date',
      'The date the to-do item is expected to be completed.',
      { date: null },
      { filter: { supported_features: [TodoFeature.SET_DUE_DATE_ON_ITEM] } },
    ),
    due_datetime: field(
      datetimeCheck,
      'Due date and time',
      'The date and time the to-do item is expected to be completed.',
      { datetime: null },
      { filter: { supported_features: [TodoFeature.SET_DUE_DATETIME_ON_ITEM] } },
    ),
    description: textField(
      'Description',
      'A more complete description of the to-do item than provided by the item name.',
      { filter: { supported_features: [TodoFeature.SET_DESCRIPTION_ON_ITEM] } },
    ),
  };
  registerEntityService(hass, 'todo', 'add_item', {
    name: 'Add to-do list item',
    description: 'Adds a new to-do list item.',
    requiredFeatures: TodoFeature.CREATE_TODO_ITEM,
    fields: {
      item: textField('Item name', 'The name that represents the to-do item.', {
        required: true,
        example: 'Submit income tax return',
      }),
      ...details,
    },
    apply: (state, data, call) => {
      const list = listFor(hass, state);
      checkFields(list, data);
      const item: TodoItem = {
        summary: String(data['item']),
        uid: ulid().toLowerCase(),
        status: 'needs_action',
      };
      applyDetails(item, data);
      list.items.push(item);
      save(list, call);
    },
  });
  registerEntityService(hass, 'todo', 'update_item', {
    name: 'Update to-do list item',
    description: 'Updates an existing to-do list item based on its name.',
    requiredFeatures: TodoFeature.UPDATE_TODO_ITEM,
    fields: {
      item: textField('Item name', 'The name for the to-do list item.', {
        required: true,
        example: 'Submit income tax return',
      }),
      rename: textField('Rename item', 'The new name for the to-do item', { example: 'Something else' }),
      status: field(
        oneOf(['needs_action', 'completed']),
        'Set status',
        'A status or confirmation of the to-do item.',
        { select: { options: ['needs_action', 'completed'], translation_key: 'status' } },
        { example: 'needs_action' },
      ),
      ...details,
    },
    refine: (check) =>
      hasAtLeastOneKey(check, ['rename', 'status', 'due_date', 'due_datetime', 'description']),
    apply: (state, data, call) => {
      const list = listFor(hass, state);
      checkFields(list, data);
      const item = findItem(list, String(data['item']));
      if (typeof data['rename'] === 'string') item.summary = data['rename'];
      if (data['status'] === 'needs_action' || data['status'] === 'completed') item.status = data['status'];
      applyDetails(item, data);
      save(list, call);
    },
  });
  registerEntityService(hass, 'todo', 'remove_item', {
    name: 'Remove a to-do list item',
    description: 'Removes an existing to-do list item by its name or UID.',
    requiredFeatures: TodoFeature.DELETE_TODO_ITEM,
    fields: {
      item: field(
        ensureList(str),
        'Item name',
        'The name for the to-do list items.',
        { text: { multiple: true } },
        { required: true },
      ),
    },
    apply: (state, data, call) => {
      const list = listFor(hass, state);
      const doomed = (data['item'] as string[]).map((key) => findItem(list, key));
      list.items = list.items.filter((i) => !doomed.includes(i));
      save(list, call);
    },
  });
  registerEntityService(hass, 'todo', 'remove_completed_items', {
    name: 'Remove all completed to-do list items',
    description: 'Removes all to-do list items that have been completed.',
    requiredFeatures: TodoFeature.DELETE_TODO_ITEM,
    apply: (state, _data, call) => {
      const list = listFor(hass, state);
      list.items = list.items.filter((i) => i.status !== 'completed');
      save(list, call);
    },
  });
  registerEntityService(hass, 'todo', 'get_items', {
    name: 'Get to-do list items',
    description: 'Gets items on a to-do list.',
    supportsResponse: 'only',
    fields: {
      status: field(
        ensureList(oneOf(['needs_action', 'completed'])),
        'Status',
        'Only return to-do items with the specified statuses. Returns not completed actions by default.',
        { select: { options: ['needs_action', 'completed'], translation_key: 'status', multiple: true } },
        { default: 'needs_action', example: 'needs_action' },
      ),
    },
    apply: (state, data) => {
      const wanted = (data['status'] as string[] | undefined) ?? ['needs_action'];
      const statuses = wanted.length ? wanted : ['needs_action'];
      return {
        items: listFor(hass, state)
          .items.filter((i) => statuses.includes(i.status))
          .map((i) => ({ ...i })),
      };
    },
  });
}
