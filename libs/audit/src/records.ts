import { createHash, randomUUID } from 'node:crypto';
import {
  canonicalJson,
  type AuthFailureRecord,
  type Caller,
  type Surface,
  type ToolCallOutcome,
  type ToolCallRecord,
} from '@mcp-gateway/contracts';

/** One finished tool call, as the front's invoker reports it. */
export interface ToolCallInput {
  readonly tool: string;
  readonly connector: string;
  readonly instance?: string;
  readonly outcome: ToolCallOutcome;
  readonly startedAt: number;
  readonly durationMs: number;
  readonly retries: number;
  readonly caller: Caller;
  readonly args: Record<string, unknown>;
}

export function toolCallRecord(call: ToolCallInput): ToolCallRecord {
  const { caller } = call;
  const redacted = redactArguments(call.args);
  return {
    id: randomUUID(),
    at: new Date(call.startedAt).toISOString(),
    kind: 'tool-call',
    surface: caller.surface,
    caller: {
      subject: caller.subject,
      ...(caller.clientId ? { clientId: caller.clientId } : {}),
      ...(caller.tokenId ? { tokenId: caller.tokenId } : {}),
      ...(caller.tokenName ? { tokenName: caller.tokenName } : {}),
      ...(caller.tokenKind ? { tokenKind: caller.tokenKind } : {}),
    },
    tool: call.tool,
    connector: call.connector,
    ...(call.instance ? { instance: call.instance } : {}),
    argumentsDigest: argumentsDigest(call.args),
    arguments: redacted.arguments,
    truncated: redacted.truncated,
    outcome: call.outcome,
    durationMs: Math.max(0, Math.round(call.durationMs)),
    retries: call.retries,
  };
}

/** One refused bearer token; the front knows where it came from, the authenticator what it was. */
export interface AuthFailureInput {
  readonly surface: Surface;
  readonly reason: 'invalid' | 'unavailable';
  readonly detail?: string;
  readonly tokenKind: 'jwt' | 'opaque';
  readonly tokenFingerprint: string;
  readonly remoteAddress: string;
  /** The request URL; the query string is dropped (it may carry anything). */
  readonly url: string;
}

export function authFailureRecord(failure: AuthFailureInput): AuthFailureRecord {
  return {
    id: randomUUID(),
    at: new Date().toISOString(),
    kind: 'auth-failure',
    surface: failure.surface,
    reason: failure.reason,
    ...(failure.detail ? { detail: failure.detail.slice(0, 300) } : {}),
    tokenKind: failure.tokenKind,
    tokenFingerprint: failure.tokenFingerprint,
    remoteAddress: failure.remoteAddress.slice(0, 100),
    path: (failure.url.split('?', 1)[0] ?? '').slice(0, 200),
  };
}

/** sha256 (hex) of the canonical JSON of the arguments as sent: equal arguments, equal digests. */
export function argumentsDigest(args: Record<string, unknown>): string {
  return createHash('sha256').update(canonicalJson(args)).digest('hex');
}

/**
 * Keys whose values are secrets wherever they appear (case-insensitive, anywhere in the key): passwords,
 * tokens, API and private keys, authorisation headers, cookies, credentials, session ids; and, as whole
 * keys, the PINs and codes of locks and alarm panels.
 */
const SECRET_KEY =
  /pass(word|wd|phrase)|^pwd$|secret|token|api[-_]?key|access[-_]?key|private[-_]?key|authori[sz]ation|cookie|credential|session[-_]?id|^(pin|code|otp)$/i;

export const REDACTED = '[redacted]';
/** Longer strings are cut to this many characters (plus an ellipsis). */
export const MAX_STRING = 1_000;
/** Roughly the most characters of JSON a record's arguments take; beyond it keys and items are left out. */
export const MAX_ARGUMENTS_CHARS = 8_192;
const MAX_DEPTH = 32;

interface Budget {
  left: number;
  truncated: boolean;
}

/**
 * The arguments as the audit log keeps them: secret values replaced by {@link REDACTED}, long strings cut,
 * and the whole capped at about {@link MAX_ARGUMENTS_CHARS} characters by leaving out what comes after;
 * `truncated` says whether anything was cut or left out (redaction alone does not count).
 */
export function redactArguments(args: Record<string, unknown>): {
  arguments: Record<string, unknown>;
  truncated: boolean;
} {
  const budget: Budget = { left: MAX_ARGUMENTS_CHARS, truncated: false };
  return { arguments: copyObject(args, 0, budget), truncated: budget.truncated };
}

function copy(value: unknown, depth: number, budget: Budget): unknown {
  if (typeof value === 'string') {
    if (value.length <= MAX_STRING) {
      budget.left -= value.length + 2;
      return value;
    }
    budget.truncated = true;
    budget.left -= MAX_STRING + 3;
    return `${value.slice(0, MAX_STRING)}…`;
  }
  if (value === null || typeof value !== 'object') {
    budget.left -= String(value).length;
    return value;
  }
  if (depth >= MAX_DEPTH) {
    budget.truncated = true;
    return '[too deep]';
  }
  if (!Array.isArray(value)) return copyObject(value as Record<string, unknown>, depth + 1, budget);
  const out: unknown[] = [];
  for (const item of value) {
    if (budget.left <= 0) {
      budget.truncated = true;
      break;
    }
    budget.left -= 1;
    out.push(copy(item, depth + 1, budget));
  }
  return out;
}

function copyObject(value: Record<string, unknown>, depth: number, budget: Budget): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (budget.left <= 0) {
      budget.truncated = true;
      break;
    }
    budget.left -= key.length + 4;
    let kept: unknown = REDACTED;
    if (SECRET_KEY.test(key)) budget.left -= REDACTED.length + 2;
    else kept = copy(item, depth, budget);
    // defineProperty, not assignment: a key named "__proto__" must stay a plain key.
    Object.defineProperty(out, key, { value: kept, enumerable: true, writable: true, configurable: true });
  }
  return out;
}
