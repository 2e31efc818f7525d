import type { ToolResult } from '@mcp-gateway/contracts';

/** Claude.ai accepts about 150,000 characters per result; stay well under it. */
export const MAX_RESULT_CHARS = 100_000;

/**
 * A JSON result: compact JSON text for every client, plus `structuredContent` when the value is an object
 * (MCP 2025-11-25 requires an object there). Oversized values are cut with a note telling the model how
 * to narrow the query instead of being sent whole.
 */
export function jsonResult(value: unknown, hint = 'narrow the query or page with offset/limit'): ToolResult {
  const text = JSON.stringify(value);
  if (text.length > MAX_RESULT_CHARS) {
    return {
      content: [
        {
          type: 'text',
          text: `${text.slice(0, MAX_RESULT_CHARS)}\n…[truncated: ${text.length - MAX_RESULT_CHARS} more characters; ${hint}]`,
        },
      ],
    };
  }
  const structured = value !== null && typeof value === 'object' && !Array.isArray(value);
  return structured
    ? { content: [{ type: 'text', text }], structuredContent: value as Record<string, unknown> }
    : { content: [{ type: 'text', text }] };
}

export function textResult(text: string): ToolResult {
  return {
    content: [
      {
        type: 'text',
        text: text.length > MAX_RESULT_CHARS ? `${text.slice(0, MAX_RESULT_CHARS)}\n…[truncated]` : text,
      },
    ],
  };
}

/** A tool that ran and failed in a way the model should read and can act on. */
export function errorResult(message: string): ToolResult {
  return { content: [{ type: 'text', text: message }], isError: true };
}

/**
 * Thrown by a tool when the backend refused the request for a reason the model can fix (unknown entity,
 * invalid value). The runtime turns it into an `isError` result.
 */
export class ToolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ToolError';
  }
}
