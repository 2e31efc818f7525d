import { BusError } from '@mcp-gateway/contracts';

/** A failure the CLI states in one line and turns into an exit code; never shown with a stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export const AUTH_NOT_RUNNING = 'the auth service is not running (no responder on the bus)';

/** Says what a failed auth request means for the operator; wire messages are safe to show as they are. */
export function explainAuthError(error: unknown): unknown {
  if (!(error instanceof BusError)) return error;
  if (error.code === 'CONNECTOR_UNAVAILABLE' || error.code === 'BUS_UNAVAILABLE') {
    return new CliError(AUTH_NOT_RUNNING);
  }
  if (error.code === 'TIMEOUT') return new CliError('the auth service did not answer in time');
  return new CliError(error.message);
}
