import { State, compressedState } from '../core/state-machine.js';
import { boolean, coerce, strict } from '../core/vol.js';
import { entityIds } from '../services/targets.js';
import { listenersOf, renderTemplate } from '../template/render.js';
import { TemplateError } from '../template/values.js';
import type { RenderInfo } from '../template/ha-states.js';
import type { CommandTable, WsConnection } from './command.js';

/** Does a change of `entityId` affect a render that touched `info`? */
function affects(info: RenderInfo, entityId: string): boolean {
  return (
    info.all || info.entities.has(entityId) || info.domains.has(entityId.slice(0, entityId.indexOf('.')))
  );
}

/**
 * `render_template`: a subscription. The result frame comes first, then one event with
 * `{result, listeners}`, and a new event whenever a state the template read changes its output.
 * Render errors are only reported as events with `report_errors` (as in current HA).
 */
function renderTemplateSubscription(conn: WsConnection, msg: Record<string, unknown>): void {
  const id = msg['id'] as number;
  const source = String(msg['template']);
  const variables = (msg['variables'] as Record<string, unknown> | undefined) ?? {};
  const reportErrors = msg['report_errors'] === true;
  let last: string | undefined;
  let info: RenderInfo | undefined;
  const render = (): void => {
    try {
      const out = renderTemplate(conn.hass, source, variables, { parseResult: true });
      info = out.info;
      const frame = JSON.stringify({ result: out.result, listeners: listenersOf(out.info) });
      if (frame !== last) conn.sendRaw(`{"id":${id},"type":"event","event":${frame}}`);
      last = frame;
    } catch (e) {
      if (!(e instanceof TemplateError)) throw e;
      if (reportErrors) conn.sendEvent(id, { error: e.message, level: 'ERROR' });
    }
  };
  conn.subscribe(
    id,
    conn.hass.bus.listen('state_changed', ({ event }) => {
      if (info && affects(info, String(event.data['entity_id']))) render();
    }),
  );
  conn.sendResult(id);
  render();
}

/** `subscribe_entities`: compressed states, then `{c: {id: {"+": …, "-": …}}}` diffs and `{r: [id]}` removals. */
function subscribeEntities(conn: WsConnection, msg: Record<string, unknown>): void {
  const id = msg['id'] as number;
  const wanted = Array.isArray(msg['entity_ids']) ? new Set(msg['entity_ids'] as string[]) : null;
  const include = (entityId: string): boolean => !wanted || wanted.has(entityId);
  conn.subscribe(
    id,
    conn.hass.bus.listen('state_changed', ({ event }) => {
      const entityId = String(event.data['entity_id']);
      if (!include(entityId)) return;
      const old = event.data['old_state'];
      const next = event.data['new_state'];
      if (!(next instanceof State)) conn.sendEvent(id, { r: [entityId] });
      else if (!(old instanceof State)) conn.sendEvent(id, { a: { [entityId]: compressedState(next) } });
      else conn.sendEvent(id, { c: { [entityId]: stateDiff(old, next) } });
    }),
  );
  conn.sendResult(id);
  const initial: Record<string, unknown> = {};
  for (const s of conn.hass.states.all()) if (include(s.entity_id)) initial[s.entity_id] = compressedState(s);
  conn.sendEvent(id, { a: initial });
}

/** `_state_diff` in `homeassistant/core.py`. */
function stateDiff(old: State, next: State): Record<string, unknown> {
  const add: Record<string, unknown> = {};
  const diff: Record<string, unknown> = { '+': add };
  if (old.state !== next.state) add['s'] = next.state;
  if (old.lastChanged !== next.lastChanged) add['lc'] = next.lastChanged / 1e6;
  else if (old.lastUpdated !== next.lastUpdated) add['lu'] = next.lastUpdated / 1e6;
  const ctx: Record<string, unknown> = {};
  if (old.context.parent_id !== next.context.parent_id) ctx['parent_id'] = next.context.parent_id;
  if (old.context.user_id !== next.context.user_id) ctx['user_id'] = next.context.user_id;
  if (old.context.id !== next.context.id) {
    if (Object.keys(ctx).length) ctx['id'] = next.context.id;
    else add['c'] = next.context.id;
  }
  if (Object.keys(ctx).length) add['c'] = ctx;
  const changedAttrs: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(next.attributes)) {
    if (JSON.stringify(old.attributes[k]) !== JSON.stringify(v)) changedAttrs[k] = v;
  }
  if (Object.keys(changedAttrs).length) add['a'] = changedAttrs;
  const removed = Object.keys(old.attributes).filter((k) => !(k in next.attributes));
  if (removed.length) diff['-'] = { a: removed };
  return diff;
}

export const SUBSCRIPTION_COMMANDS: CommandTable = {
  render_template: {
    schema: {
      template: { check: strict('str'), required: true },
      entity_ids: { check: entityIds },
      variables: { check: strict('dict') },
      timeout: { check: coerce('float') },
      strict: { check: boolean, default: false },
      report_errors: { check: boolean, default: false },
    },
    handle: renderTemplateSubscription,
  },
  subscribe_entities: {
    schema: { entity_ids: { check: entityIds } },
    handle: subscribeEntities,
  },
};
