import { randomBytes } from 'node:crypto';
import type { ChatError } from './errors.js';
import type { ToolCall, Usage } from './openai-types.js';

/**
 * The answer to one chat completion request, written as it is produced. Two implementations: a stream
 * of SSE chunks (`StreamReply`) and one JSON body written at the end (`JsonReply`). Calls after the
 * answer has ended (finished, failed or abandoned) are ignored.
 */
export interface Reply {
  /**
   * Commits to a successful answer: a stream sends its headers. Before this a failure is an HTTP error
   * status; after it, an `error` chunk.
   */
  begin(): void;
  /** Adds to the assistant message: `content`, `reasoning_content`, or any field an upstream streamed. */
  delta(delta: Readonly<Record<string, unknown>>): void;
  /** Tool calls of the client's own tools, for the client to run (it calls back with the results). */
  clientToolCalls(calls: readonly ToolCall[]): void;
  /** An Open WebUI status line (reference §2.10); only streams to Open WebUI show it. */
  status(description: string, done: boolean): void;
  finish(reason: string, usage: Usage): void;
  fail(error: ChatError): void;
  /** The client went away: stop writing and release the response. */
  abandon(): void;
}

/** Open WebUI's status lines and the reasoning channel, all that tool runs need of a reply. */
export type ProgressSink = Pick<Reply, 'delta' | 'status'>;

/** What every chunk (or the one response) of an answer repeats. */
export interface ReplyIdentity {
  readonly id: string;
  readonly created: number;
  /** The model id the client asked for. */
  readonly model: string;
}

export function replyIdentity(model: string): ReplyIdentity {
  return {
    id: `chatcmpl-${randomBytes(15).toString('base64url')}`,
    created: Math.floor(Date.now() / 1000),
    model,
  };
}
