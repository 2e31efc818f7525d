/** A tool call the scripted model makes. */
export interface ScriptedToolCall {
  name: string;
  /** An object is JSON-encoded; a string is sent verbatim (it may be invalid JSON on purpose). */
  arguments: Record<string, unknown> | string;
  /** Defaults to a deterministic `call_…` id. */
  id?: string;
}

/** An HTTP error answered before any stream starts, with the OpenAI error object. */
export interface ScriptedError {
  status: number;
  message: string;
  /** Defaults by status: `invalid_request_error`, `authentication_error`, `rate_limit_error`, `server_error`… */
  type?: string;
  code?: string | null;
  param?: string | null;
}

interface Delayed {
  /** Wait this long before answering (before the response headers). */
  delayMs?: number;
}

/**
 * One scripted answer; each chat request consumes one step. A step with neither of the other keys
 * (`{ delayMs }` alone) answers with the default echo.
 */
export type LlmStep =
  | (Delayed & { text: string })
  /** `text`, if any, is streamed as content before the calls. */
  | (Delayed & { toolCalls: readonly ScriptedToolCall[]; text?: string })
  | (Delayed & { error: ScriptedError })
  /** Streams `text` (default "Partial answer") then an `error` chunk and `[DONE]`; a 500 when not streaming. */
  | (Delayed & { streamError: string; text?: string })
  /** A 200 whose JSON body, or one of whose `data:` lines, is cut off mid-object. */
  | (Delayed & { badJson: true })
  /** Never answers; the request stays open until the client gives up or the simulator closes. */
  | { hang: true }
  | Required<Delayed>;

export interface ResolvedToolCall {
  id: string;
  name: string;
  arguments: string;
}

/** What the simulator does for one request, after defaults are applied. */
export type Reply =
  | { kind: 'answer'; text: string; toolCalls: readonly ResolvedToolCall[] }
  | { kind: 'error'; error: ScriptedError }
  | { kind: 'streamError'; text: string; message: string }
  | { kind: 'badJson' }
  | { kind: 'hang' };

export function stepDelay(step: LlmStep): number {
  return 'delayMs' in step ? Math.max(0, step.delayMs ?? 0) : 0;
}

export function resolveStep(step: LlmStep, echo: string, nextCallId: () => string): Reply {
  if ('hang' in step) return { kind: 'hang' };
  if ('error' in step) return { kind: 'error', error: step.error };
  if ('streamError' in step)
    return { kind: 'streamError', text: step.text ?? 'Partial answer', message: step.streamError };
  if ('badJson' in step) return { kind: 'badJson' };
  if ('toolCalls' in step) {
    const toolCalls = step.toolCalls.map((call) => ({
      id: call.id ?? nextCallId(),
      name: call.name,
      arguments: typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments),
    }));
    return { kind: 'answer', text: step.text ?? '', toolCalls };
  }
  if ('text' in step) return { kind: 'answer', text: step.text, toolCalls: [] };
  return { kind: 'answer', text: echo, toolCalls: [] };
}
