import type { ProgressUpdate } from '@mcp-gateway/contracts';

/**
 * What a bus handler receives beside its validated payload: the subject, a way to stream progress to a
 * caller that asked for it, and an abort signal that fires if the server shuts down hard.
 */
export class BusContext {
  constructor(
    readonly subject: string,
    private readonly sendProgress: ((update: ProgressUpdate) => void) | undefined,
    readonly signal: AbortSignal,
  ) {}

  /** Whether the caller listens for progress. */
  get streaming(): boolean {
    return this.sendProgress !== undefined;
  }

  progress(update: ProgressUpdate): void {
    this.sendProgress?.(update);
  }
}
