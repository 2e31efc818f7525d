import {
  DiscardPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  RetentionPolicy,
  StorageType,
  jetstream,
  jetstreamManager,
  type JetStreamClient,
  type JetStreamManager,
  type StreamConfig,
  type StreamInfo,
} from '@nats-io/jetstream';
import { AuditRecord, auditSubjects, jetStreamName } from '@mcp-gateway/contracts';
import type { BusConnection } from '@mcp-gateway/bus';
import type { AuditSink } from './audit-log.js';
import type { AuditSettings } from './settings.js';

/** `<prefix>_audit`, with the prefix made a valid stream name the way the auth buckets' names are. */
export function auditStreamName(prefix: string): string {
  return jetStreamName(prefix, 'audit');
}

const NANOS_PER_MS = 1_000_000;
/** How long JetStream remembers a record id to drop a retried write it has already stored. */
const DUPLICATE_WINDOW_MS = 120_000;

/** The limits the stream is kept at; {@link ensureAuditStream} brings an existing stream to them. */
function limits(settings: AuditSettings) {
  return {
    max_age: settings.maxAgeMs * NANOS_PER_MS,
    max_bytes: settings.maxBytes,
    num_replicas: settings.replicas,
    duplicate_window: Math.min(DUPLICATE_WINDOW_MS, settings.maxAgeMs) * NANOS_PER_MS,
  };
}

/**
 * Creates the audit stream, or updates an existing one whose limits differ from `settings` (every front
 * should be given the same settings). Records are only ever appended: the stream refuses to delete or
 * purge messages, and only its age and size limits remove the oldest.
 */
export async function ensureAuditStream(
  jsm: JetStreamManager,
  prefix: string,
  settings: AuditSettings,
): Promise<StreamInfo> {
  const name = auditStreamName(prefix);
  const wanted = limits(settings);
  let info = await streamInfo(jsm, name);
  if (!info) {
    const config: Partial<StreamConfig> & { name: string } = {
      name,
      description: 'MCP Gateway audit log: tool calls and refused tokens',
      subjects: [auditSubjects(prefix)],
      retention: RetentionPolicy.Limits,
      storage: StorageType.File,
      discard: DiscardPolicy.Old,
      deny_delete: true,
      deny_purge: true,
      ...wanted,
    };
    try {
      return await jsm.streams.add(config);
    } catch (error) {
      // Another front created it at the same moment; fall through to compare its limits.
      info = await streamInfo(jsm, name);
      if (!info) throw error;
    }
  }
  const current = info.config;
  const differs = (Object.keys(wanted) as (keyof typeof wanted)[]).some(
    (key) => current[key] !== wanted[key],
  );
  return differs ? jsm.streams.update(name, wanted) : info;
}

async function streamInfo(jsm: JetStreamManager, name: string): Promise<StreamInfo | undefined> {
  try {
    return await jsm.streams.info(name);
  } catch (error) {
    if (isStreamNotFound(error)) return undefined;
    throw error;
  }
}

export function isStreamNotFound(error: unknown): boolean {
  return error instanceof JetStreamApiError && error.code === JetStreamApiCodes.StreamNotFound;
}

/** Writes records to the audit stream of the bus's prefix, each with JetStream acknowledgement. */
export class JetStreamAuditSink implements AuditSink {
  private readonly js: JetStreamClient;
  private readonly stream: string;

  constructor(
    private readonly bus: BusConnection,
    private readonly settings: AuditSettings,
    private readonly timeoutMs = 5_000,
  ) {
    this.js = jetstream(bus.nc, { timeout: timeoutMs });
    this.stream = auditStreamName(bus.prefix);
  }

  get connected(): boolean {
    return this.bus.connected;
  }

  onReconnect(listener: () => void): () => void {
    return this.bus.onStatus((up) => {
      if (up) listener();
    });
  }

  async ensure(): Promise<void> {
    const jsm = await jetstreamManager(this.bus.nc, { timeout: this.timeoutMs });
    await ensureAuditStream(jsm, this.bus.prefix, this.settings);
  }

  async write(record: AuditRecord): Promise<void> {
    await this.js.publish(
      AuditRecord.subject(this.bus.prefix, { kind: record.kind }),
      JSON.stringify(record),
      {
        msgID: record.id,
        timeout: this.timeoutMs,
        expect: { streamName: this.stream },
      },
    );
  }
}
