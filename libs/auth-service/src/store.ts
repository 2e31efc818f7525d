import { Kvm, type KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import { jetStreamName } from '@mcp-gateway/contracts';

/** The two buckets: durable state, and authorisation codes (which the bucket itself expires). */
export type BucketName = 'main' | 'codes';

export interface Stored<T> {
  readonly value: T;
  /** The entry's revision: pass it to {@link AuthStore.update} for a compare-and-set. */
  readonly revision: number;
}

export interface AuthStoreOptions {
  /** The bus subject prefix; bucket names derive from it so test runs on one NATS never share state. */
  readonly prefix: string;
  /** How long the codes bucket keeps an entry; codes themselves expire sooner (their own `expiresAt`). */
  readonly codeRetentionMs: number;
  /** JetStream replicas for both buckets (1 on a single server; 3 in a NATS cluster). */
  readonly replicas?: number;
}

/**
 * The auth service's only state: two JetStream KV buckets. Values are JSON. Keys follow the KV alphabet
 * (`[-/_=.a-zA-Z0-9]`), so anything user-chosen is hashed or encoded before it becomes a key.
 *
 * `create` and `update` are the compare-and-set primitives that make single-use codes and refresh
 * rotation safe across replicas: exactly one of two concurrent redemptions wins.
 */
export class AuthStore {
  private constructor(
    private readonly buckets: Record<BucketName, KV>,
    readonly bucketNames: Record<BucketName, string>,
  ) {}

  static bucketNames(prefix: string): Record<BucketName, string> {
    const base = jetStreamName(prefix, 'auth');
    return { main: base, codes: `${base}_codes` };
  }

  static async open(nc: NatsConnection, options: AuthStoreOptions): Promise<AuthStore> {
    const names = AuthStore.bucketNames(options.prefix);
    const kvm = new Kvm(nc);
    const replicas = options.replicas ?? 1;
    const main = await kvm.create(names.main, { history: 1, replicas });
    const codes = await kvm.create(names.codes, { history: 1, replicas, ttl: options.codeRetentionMs });
    return new AuthStore({ main, codes }, names);
  }

  async get<T>(bucket: BucketName, key: string): Promise<Stored<T> | undefined> {
    const entry = await this.buckets[bucket].get(key);
    if (entry?.operation !== 'PUT' || entry.length === 0) return undefined;
    return { value: entry.json<T>(), revision: entry.revision };
  }

  async put(bucket: BucketName, key: string, value: unknown): Promise<number> {
    return this.buckets[bucket].put(key, JSON.stringify(value));
  }

  /** Writes only if the key does not exist (or was deleted); false if it does. */
  async create(bucket: BucketName, key: string, value: unknown): Promise<boolean> {
    try {
      await this.buckets[bucket].create(key, JSON.stringify(value));
      return true;
    } catch (error) {
      if (isWrongLastSequence(error)) return false;
      throw error;
    }
  }

  /** Writes only if the entry is still at `revision`; false if someone else wrote it first. */
  async update(bucket: BucketName, key: string, value: unknown, revision: number): Promise<boolean> {
    try {
      await this.buckets[bucket].update(key, JSON.stringify(value), revision);
      return true;
    } catch (error) {
      if (isWrongLastSequence(error)) return false;
      throw error;
    }
  }

  async delete(bucket: BucketName, key: string): Promise<void> {
    await this.buckets[bucket].delete(key);
  }

  /** Every live key matching a KV filter such as `client.>` or `apitoken.*`. */
  async keys(bucket: BucketName, filter: string): Promise<string[]> {
    const out: string[] = [];
    for await (const key of await this.buckets[bucket].keys(filter)) out.push(key);
    return out;
  }

  /** The values of every live key matching `filter`, read a few at a time. */
  async values<T>(bucket: BucketName, filter: string): Promise<T[]> {
    const keys = await this.keys(bucket, filter);
    const out: T[] = [];
    for (let i = 0; i < keys.length; i += VALUE_BATCH) {
      const batch = await Promise.all(keys.slice(i, i + VALUE_BATCH).map((key) => this.get<T>(bucket, key)));
      for (const entry of batch) if (entry) out.push(entry.value);
    }
    return out;
  }

  /** Readiness: both buckets answer. */
  async ping(): Promise<boolean> {
    try {
      await Promise.all([this.buckets.main.status(), this.buckets.codes.status()]);
      return true;
    } catch {
      return false;
    }
  }

  /** Deletes both buckets (tests clean up after themselves on the shared NATS). */
  async destroy(): Promise<void> {
    await this.buckets.main.destroy();
    await this.buckets.codes.destroy();
  }
}

const VALUE_BATCH = 32;

function isWrongLastSequence(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /wrong last sequence|key exists/i.test(message);
}
