import { Logger } from '@nestjs/common';
import {
  BusError,
  type ApiTokenInfo,
  type AuthApiTokenCreate,
  type AuthApiTokenVerify,
  type RequestOf,
  type ResponseOf,
} from '@mcp-gateway/contracts';
import type { RevocationSink } from './revocations.js';
import { randomToken, sha256Hex } from './secrets.js';
import { systemClock, type Clock } from './settings.js';
import type { AuthStore } from './store.js';

interface ApiTokenRecord extends ApiTokenInfo {
  readonly tokenHash: string;
}

/** Points a token hash or a name at the token's id. */
interface TokenRef {
  readonly id: string;
  /** When a name reservation was taken; a reservation whose token never got written goes stale after a grace. */
  readonly reservedAt?: string;
}

/** `lastUsedAt` is written at most this often per token: verification is on every request's path. */
const LAST_USED_RESOLUTION_MS = 60_000;
/** Outlives every front's cache of a positive verification, so the broadcast eviction is never undone. */
const REVOCATION_HORIZON_MS = 10 * 60_000;
/** A name reservation whose token is still missing after this long was left by a create that died. */
const STALE_RESERVATION_MS = 60_000;
const ID_PATTERN = /^tok_[A-Za-z0-9_-]{12}$/;

const recordKey = (id: string) => `apitoken.${id}`;
const hashKey = (tokenHash: string) => `apitoken-hash.${tokenHash}`;
/** Names may contain spaces, which the KV alphabet does not allow, so the key holds their sha256. */
const nameKey = (name: string) => `apitoken-name.${sha256Hex(name)}`;

/**
 * API tokens for machine clients. The admin CLI generates each token and sends only its sha256, so this
 * service stores and compares hashes and never sees a token. Three kinds of KV entries:
 * `apitoken.<id>` (the record), `apitoken-hash.<sha256>` (lookup on verification) and
 * `apitoken-name.<sha256(name)>` (the name reservation that keeps names unique across replicas).
 */
export class ApiTokens {
  private readonly logger = new Logger('ApiTokens');
  /** When this process last wrote `lastUsedAt` per token id, so concurrent verifications write once. */
  private readonly touched = new Map<string, number>();
  private readonly pendingWrites = new Set<Promise<void>>();

  constructor(
    private readonly store: AuthStore,
    private readonly revocations: RevocationSink,
    private readonly now: Clock = systemClock,
  ) {}

  async create(req: RequestOf<typeof AuthApiTokenCreate>): Promise<ApiTokenInfo> {
    const createdAt = this.now();
    if (req.expiresAt !== null && Date.parse(req.expiresAt) <= createdAt.getTime()) {
      throw new BusError('INVALID_REQUEST', 'expiresAt must be in the future.');
    }
    const id = `tok_${randomToken(9)}`;
    await this.reserveName(req.name, id, createdAt);
    if (!(await this.store.create('main', hashKey(req.tokenHash), { id } satisfies TokenRef))) {
      await this.releaseName(req.name, id);
      throw new BusError('CONFLICT', 'This token is already registered; generate a new one.');
    }
    const record: ApiTokenRecord = {
      id,
      name: req.name,
      scopes: [...new Set(req.scopes)],
      createdAt: createdAt.toISOString(),
      lastUsedAt: null,
      expiresAt: req.expiresAt === null ? null : new Date(req.expiresAt).toISOString(),
      tokenHash: req.tokenHash,
    };
    try {
      await this.store.put('main', recordKey(id), record);
    } catch (error) {
      await this.store.delete('main', hashKey(req.tokenHash)).catch(() => undefined);
      await this.releaseName(req.name, id).catch(() => undefined);
      throw error;
    }
    return toInfo(record);
  }

  /** Every token that is not revoked, expired ones included, oldest first. */
  async list(): Promise<ApiTokenInfo[]> {
    const keys = await this.store.keys('main', 'apitoken.*');
    const records = await Promise.all(keys.map((key) => this.store.get<ApiTokenRecord>('main', key)));
    return records
      .flatMap((stored) => (stored ? [toInfo(stored.value)] : []))
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }

  /** Revokes by id, else by name; fails with `NOT_FOUND` when neither matches. */
  async revoke(ref: string): Promise<{ id: string; name: string }> {
    const record = (await this.byId(ref)) ?? (await this.byName(ref));
    if (!record) throw new BusError('NOT_FOUND', `No API token has the id or name "${ref}".`);
    // The hash entry goes first: from then on verification fails, whatever happens to the rest. The
    // record goes last, so a revocation cut short can still be finished by id.
    await this.store.delete('main', hashKey(record.tokenHash));
    await this.releaseName(record.name, record.id);
    await this.store.delete('main', recordKey(record.id));
    this.touched.delete(record.id);
    await this.revocations.revoke({
      kind: 'api-token',
      id: record.id,
      until: new Date(this.now().getTime() + REVOCATION_HORIZON_MS).toISOString(),
    });
    return { id: record.id, name: record.name };
  }

  async verify(tokenHash: string): Promise<ResponseOf<typeof AuthApiTokenVerify>> {
    const ref = await this.store.get<TokenRef>('main', hashKey(tokenHash));
    const stored = ref && (await this.store.get<ApiTokenRecord>('main', recordKey(ref.value.id)));
    if (stored?.value.tokenHash !== tokenHash) return { outcome: 'invalid', reason: 'unknown token' };
    const now = this.now();
    const record = stored.value;
    if (record.expiresAt !== null && Date.parse(record.expiresAt) <= now.getTime()) {
      return { outcome: 'invalid', reason: 'token expired' };
    }
    this.noteUse(record, stored.revision, now);
    return { outcome: 'ok', token: toInfo(record) };
  }

  /** Resolves once every `lastUsedAt` write started so far has finished (for shutdown and tests). */
  async flush(): Promise<void> {
    await Promise.allSettled([...this.pendingWrites]);
  }

  /** Records the use without delaying the answer; a lost write only makes `lastUsedAt` a little stale. */
  private noteUse(record: ApiTokenRecord, revision: number, now: Date): void {
    const at = now.getTime();
    const lastStored = record.lastUsedAt === null ? -Infinity : Date.parse(record.lastUsedAt);
    const lastWritten = this.touched.get(record.id) ?? -Infinity;
    if (at - Math.max(lastStored, lastWritten) < LAST_USED_RESOLUTION_MS) return;
    this.touched.set(record.id, at);
    // A compare-and-set, so a write racing a revocation cannot bring the deleted record back.
    const write = this.store
      .update('main', recordKey(record.id), { ...record, lastUsedAt: now.toISOString() }, revision)
      .then(
        () => undefined,
        (error: unknown) =>
          this.logger.warn(
            `could not record the last use of API token ${record.id}: ${error instanceof Error ? error.message : 'unknown error'}`,
          ),
      );
    this.pendingWrites.add(write);
    void write.finally(() => this.pendingWrites.delete(write));
  }

  private async reserveName(name: string, id: string, at: Date): Promise<void> {
    const key = nameKey(name);
    const reservation: TokenRef = { id, reservedAt: at.toISOString() };
    if (await this.store.create('main', key, reservation)) return;
    const existing = await this.store.get<TokenRef>('main', key);
    // Deleted between our two reads: one more create decides between us and any other contender.
    if (!existing) {
      if (await this.store.create('main', key, reservation)) return;
      throw conflict(name);
    }
    if (!(await this.isStale(existing.value, at))) throw conflict(name);
    if (!(await this.store.update('main', key, reservation, existing.revision))) throw conflict(name);
  }

  /** Frees the name unless it already belongs to another token (after an interrupted revocation). */
  private async releaseName(name: string, id: string): Promise<void> {
    const reservation = await this.store.get<TokenRef>('main', nameKey(name));
    if (reservation?.value.id === id) await this.store.delete('main', nameKey(name));
  }

  /** A reservation without a token, older than the grace a concurrent create needs to write it. */
  private async isStale(reservation: TokenRef, at: Date): Promise<boolean> {
    if (await this.store.get('main', recordKey(reservation.id))) return false;
    const reservedAt = reservation.reservedAt === undefined ? 0 : Date.parse(reservation.reservedAt);
    return at.getTime() - reservedAt > STALE_RESERVATION_MS;
  }

  private async byId(ref: string): Promise<ApiTokenRecord | undefined> {
    if (!ID_PATTERN.test(ref)) return undefined;
    return (await this.store.get<ApiTokenRecord>('main', recordKey(ref)))?.value;
  }

  private async byName(name: string): Promise<ApiTokenRecord | undefined> {
    const reservation = await this.store.get<TokenRef>('main', nameKey(name));
    if (!reservation) return undefined;
    const record = (await this.store.get<ApiTokenRecord>('main', recordKey(reservation.value.id)))?.value;
    return record?.name === name ? record : undefined;
  }
}

function conflict(name: string): BusError {
  return new BusError('CONFLICT', `A token named "${name}" already exists.`);
}

function toInfo(record: ApiTokenRecord): ApiTokenInfo {
  return {
    id: record.id,
    name: record.name,
    scopes: record.scopes,
    createdAt: record.createdAt,
    lastUsedAt: record.lastUsedAt,
    expiresAt: record.expiresAt,
  };
}
