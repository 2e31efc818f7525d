import { lastUserText, type ChatRequest } from './request.js';

/** Reads one request header by name (case-insensitive); `undefined` when absent. */
export type HeaderReader = (name: string) => string | undefined;

/**
 * Headers Open WebUI sends when the admin turns on `ENABLE_FORWARD_USER_INFO_HEADERS` or configures the
 * recommended custom connection headers (reference §2.8). Any of them — even empty, as
 * `X-OpenWebUI-Task` is on a real chat turn — marks the caller as Open WebUI.
 */
const OPEN_WEBUI_HEADERS = [
  'x-openwebui-chat-id',
  'x-openwebui-message-id',
  'x-openwebui-user-message-id',
  'x-openwebui-task',
  'x-openwebui-user-id',
  'x-openwebui-user-name',
  'x-openwebui-user-email',
  'x-openwebui-user-role',
  'x-openwebui-user-jwt',
];

/**
 * Whether the request comes from Open WebUI's backend, so chunks with an `event` key (status lines,
 * reference §2.10) are understood; other clients would see an unexpected empty-`choices` chunk.
 */
export function fromOpenWebUi(header: HeaderReader): boolean {
  return OPEN_WEBUI_HEADERS.some((name) => header(name) !== undefined);
}

/**
 * Whether this is one of Open WebUI's background tasks (title, tags, follow-ups, query generation,
 * autocomplete, …, reference §2.7): they want plain JSON text back, and running tools for them would be
 * slow, costly and wrong. Recognised by a non-empty `X-OpenWebUI-Task` header (the `{{TASK}}` template of
 * §2.8) or, when that header is not configured, by the shape every task prompt has: a non-streaming
 * request whose last user message starts with `### Task:` (`routers/tasks.py`).
 */
export function isBackgroundTask(request: ChatRequest, header: HeaderReader): boolean {
  if (header('x-openwebui-task')?.trim()) return true;
  return !request.stream && (lastUserText(request.messages)?.trimStart().startsWith('### Task:') ?? false);
}
