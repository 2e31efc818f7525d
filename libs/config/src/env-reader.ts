import { readFileSync } from 'node:fs';

/** Thrown at boot when the environment is invalid; the message names every bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

export type Env = Readonly<Record<string, string | undefined>>;

/**
 * Reads variables with `NAME_FILE` support (Docker and Kubernetes secrets) and collects every problem, so
 * one boot reports all mistakes at once. Call {@link EnvReader.done} after reading.
 */
export class EnvReader {
  private readonly problems: string[] = [];

  constructor(private readonly env: Env) {}

  raw(name: string): string | undefined {
    const file = this.env[`${name}_FILE`];
    if (file !== undefined && file !== '') {
      try {
        // An empty file reads as unset, like an empty variable: a placeholder secret file for a backend
        // one does not use must not become an empty credential or password.
        const content = readFileSync(file, 'utf8').trim();
        return content === '' ? undefined : content;
      } catch (error) {
        this.problems.push(
          `${name}_FILE: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
        );
        return undefined;
      }
    }
    const value = this.env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  }

  string(name: string, fallback: string): string;
  string(name: string): string | undefined;
  string(name: string, fallback?: string): string | undefined {
    return this.raw(name) ?? fallback;
  }

  required(name: string, why: string): string {
    const value = this.raw(name);
    if (value === undefined) {
      this.problems.push(`${name} is required ${why}`);
      return '';
    }
    return value;
  }

  int(name: string, fallback: number, range: { min: number; max: number }): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!Number.isInteger(n) || n < range.min || n > range.max) {
      this.problems.push(`${name} must be an integer from ${range.min} to ${range.max} (got "${value}")`);
      return fallback;
    }
    return n;
  }

  port(name: string, fallback: number): number {
    return this.int(name, fallback, { min: 0, max: 65535 });
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(value)) {
      this.problems.push(`${name} must be one of ${allowed.join(', ')} (got "${value}")`);
      return fallback;
    }
    return value as T;
  }

  /** `1`/`true`/`yes` or `0`/`false`/`no`; `undefined` when unset. */
  flag(name: string): boolean | undefined {
    const value = this.raw(name)?.toLowerCase();
    if (value === undefined) return undefined;
    if (['1', 'true', 'yes', 'on'].includes(value)) return true;
    if (['0', 'false', 'no', 'off'].includes(value)) return false;
    this.problems.push(`${name} must be 1 or 0 (got "${value}")`);
    return undefined;
  }

  list(name: string): string[] {
    const value = this.raw(name);
    return value === undefined
      ? []
      : value
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s !== '');
  }

  url(name: string, fallback: string, protocols: readonly string[]): URL;
  url(name: string, fallback: undefined, protocols: readonly string[]): URL | undefined;
  url(name: string, fallback: string | undefined, protocols: readonly string[]): URL | undefined {
    const value = this.raw(name) ?? fallback;
    if (value === undefined) return undefined;
    try {
      const url = new URL(value);
      if (!protocols.includes(url.protocol)) {
        this.problems.push(`${name} must use ${protocols.join(' or ')} (got "${url.protocol}")`);
      }
      return url;
    } catch {
      this.problems.push(`${name} must be an absolute URL (got "${value}")`);
      return undefined;
    }
  }

  check(condition: boolean, problem: string): void {
    if (!condition) this.problems.push(problem);
  }

  /** Throws a {@link ConfigError} listing every problem found so far. */
  done(): void {
    if (this.problems.length > 0) throw new ConfigError(this.problems);
  }
}
