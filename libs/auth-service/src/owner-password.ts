import type { AuthStore } from './store.js';
import { PasswordHasher } from './password-hash.js';
import { randomToken } from './secrets.js';
import { systemClock, type Clock } from './settings.js';

const KEY = 'owner.password';

interface StoredPassword {
  readonly hash: string;
  readonly updatedAt: string;
}

/** What {@link OwnerPassword.initialise} did, for one log line that never contains the password. */
export type PasswordSetup = 'kept' | 'set-from-environment' | 'generated';

/**
 * The resource owner's password for the consent page (`GATEWAY_ADMIN_PASSWORD`). Only its scrypt hash is
 * stored, so every auth replica checks it the same way. Without a configured password the first replica
 * generates one and prints it once on stdout — not through the logger, whose lines are shipped and kept.
 */
export class OwnerPassword {
  constructor(
    private readonly store: AuthStore,
    private readonly hasher = new PasswordHasher(),
    private readonly announce: (line: string) => void = (line) => void process.stdout.write(line),
    private readonly now: Clock = systemClock,
  ) {}

  async initialise(configured: string | undefined): Promise<PasswordSetup> {
    const stored = await this.store.get<StoredPassword>('main', KEY);
    if (configured !== undefined) {
      if (stored && (await this.hasher.verify(configured, stored.value.hash))) return 'kept';
      await this.store.put('main', KEY, await this.record(configured));
      return 'set-from-environment';
    }
    if (stored) return 'kept';
    const generated = randomToken(18);
    // Two replicas starting together: only the one whose create wins prints its password.
    if (!(await this.store.create('main', KEY, await this.record(generated)))) return 'kept';
    this.announce(
      `Admin password for the OAuth consent page (shown once, stored only as a hash): ${generated}\n`,
    );
    return 'generated';
  }

  async verify(password: string): Promise<boolean> {
    const stored = await this.store.get<StoredPassword>('main', KEY);
    if (!stored || password === '') return false;
    return this.hasher.verify(password, stored.value.hash);
  }

  private async record(password: string): Promise<StoredPassword> {
    return { hash: await this.hasher.hash(password), updatedAt: this.now().toISOString() };
  }
}
