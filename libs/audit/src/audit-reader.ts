import { jetstream, jetstreamManager, type Consumer, type JsMsg, type StreamInfo } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { AuditRecord, auditSubjects, compileSchema, type AuditKind } from '@mcp-gateway/contracts';
import { auditStreamName, isStreamNotFound } from './audit-stream.js';

/** One stored record: its stream sequence, the JSON as stored, and the record when it matches the contract. */
export interface AuditEntry {
  readonly seq: number;
  readonly json: string;
  /** Undefined for a record this version cannot read (written by a newer front, or damaged). */
  readonly record: AuditRecord | undefined;
}

export interface AuditTailOptions {
  /** How many of the newest records to read first (0: none). */
  readonly lines: number;
  /** Only records of this kind. */
  readonly kind?: AuditKind;
  /** Keep reading new records until `signal` aborts. */
  readonly follow: boolean;
  readonly signal?: AbortSignal;
}

/** What the CLI reads the audit log through (a fake in its tests). */
export interface AuditFeed {
  tail(options: AuditTailOptions): AsyncIterable<AuditEntry>;
}

/** Why the log cannot be read: no JetStream on this NATS, or no stream (no front ever ran with this prefix). */
export class AuditReadError extends Error {
  constructor(
    readonly problem: 'no-jetstream' | 'no-stream',
    message: string,
  ) {
    super(message);
    this.name = 'AuditReadError';
  }
}

const validate = compileSchema<AuditRecord>(AuditRecord.message);

/**
 * Reads the audit stream with an ordered consumer (ephemeral, in memory, recreated by the client after a
 * reconnect; nothing is acknowledged or left behind). The last `lines` records of a kind are found without
 * reading the whole stream: the consumer's pending count tells how many match from a start sequence, so
 * the start moves back until enough match.
 */
export class AuditReader implements AuditFeed {
  constructor(
    private readonly nc: NatsConnection,
    private readonly prefix: string,
  ) {}

  async *tail(options: AuditTailOptions): AsyncGenerator<AuditEntry> {
    const info = await this.streamInfo();
    const { first_seq: first, last_seq: last, messages: count } = info.state;
    const stream = info.config.name;
    const filter = options.kind
      ? AuditRecord.subject(this.prefix, { kind: options.kind })
      : auditSubjects(this.prefix);
    const open = (start: number) =>
      jetstream(this.nc).consumers.get(stream, { filter_subjects: filter, opt_start_seq: start });

    let consumer: Consumer;
    let matching = 0;
    if (options.lines <= 0 || count === 0) {
      if (!options.follow) return;
      consumer = await open(last + 1);
    } else {
      for (let window = options.lines; ; window *= 4) {
        const start = Math.max(first, last - window + 1);
        consumer = await open(start);
        matching = (await consumer.info(true)).num_pending;
        if (matching >= options.lines || start <= first) break;
        await consumer.delete().catch(() => false);
      }
    }
    if (matching === 0 && !options.follow) {
      await consumer.delete().catch(() => false);
      return;
    }
    const messages = await consumer.consume();
    const stop = () => void messages.close();
    if (options.signal?.aborted) stop();
    options.signal?.addEventListener('abort', stop, { once: true });
    // The records up to `last` are read into a ring of `lines` and shown once the backlog is read: the
    // consumer's pending count above only sized the window, and it can run ahead of what is delivered.
    const recent: AuditEntry[] = [];
    let backlog = matching > 0 && options.lines > 0;
    try {
      for await (const message of messages) {
        if (!backlog) {
          yield entry(message);
          continue;
        }
        recent.push(entry(message));
        if (recent.length > options.lines) recent.shift();
        if (message.info.pending === 0 || message.seq >= last) {
          backlog = false;
          yield* recent;
          if (!options.follow) break;
        }
      }
    } finally {
      options.signal?.removeEventListener('abort', stop);
      await messages.close();
      await consumer.delete().catch(() => false);
    }
  }

  private async streamInfo(): Promise<StreamInfo> {
    const name = auditStreamName(this.prefix);
    let jsm;
    try {
      jsm = await jetstreamManager(this.nc);
    } catch (error) {
      throw new AuditReadError(
        'no-jetstream',
        `JetStream does not answer on this NATS server (${error instanceof Error ? error.message : String(error)})`,
      );
    }
    try {
      return await jsm.streams.info(name);
    } catch (error) {
      if (!isStreamNotFound(error)) throw error;
      throw new AuditReadError(
        'no-stream',
        `there is no audit stream ${name}: no front has run with GATEWAY_SUBJECT_PREFIX=${this.prefix} on this NATS`,
      );
    }
  }
}

function entry(message: JsMsg): AuditEntry {
  const json = message.string();
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    parsed = undefined;
  }
  return { seq: message.seq, json, record: validate(parsed) ? parsed : undefined };
}
