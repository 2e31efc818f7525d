import { AuditReadError, type AuditEntry, type AuditFeed } from '@mcp-gateway/audit';
import type { AuditKind } from '@mcp-gateway/contracts';
import { InvalidArgumentError } from 'commander';
import { CliError } from './cli-error.js';
import type { Output } from './output.js';

export interface AuditTailFlags {
  readonly lines: number;
  readonly kind?: AuditKind;
  readonly follow: boolean;
  readonly json: boolean;
}

/**
 * `gateway audit tail`: the newest records, then (with `follow`) new ones as they are stored, until
 * `interrupt` aborts. A table with fixed columns, so rows printed later line up, or JSON lines as stored.
 */
export async function tailAudit(
  feed: AuditFeed,
  output: Output,
  flags: AuditTailFlags,
  interrupt?: AbortSignal,
): Promise<void> {
  let printed = 0;
  let headed = flags.json;
  const header = () => {
    if (!headed) output.out(auditRow(HEADERS));
    headed = true;
  };
  if (flags.follow) header();
  try {
    const entries = feed.tail({
      lines: flags.lines,
      follow: flags.follow,
      ...(flags.kind ? { kind: flags.kind } : {}),
      ...(interrupt ? { signal: interrupt } : {}),
    });
    for await (const entry of entries) {
      header();
      output.out(flags.json ? `${entry.json}\n` : auditRow(cellsOf(entry)));
      printed++;
    }
  } catch (error) {
    if (error instanceof AuditReadError) throw new CliError(error.message);
    throw error;
  }
  if (printed === 0 && !flags.follow && !flags.json) {
    output.out(`No ${flags.kind ? `${flags.kind} ` : ''}audit records.\n`);
  }
}

/** `-n, --lines`: a whole number of records from 0 to 100,000. */
export function parseLines(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n > 100_000) {
    throw new InvalidArgumentError('Use a whole number from 0 to 100000.');
  }
  return n;
}

const HEADERS = ['TIME (UTC)', 'SURFACE', 'WHO', 'TOOL / PATH', 'OUTCOME', 'MS', 'INSTANCE'];
/** Column widths; the last column is not padded. */
const WIDTHS = [19, 7, 28, 34, 21, 6];

export function auditRow(cells: readonly string[]): string {
  const padded = cells.map((cell, i) => {
    const width = WIDTHS[i];
    if (width === undefined) return cell;
    return (cell.length > width ? `${cell.slice(0, width - 1)}…` : cell).padEnd(width);
  });
  return `${padded.join('  ').trimEnd()}\n`;
}

export function cellsOf(entry: AuditEntry): string[] {
  const { record } = entry;
  if (!record) return ['?', '?', '?', `record #${entry.seq} is unreadable here (see --json)`];
  const time = instant(record.at);
  if (record.kind === 'auth-failure') {
    return [
      time,
      record.surface,
      record.remoteAddress,
      `${record.path} (${record.tokenKind} token ${record.tokenFingerprint})`,
      `refused: ${record.reason}`,
      '-',
      '-',
    ];
  }
  const { caller } = record;
  const retries =
    record.retries === 0 ? '' : `, ${record.retries} ${record.retries === 1 ? 'retry' : 'retries'}`;
  return [
    time,
    record.surface,
    caller.clientId ? `${caller.subject} (${caller.clientId})` : caller.subject,
    record.tool,
    `${record.outcome}${retries}`,
    String(record.durationMs),
    record.instance ?? '-',
  ];
}

/** `2030-01-31 09:05:07`: seconds matter in an audit log. */
function instant(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toISOString().slice(0, 19).replace('T', ' ');
}
