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
