import type { AuditEntry, AuditFeed, AuditTailOptions } from '@mcp-gateway/audit';
import type { CliClient } from './connect.js';
import type { Output } from './output.js';

/** An {@link Output} that keeps what was written. */
export function recorder(): Output & { stdout: string; stderr: string } {
  const rec = {
    stdout: '',
    stderr: '',
    out: (text: string) => void (rec.stdout += text),
    err: (text: string) => void (rec.stderr += text),
  };
  return rec;
}

export interface FakeCall {
  readonly op: string;
  readonly payload: unknown;
  readonly options: unknown;
}

type Answer = (payload: unknown) => unknown;

/**
 * A bus client whose requests are answered by `answers[op.name]` (a thrown error is the failure); events
 * published go to `onPublish`, which may call the subscribers.
 */
export function fakeClient(
  answers: Record<string, Answer>,
  onPublish: (op: string, message: unknown, deliver: (op: string, message: unknown) => void) => void = () =>
    undefined,
): { client: CliClient; calls: FakeCall[]; subscriptions: () => number } {
  const calls: FakeCall[] = [];
  const handlers = new Map<string, (message: unknown) => void>();
  const deliver = (op: string, message: unknown) => handlers.get(op)?.(message);
  const client = {
    request: (op: { name: string }, _params: unknown, payload: unknown, options?: unknown) => {
      calls.push({ op: op.name, payload, options });
      const answer = answers[op.name];
      if (!answer) return Promise.reject(new Error(`unexpected request ${op.name}`));
      // Inside `then`, a throwing answer becomes the rejection, as a failed request would.
      return Promise.resolve().then(() => answer(payload));
    },
    publish: (op: { name: string }, _params: unknown, message: unknown) =>
      onPublish(op.name, message, deliver),
    subscribe: (op: { name: string }, _params: unknown, handler: (message: unknown) => void) => {
      handlers.set(op.name, handler);
      return { unsubscribe: () => handlers.delete(op.name) };
    },
  };
  return { client: client as unknown as CliClient, calls, subscriptions: () => handlers.size };
}

/**
 * An audit feed over `stored` entries: the last `lines` (of the kind asked for), then, when following,
 * `later` ones, then nothing until the signal aborts. `failure` is thrown instead when set.
 */
export function fakeAuditFeed(
  stored: readonly AuditEntry[],
  options: { later?: readonly AuditEntry[]; failure?: Error } = {},
): AuditFeed & { asked: AuditTailOptions[] } {
  const asked: AuditTailOptions[] = [];
  return {
    asked,
    async *tail(tail: AuditTailOptions) {
      asked.push(tail);
      await Promise.resolve();
      if (options.failure) throw options.failure;
      const matches = (entry: AuditEntry) => !tail.kind || entry.record?.kind === tail.kind;
      const newest = stored.filter(matches);
      yield* tail.lines === 0 ? [] : newest.slice(-tail.lines);
      if (!tail.follow) return;
      yield* (options.later ?? []).filter(matches);
      const signal = tail.signal;
      if (signal && !signal.aborted) {
        await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
      }
    },
  };
}
