/** `todo.TodoItem` as `todo.get_items` returns it (optional keys only when set). */
export interface TodoItem {
  summary: string;
  uid: string;
  status: 'needs_action' | 'completed';
  due?: string;
  description?: string;
}

/** `TodoListEntityFeature` bits. */
export const TodoFeature = {
  CREATE_TODO_ITEM: 1,
  DELETE_TODO_ITEM: 2,
  UPDATE_TODO_ITEM: 4,
  MOVE_TODO_ITEM: 8,
  SET_DUE_DATE_ON_ITEM: 16,
  SET_DUE_DATETIME_ON_ITEM: 32,
  SET_DESCRIPTION_ON_ITEM: 64,
} as const;

export interface TodoList {
  entity_id: string;
  supportedFeatures: number;
  items: TodoItem[];
}

/** A to-do entity's state is the number of open items. */
export function todoStateText(list: TodoList): string {
  return String(list.items.filter((i) => i.status === 'needs_action').length);
}
