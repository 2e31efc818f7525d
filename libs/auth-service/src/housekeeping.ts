/** One periodic job: re-reading keys, sweeping expired records. */
export interface Chore {
  readonly name: string;
  readonly everyMs: number;
  run(): Promise<unknown>;
}

/**
 * Runs each chore on its own interval, never two runs of one chore at once. Every replica runs them; the
 * chores are idempotent (a key deleted twice is still deleted), so no leader election is needed.
 */
export class Housekeeping {
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly running = new Set<string>();

  constructor(
    private readonly chores: readonly Chore[],
    private readonly onError: (chore: string, error: unknown) => void,
  ) {}

  start(): void {
    for (const chore of this.chores) {
      const timer = setInterval(() => void this.runOnce(chore), chore.everyMs);
      timer.unref();
      this.timers.push(timer);
    }
  }

  stop(): void {
    for (const timer of this.timers.splice(0)) clearInterval(timer);
  }

  private async runOnce(chore: Chore): Promise<void> {
    if (this.running.has(chore.name)) return;
    this.running.add(chore.name);
    try {
      await chore.run();
    } catch (error) {
      this.onError(chore.name, error);
    } finally {
      this.running.delete(chore.name);
    }
  }
}
