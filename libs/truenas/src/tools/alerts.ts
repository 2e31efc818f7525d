import { Type } from '@sinclair/typebox';
import { READ_ONLY, ToolError, WRITE_IDEMPOTENT, defineTool, jsonResult } from '@mcp-gateway/connector-kit';
import type { TrueNasBackend } from '../backend.js';
import { compact, isoTime, plainText } from '../format.js';

/** `alert.list` levels, least to most severe (`api/v25_10_0/alert.py`). */
const LEVELS = ['INFO', 'NOTICE', 'WARNING', 'ERROR', 'CRITICAL', 'ALERT', 'EMERGENCY'] as const;

interface Alert {
  uuid: string;
  klass: string;
  level: (typeof LEVELS)[number];
  formatted: string | null;
  text: string;
  datetime?: unknown;
  last_occurrence?: unknown;
  dismissed: boolean;
  one_shot?: boolean;
}

function severity(level: string): number {
  return LEVELS.indexOf(level as (typeof LEVELS)[number]);
}

function row(a: Alert) {
  return compact({
    id: a.uuid,
    level: a.level,
    kind: a.klass,
    text: plainText(a.formatted ?? a.text).slice(0, 600),
    raised_at: isoTime(a.datetime),
    last_seen_at: isoTime(a.last_occurrence),
    dismissed: a.dismissed || undefined,
  });
}

const ListInput = Type.Object(
  {
    min_level: Type.Optional(
      Type.Union(
        LEVELS.map((l) => Type.Literal(l)),
        {
          description:
            'Only alerts at least this severe, e.g. "WARNING" (order: INFO < NOTICE < WARNING < ERROR < CRITICAL < ALERT < EMERGENCY).',
        },
      ),
    ),
    include_dismissed: Type.Optional(
      Type.Boolean({ default: false, description: 'Also show alerts someone dismissed (default false).' }),
    ),
  },
  { additionalProperties: false },
);

export const listAlerts = defineTool<TrueNasBackend, typeof ListInput>({
  name: 'truenas_list_alerts',
  title: 'TrueNAS: list alerts',
  description: [
    'Lists the active TrueNAS alerts, most severe and then most recent first: degraded pools, failing disks (S.M.A.R.T.), full pools, available updates, failed tasks…',
    'Each: id (to dismiss it), level, kind (the alert class), plain-text message, when raised and last seen.',
    'Use it for "is anything wrong with my NAS". Dismissed alerts are hidden unless include_dismissed.',
    'Example: {} or {"min_level": "WARNING"}.',
  ].join(' '),
  input: ListInput,
  annotations: READ_ONLY,
  async run(args, { backend, signal }) {
    const alerts = await backend.call<Alert[]>('alert.list', [], signal);
    const floor = args.min_level ? severity(args.min_level) : 0;
    const shown = alerts
      .filter((a) => severity(a.level) >= floor && (args.include_dismissed === true || !a.dismissed))
      .sort(
        (a, b) =>
          severity(b.level) - severity(a.level) ||
          ((b.datetime as { $date?: number } | undefined)?.$date ?? 0) -
            ((a.datetime as { $date?: number } | undefined)?.$date ?? 0),
      );
    const hidden = args.include_dismissed === true ? 0 : alerts.filter((a) => a.dismissed).length;
    const result: Record<string, unknown> = { total: shown.length, alerts: shown.map(row) };
    if (hidden > 0) result['dismissed_hidden'] = hidden;
    if (shown.length === 0) result['note'] = 'No alerts: TrueNAS reports nothing wrong at this level.';
    return jsonResult(result);
  },
});

const DismissInput = Type.Object(
  {
    id: Type.String({
      minLength: 1,
      maxLength: 100,
      pattern: '^[A-Za-z0-9-]+$',
      description: 'The alert id from truenas_list_alerts, e.g. "8c3e5a1d-4f2b-4e8a-9d61-2b7f0c9e1a02".',
    }),
  },
  { additionalProperties: false },
);

export const dismissAlert = defineTool<TrueNasBackend, typeof DismissInput>({
  name: 'truenas_dismiss_alert',
  title: 'TrueNAS: dismiss an alert',
  description: [
    'Dismisses one TrueNAS alert so it stops showing as new (it does not fix the cause; the alert returns if the problem is raised again). One-shot alerts are removed.',
    'Use the id from truenas_list_alerts.',
    'Example: {"id": "8c3e5a1d-4f2b-4e8a-9d61-2b7f0c9e1a02"}.',
  ].join(' '),
  input: DismissInput,
  annotations: WRITE_IDEMPOTENT,
  async run(args, { backend, signal }) {
    // alert.dismiss silently ignores unknown ids (`plugins/alert/queries.py`), so look first.
    const alerts = await backend.call<Alert[]>('alert.list', [], signal);
    const alert = alerts.find((a) => a.uuid === args.id);
    if (!alert) {
      throw new ToolError(`No alert with id ${args.id}. Current ids come from truenas_list_alerts.`);
    }
    await backend.call('alert.dismiss', [args.id], signal);
    return jsonResult({
      dismissed: args.id,
      level: alert.level,
      text: plainText(alert.formatted ?? alert.text).slice(0, 300),
      was_dismissed_already: alert.dismissed,
    });
  },
});
