import { processConversation } from '../conversation/agent.js';
import { historyCompressed } from '../core/history-query.js';
import { logbookEvents } from '../core/logbook-query.js';
import { nowMicros, parseDatetime } from '../core/time.js';
import { boolean, listOf, strict, type Check } from '../core/vol.js';
import type { CommandTable, WsConnection } from './command.js';

const str = strict('str');
const optionalStr: Check = (v, path) => (v === null ? null : str(v, path));

function times(
  conn: WsConnection,
  msg: Record<string, unknown>,
): { start: number; end: number | null } | undefined {
  const id = msg['id'] as number;
  const start =
    typeof msg['start_time'] === 'string' ? parseDatetime(msg['start_time'], conn.hass.timeZone) : null;
  if (start === null) {
    conn.sendError(id, 'invalid_start_time', 'Invalid start_time');
    return undefined;
  }
  let end: number | null = null;
  if (typeof msg['end_time'] === 'string') {
    end = parseDatetime(msg['end_time'], conn.hass.timeZone);
    if (end === null) {
      conn.sendError(id, 'invalid_end_time', 'Invalid end_time');
      return undefined;
    }
  }
  return { start, end };
}

/** History, logbook, conversation and the current user. */
export const DATA_COMMANDS: CommandTable = {
  'history/history_during_period': {
    schema: {
      start_time: { check: str, required: true },
      end_time: { check: str },
      entity_ids: { check: listOf(str), required: true },
      include_start_time_state: { check: boolean, default: true },
      significant_changes_only: { check: boolean, default: true },
      minimal_response: { check: boolean, default: false },
      no_attributes: { check: boolean, default: false },
    },
    handle: (conn, msg) => {
      const t = times(conn, msg);
      if (!t) return;
      const now = nowMicros();
      if (t.start > now) return conn.sendResult(msg['id'] as number, {});
      conn.sendResult(
        msg['id'] as number,
        historyCompressed(conn.hass.recorder, {
          start: t.start,
          end: t.end ?? now + 1,
          entityIds: (msg['entity_ids'] as string[]).map((s) => s.toLowerCase()),
          includeStartTimeState: msg['include_start_time_state'] === true,
          significantChangesOnly: msg['significant_changes_only'] === true,
          minimalResponse: msg['minimal_response'] === true,
          noAttributes: msg['no_attributes'] === true,
        }),
      );
    },
  },
  'logbook/get_events': {
    schema: {
      start_time: { check: str, required: true },
      end_time: { check: str },
      entity_ids: { check: listOf(str) },
      context_id: { check: str },
    },
    handle: (conn, msg) => {
      const t = times(conn, msg);
      if (!t) return;
      const now = nowMicros();
      if (t.start > now) return conn.sendResult(msg['id'] as number, []);
      conn.sendResult(
        msg['id'] as number,
        logbookEvents(conn.hass.recorder, {
          start: t.start,
          end: t.end ?? now + 1,
          entityIds: (msg['entity_ids'] as string[] | undefined) ?? null,
          contextId: (msg['context_id'] as string | undefined) ?? null,
          form: 'ws',
        }),
      );
    },
  },
  'conversation/process': {
    schema: {
      text: { check: str, required: true },
      conversation_id: { check: optionalStr },
      language: { check: str },
      agent_id: { check: optionalStr },
    },
    handle: (conn, msg) =>
      conn.sendResult(
        msg['id'] as number,
        processConversation(
          conn.hass,
          {
            text: String(msg['text']),
            language: msg['language'] as string | undefined,
            conversation_id: (msg['conversation_id'] as string | null | undefined) ?? null,
          },
          conn.context(),
        ),
      ),
  },
  'auth/current_user': {
    schema: {},
    handle: (conn, msg) =>
      conn.sendResult(msg['id'] as number, {
        id: conn.hass.owner.id,
        name: conn.hass.owner.name,
        is_owner: true,
        is_admin: true,
        credentials: [{ auth_provider_type: 'homeassistant', auth_provider_id: null }],
        mfa_modules: [{ id: 'totp', name: 'Authenticator app', enabled: false }],
      }),
  },
};
