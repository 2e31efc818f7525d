import { Logger } from '@nestjs/common';
import { BusError, type ReplyEnvelope } from '@mcp-gateway/contracts';

const logger = new Logger('auth-bus');

/**
 * Turns a handler's work into a reply envelope. Errors are caught here rather than thrown: Nest's RPC
 * proxy would intercept a thrown `BusError`, log its stack and answer a generic failure. A `BusError`
 * (NOT_FOUND, CONFLICT, …) is the answer; anything else is logged by message only and answered INTERNAL.
 */
export async function reply<T>(operation: string, work: () => T | Promise<T>): Promise<ReplyEnvelope<T>> {
  try {
    return { ok: true, result: await work() };
  } catch (error) {
    if (error instanceof BusError) return { ok: false, error: error.toWire() };
    logger.error(`${operation} failed: ${error instanceof Error ? error.message : 'unknown error'}`);
    return {
      ok: false,
      error: { code: 'INTERNAL', message: 'The auth service failed while handling the request.' },
    };
  }
}
