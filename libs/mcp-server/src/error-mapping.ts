import { BusError, type ToolResult, type WireErrorCode } from '@mcp-gateway/contracts';
import { RPC } from './protocol.js';
import type { JsonRpcErrorBody } from './jsonrpc.js';

export type CallOutcome =
  | { readonly kind: 'result'; readonly result: ToolResult; readonly label: string }
  | { readonly kind: 'error'; readonly error: JsonRpcErrorBody; readonly label: string };

/**
 * Wire errors become what an MCP client expects (SEP-1303): faults of the request itself are JSON-RPC
 * errors; everything the model can read and act on (bad arguments, a backend that is down or said no,
 * a timeout) is a tool result with `isError: true`.
 */
export function mapCallError(error: unknown): CallOutcome {
  if (!(error instanceof BusError)) {
    return {
      kind: 'error',
      error: { code: RPC.internalError, message: 'Internal error' },
      label: 'INTERNAL',
    };
  }
  const code: WireErrorCode = error.code;
  switch (code) {
    case 'TOOL_NOT_FOUND':
    case 'INVALID_REQUEST':
      return { kind: 'error', error: { code: RPC.invalidParams, message: error.message }, label: code };
    case 'INTERNAL':
    case 'UNAUTHORIZED':
    case 'FORBIDDEN':
      return { kind: 'error', error: { code: RPC.internalError, message: error.message }, label: code };
    case 'INVALID_ARGUMENTS':
    case 'BACKEND_UNAVAILABLE':
    case 'BACKEND_ERROR':
    case 'BACKEND_AUTH_FAILED':
    case 'CONNECTOR_UNAVAILABLE':
    case 'BUS_UNAVAILABLE':
    case 'TIMEOUT':
    case 'CANCELLED':
    case 'RATE_LIMITED':
    case 'NOT_FOUND':
    case 'CONFLICT':
      return {
        kind: 'result',
        result: { content: [{ type: 'text', text: error.message }], isError: true },
        label: code,
      };
  }
}
