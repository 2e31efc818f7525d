import { HomeAssistantSocketError, type HomeAssistantSocket } from './ws-client.js';
import type { HassAreaEntry, HassDeviceEntry, HassEntityRegistryEntry, HassFloorEntry } from './types.js';

/** Where an entity sits, from the entity registry. */
export interface RegistryEntity {
  readonly entity_id: string;
  readonly area_id: string | null;
  readonly device_id: string | null;
  readonly hidden: boolean;
}

/** The area, floor, device and entity registries, with the lookups the tools need. */
export class Registries {
  private readonly entityById = new Map<string, RegistryEntity>();
  private readonly deviceById = new Map<string, HassDeviceEntry>();
  private readonly areaById = new Map<string, HassAreaEntry>();

  constructor(
    readonly areas: readonly HassAreaEntry[],
    readonly floors: readonly HassFloorEntry[],
    readonly devices: readonly HassDeviceEntry[],
    readonly entities: readonly RegistryEntity[],
  ) {
    for (const e of entities) this.entityById.set(e.entity_id, e);
    for (const d of devices) this.deviceById.set(d.id, d);
    for (const a of areas) this.areaById.set(a.area_id, a);
  }

  entity(entityId: string): RegistryEntity | undefined {
    return this.entityById.get(entityId);
  }

  device(deviceId: string): HassDeviceEntry | undefined {
    return this.deviceById.get(deviceId);
  }

  area(areaId: string): HassAreaEntry | undefined {
    return this.areaById.get(areaId);
  }

  /** The entity's own area, else its device's: Home Assistant's effective area. */
  areaOf(entityId: string): string | undefined {
    const entry = this.entityById.get(entityId);
    if (!entry) return undefined;
    if (entry.area_id) return entry.area_id;
    return (entry.device_id ? this.deviceById.get(entry.device_id)?.area_id : undefined) ?? undefined;
  }

  /** An area by id, name or alias, ignoring case, the way people and models name rooms. */
  findArea(lookup: string): HassAreaEntry | undefined {
    const key = lookup.trim().toLowerCase();
    return (
      this.areaById.get(key) ??
      this.areas.find(
        (a) => a.name.toLowerCase() === key || (a.aliases ?? []).some((x) => x.toLowerCase() === key),
      ) ??
      this.areas.find((a) => a.area_id === key.replace(/[^a-z0-9]+/g, '_'))
    );
  }

  knownAreas(): string {
    return this.areas.map((a) => a.area_id).join(', ') || '(none)';
  }
}

interface DisplayEntry {
  readonly ei: string;
  readonly ai?: string;
  readonly di?: string;
  readonly hb?: boolean;
}

/**
 * Loads the registries over the WebSocket and keeps them for a few seconds: a model typically lists areas,
 * then entities, then devices in quick succession, and registries change rarely.
 */
export class RegistryCache {
  private cached: { readonly at: number; readonly value: Registries } | undefined;
  private loading: Promise<Registries> | undefined;
  private displayListSupported = true;

  constructor(
    private readonly socket: HomeAssistantSocket,
    private readonly ttlMs = 10_000,
  ) {}

  async get(signal?: AbortSignal): Promise<Registries> {
    if (this.cached && Date.now() - this.cached.at < this.ttlMs) return this.cached.value;
    // One load serves every concurrent caller, so it does not use any one caller's signal.
    this.loading ??= this.load().finally(() => {
      this.loading = undefined;
    });
    if (!signal) return this.loading;
    signal.throwIfAborted();
    return Promise.race([
      this.loading,
      new Promise<never>((_, reject) =>
        signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true }),
      ),
    ]);
  }

  invalidate(): void {
    this.cached = undefined;
  }

  private async load(): Promise<Registries> {
    const [areas, floors, devices, entities] = await Promise.all([
      this.socket.command<HassAreaEntry[]>('config/area_registry/list'),
      // The floor registry arrived in 2024.4; older instances answer unknown_command.
      this.socket.command<HassFloorEntry[]>('config/floor_registry/list').catch(orEmpty<HassFloorEntry>),
      this.socket.command<HassDeviceEntry[]>('config/device_registry/list'),
      this.entities(),
    ]);
    const value = new Registries(areas, floors, devices, entities);
    this.cached = { at: Date.now(), value };
    return value;
  }

  /** `list_for_display` is a fraction of the size of the full list on a large instance; fall back when absent. */
  private async entities(): Promise<RegistryEntity[]> {
    if (this.displayListSupported) {
      try {
        const display = await this.socket.command<{ entities: DisplayEntry[] }>(
          'config/entity_registry/list_for_display',
        );
        return display.entities.map((e) => ({
          entity_id: e.ei,
          area_id: e.ai ?? null,
          device_id: e.di ?? null,
          hidden: e.hb === true,
        }));
      } catch (error) {
        if (!(error instanceof HomeAssistantSocketError && error.code === 'unknown_command')) throw error;
        this.displayListSupported = false;
      }
    }
    const list = await this.socket.command<HassEntityRegistryEntry[]>('config/entity_registry/list');
    return list
      .filter((e) => !e.disabled_by)
      .map((e) => ({
        entity_id: e.entity_id,
        area_id: e.area_id ?? null,
        device_id: e.device_id ?? null,
        hidden: !!e.hidden_by,
      }));
  }
}

function orEmpty<T>(error: unknown): T[] {
  if (error instanceof HomeAssistantSocketError && error.code === 'unknown_command') return [];
  throw error;
}
