export interface CheckResult {
  readonly ok: boolean;
  readonly detail?: string;
}

export type ReadinessCheck = () => CheckResult | Promise<CheckResult>;

/** Named checks that together say whether a service should receive traffic. */
export class Readiness {
  private readonly checks = new Map<string, ReadinessCheck>();

  register(name: string, check: ReadinessCheck): void {
    this.checks.set(name, check);
  }

  async evaluate(): Promise<{ ready: boolean; checks: Record<string, CheckResult> }> {
    const entries = await Promise.all(
      [...this.checks].map(async ([name, check]): Promise<[string, CheckResult]> => {
        try {
          return [name, await check()];
        } catch (error) {
          return [name, { ok: false, detail: error instanceof Error ? error.message : 'check failed' }];
        }
      }),
    );
    const checks = Object.fromEntries(entries);
    return { ready: entries.every(([, r]) => r.ok), checks };
  }
}
