import { randomUUID } from 'node:crypto';
import {
  BusError,
  ConnectorToolsCall,
  ConnectorToolsCancel,
  type Caller,
  type ProgressUpdate,
  type ToolCallOutcome,
  type ToolResult,
} from '@mcp-gateway/contracts';
import type { ToolCallInput } from '@mcp-gateway/audit';
import type { BusClient } from '@mcp-gateway/bus';
import type { CatalogTool } from './catalog-types.js';
import { InstanceWatch } from './instance-watch.js';
import type { ResultCache } from './result-cache.js';

export interface InvokeOptions {
  readonly caller: Caller;
  /** Aborted when the client goes away; the connector is told to stop. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (update: ProgressUpdate) => void;
  readonly timeoutMs?: number;
}

/** Why a call was sent again. */
export type RetryReason = 'instance_lost' | 'not_accepted';

/** One call that ended, however it ended: what the audit log records. */
export type CompletedCall = ToolCallInput;

export interface InvokerOptions {
  /** A call no replica acknowledged within this time is treated as lost (its replica died holding it). */
  readonly ackTimeoutMs?: number;
  /** How many times a read-only call whose replica was lost is sent again (within its deadline). */
  readonly maxRetries?: number;
  /** How often the replicas running this front's calls are pinged. */
  readonly watchIntervalMs?: number;
  /** Results of read-only tools kept for reuse (`TOOL_CACHE`); calls that stream progress bypass it. */
  readonly cache?: ResultCache;
  /**
   * Told of every retry and of calls starting (+1) and ending (-1), for metrics, and of every call once it
   * has ended (a result, a tool error or a thrown error), for the audit log.
   */
  readonly observer?: {
    retried(connector: string, reason: RetryReason): void;
    inFlight(connector: string, delta: 1 | -1): void;
    /** A cacheable call was answered from the cache (`hit`) or had to go to the connector. */
    cached?(tool: string, hit: boolean): void;
    completed?(call: CompletedCall): void;
  };
}

/**
 * Sends validated tool calls to the owning connector's queue group and relays cancellation. Every call
 * asks the replica that takes it to acknowledge it; that replica is then watched (see
 * {@link InstanceWatch}). When it dies before answering, or no replica acknowledges the call at all, a
 * read-only call is sent again, so a replica lost under load fails none of them; any other call fails with
 * `CONNECTOR_UNAVAILABLE`, saying it may or may not have taken effect.
 */
export class ToolInvoker {
  private readonly watch: InstanceWatch;
  private readonly ackTimeoutMs: number;
  private readonly maxRetries: number;

  constructor(
    private readonly bus: BusClient,
    private readonly defaultTimeoutMs: number,
    private readonly options: InvokerOptions = {},
  ) {
    this.watch = new InstanceWatch(bus, options.watchIntervalMs ?? 1_000);
    this.ackTimeoutMs = options.ackTimeoutMs ?? 5_000;
    this.maxRetries = options.maxRetries ?? 2;
  }

  async invoke(
    tool: CatalogTool,
    args: Record<string, unknown>,
    options: InvokeOptions,
  ): Promise<ToolResult> {
    const startedAt = Date.now();
    const started = performance.now();
    const deadline = startedAt + (options.timeoutMs ?? this.defaultTimeoutMs);
    const readOnly = tool.descriptor.annotations.readOnlyHint === true;
    const taken: { instance?: string } = {};
    let retries = 0;
    let outcome: ToolCallOutcome = 'INTERNAL';
    this.options.observer?.inFlight(tool.connector, 1);
    const send = async (): Promise<ToolResult> => {
      for (let attempt = 0; ; attempt++) {
        taken.instance = undefined;
        const sent = await this.attempt(tool, args, options, deadline - Date.now(), taken);
        if ('result' in sent) return sent.result;
        const { reason } = sent;
        if (!readOnly || attempt >= this.maxRetries || deadline - Date.now() < 100) {
          throw lostError(tool, reason, readOnly);
        }
        retries++;
        this.options.observer?.retried(tool.connector, reason);
      }
    };
    try {
      const cache = this.options.cache;
      let result: ToolResult;
      if (cache && !options.onProgress && cache.ttlMs(tool) !== undefined) {
        const answer = await cache.through(tool, args, send);
        this.options.observer?.cached?.(tool.descriptor.name, answer.hit);
        // The audit log shows where a cached answer came from instead of a replica.
        if (answer.hit) taken.instance = 'front-cache';
        result = answer.result;
      } else {
        result = await send();
      }
      outcome = result.isError ? 'tool_error' : 'ok';
      return result;
    } catch (error) {
      if (error instanceof BusError) outcome = error.code;
      throw error;
    } finally {
      this.options.observer?.inFlight(tool.connector, -1);
      this.options.observer?.completed?.({
        tool: tool.descriptor.name,
        connector: tool.connector,
        ...(taken.instance ? { instance: taken.instance } : {}),
        outcome,
        startedAt,
        durationMs: performance.now() - started,
        retries,
        caller: options.caller,
        args,
      });
    }
  }

  /** Stops pinging replicas (the front is shutting down). */
  stop(): void {
    this.watch.stop();
  }

  /** One send: the result, or why the call was lost (its replica died, or none took it). */
  private async attempt(
    tool: CatalogTool,
    args: Record<string, unknown>,
    options: InvokeOptions,
    timeoutMs: number,
    taken: { instance?: string },
  ): Promise<{ result: ToolResult } | { reason: RetryReason }> {
    const callId = randomUUID();
    const params = { connector: tool.connector };
    const lost = new AbortController();
    const ackTimer = setTimeout(() => lost.abort('not_accepted'), Math.min(this.ackTimeoutMs, timeoutMs));
    let unwatch: (() => void) | undefined;
    const signal = options.signal ? AbortSignal.any([options.signal, lost.signal]) : lost.signal;
    try {
      const result = await this.bus.request(
        ConnectorToolsCall,
        params,
        {
          callId,
          tool: tool.descriptor.name,
          arguments: args,
          ack: true,
          // The connector gives up on its backend a little before we stop waiting, so its answer wins.
          timeoutMs: Math.max(1, timeoutMs - 250),
          caller: onTheWire(options.caller),
          ...(options.onProgress ? { progress: true } : {}),
        },
        {
          timeoutMs,
          signal,
          onAccepted: (instance) => {
            taken.instance = instance;
            clearTimeout(ackTimer);
            unwatch?.();
            unwatch = this.watch.watch(tool.connector, instance, () => lost.abort('instance_lost'));
          },
          ...(options.onProgress ? { onProgress: options.onProgress } : {}),
        },
      );
      return { result };
    } catch (error) {
      if (lost.signal.aborted && !options.signal?.aborted) {
        // Whoever held the call is gone; tell the connector anyway in case it is only slow.
        this.cancel(params, callId, 'given up: replica lost');
        return { reason: lost.signal.reason as RetryReason };
      }
      if (error instanceof BusError && (error.code === 'CANCELLED' || error.code === 'TIMEOUT')) {
        this.cancel(params, callId, error.code === 'CANCELLED' ? 'client went away' : 'timed out');
      }
      throw error;
    } finally {
      clearTimeout(ackTimer);
      unwatch?.();
    }
  }

  private cancel(params: { connector: string }, callId: string, reason: string): void {
    if (this.bus.connected) this.bus.publish(ConnectorToolsCancel, params, { callId, reason });
  }
}

/**
 * The caller as connectors get it: without the token fields, which only the audit log uses so far.
 * Connectors released before those fields existed refuse a caller carrying them (the schema allows no
 * unknown properties), so sending them would fail every call during a rolling upgrade; they can be sent
 * once every connector accepts them.
 */
function onTheWire(caller: Caller): Caller {
  return {
    surface: caller.surface,
    subject: caller.subject,
    ...(caller.clientId ? { clientId: caller.clientId } : {}),
  };
}

function lostError(tool: CatalogTool, reason: RetryReason, readOnly: boolean): BusError {
  const name = tool.descriptor.name;
  if (readOnly) {
    return new BusError(
      'CONNECTOR_UNAVAILABLE',
      `${name} could not be completed: the ${tool.connector} replicas running it kept going away.`,
    );
  }
  return new BusError(
    'CONNECTOR_UNAVAILABLE',
    reason === 'instance_lost'
      ? `The ${tool.connector} replica running ${name} stopped before answering; the call may or may not have taken effect. Check before trying again.`
      : `No ${tool.connector} replica took ${name} in time; it may or may not have taken effect. Check before trying again.`,
  );
}
