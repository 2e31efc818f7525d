import type { Subscription } from '@nats-io/transport-node';
import {
  ConnectorToolsList,
  RegistryAnnounce,
  RegistryDiscover,
  compileSchema,
  type Announcement,
  type ToolDescriptor,
} from '@mcp-gateway/contracts';
import type { BusClient } from '@mcp-gateway/bus';
import type { CatalogTool, ConnectorView, InstanceView } from './catalog-types.js';

interface InstanceState {
  announcement: Announcement;
  lastSeen: number;
}

interface ConnectorState {
  readonly name: string;
  readonly instances: Map<string, InstanceState>;
  digest: string | undefined;
  tools: CatalogTool[];
  loading: string | undefined;
  problem: string | undefined;
}

export interface CatalogOptions {
  /** Identifies this front in discovery requests. */
  readonly self: string;
  /** A replica is gone after this many missed announcement intervals. */
  readonly missedIntervals?: number;
  readonly onChange?: () => void;
  readonly log?: (message: string) => void;
}

/**
 * The live set of tools, built from connector announcements: a connector that announces appears as soon
 * as its tool list is fetched, replicas of one connector count as one connector with N instances, a
 * replica that says `down` or stops announcing is dropped, and a connector whose tool list cannot be
 * fetched or is invalid never affects the others.
 */
export class ToolCatalog {
  private readonly connectors = new Map<string, ConnectorState>();
  private subscription: Subscription | undefined;
  private sweeper: NodeJS.Timeout | undefined;
  private stopWatchingBus: (() => void) | undefined;
  private sortedTools: readonly CatalogTool[] = [];
  private byName = new Map<string, CatalogTool>();
  /** Increments on every change, so callers can cache derived views. */
  version = 0;

  constructor(
    private readonly bus: BusClient,
    private readonly options: CatalogOptions,
  ) {}

  start(): void {
    this.subscription = this.bus.subscribe(
      RegistryAnnounce,
      {},
      (a) => this.onAnnouncement(a),
      (problem) => this.options.log?.(`ignored invalid announcement: ${problem}`),
    );
    this.bus.publish(RegistryDiscover, {}, { from: this.options.self });
    this.sweeper = setInterval(() => this.sweep(), 250);
    this.sweeper.unref();
    this.stopWatchingBus = this.bus.onStatus((connected) => {
      if (connected) this.afterReconnect();
    });
  }

  stop(): void {
    this.subscription?.unsubscribe();
    clearInterval(this.sweeper);
    this.stopWatchingBus?.();
  }

  /** Every available tool, sorted by name: a deterministic order for `tools/list`. */
  tools(): readonly CatalogTool[] {
    return this.sortedTools;
  }

  tool(name: string): CatalogTool | undefined {
    return this.byName.get(name);
  }

  view(): ConnectorView[] {
    const now = Date.now();
    return [...this.connectors.values()]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((c) => ({
        name: c.name,
        available: c.instances.size > 0 && c.tools.length > 0,
        toolsDigest: c.digest,
        toolCount: c.tools.length,
        instances: [...c.instances.entries()].map(([instance, s]): InstanceView => ({
          instance,
          version: s.announcement.version,
          startedAt: s.announcement.startedAt,
          lastSeenMs: now - s.lastSeen,
          backend: s.announcement.backend,
        })),
        ...(c.problem ? { problem: c.problem } : {}),
      }));
  }

  private onAnnouncement(a: Announcement): void {
    let state = this.connectors.get(a.connector);
    if (a.status === 'down') {
      if (state?.instances.delete(a.instance)) this.afterInstanceChange(state);
      return;
    }
    if (!state) {
      state = {
        name: a.connector,
        instances: new Map(),
        digest: undefined,
        tools: [],
        loading: undefined,
        problem: undefined,
      };
      this.connectors.set(a.connector, state);
    }
    const isNew = !state.instances.has(a.instance);
    state.instances.set(a.instance, { announcement: a, lastSeen: Date.now() });
    if (a.toolsDigest !== state.digest && a.toolsDigest !== state.loading)
      void this.load(state, a.toolsDigest);
    if (isNew) this.afterInstanceChange(state);
  }

  private async load(state: ConnectorState, digest: string): Promise<void> {
    state.loading = digest;
    try {
      const list = await this.bus.request(ConnectorToolsList, { connector: state.name }, {});
      if (state.loading !== digest) return;
      state.tools = this.accept(state.name, list.tools);
      state.digest = list.toolsDigest;
      state.problem = undefined;
      this.rebuild();
    } catch (error) {
      state.problem = `tool list unavailable: ${error instanceof Error ? error.message : String(error)}`;
      this.options.log?.(`${state.name}: ${state.problem}`);
    } finally {
      if (state.loading === digest) state.loading = undefined;
    }
  }

  /** Keeps the tools whose name belongs to the connector and whose schema compiles. */
  private accept(connector: string, tools: readonly ToolDescriptor[]): CatalogTool[] {
    const accepted: CatalogTool[] = [];
    for (const descriptor of tools) {
      if (!descriptor.name.startsWith(`${connector}_`)) {
        this.options.log?.(`${connector}: ignored tool ${descriptor.name} (not named ${connector}_*)`);
        continue;
      }
      try {
        const validate = compileSchema(descriptor.inputSchema);
        const scope = `${connector}:${descriptor.annotations.readOnlyHint ? 'read' : 'write'}`;
        accepted.push({ connector, descriptor, validate, scope });
      } catch (error) {
        this.options.log?.(
          `${connector}: ignored tool ${descriptor.name} (schema does not compile: ${String(error)})`,
        );
      }
    }
    return accepted;
  }

  /**
   * While NATS is down no announcement can arrive, so silence proves nothing: the catalog keeps what it
   * knew (calls fail with "bus unavailable", not "unknown tool"). Back online, every replica gets a fresh
   * grace period and is asked to announce itself at once.
   */
  private afterReconnect(): void {
    const now = Date.now();
    for (const state of this.connectors.values()) {
      for (const instance of state.instances.values()) instance.lastSeen = now;
    }
    this.bus.publish(RegistryDiscover, {}, { from: this.options.self });
  }

  private sweep(): void {
    if (!this.bus.connected) return;
    const now = Date.now();
    const factor = this.options.missedIntervals ?? 3;
    for (const state of this.connectors.values()) {
      let changed = false;
      for (const [id, s] of state.instances) {
        if (now - s.lastSeen > s.announcement.intervalMs * factor + 250) {
          state.instances.delete(id);
          changed = true;
        }
      }
      if (changed) this.afterInstanceChange(state);
    }
  }

  private afterInstanceChange(state: ConnectorState): void {
    if (state.instances.size === 0) {
      this.connectors.delete(state.name);
    }
    this.rebuild();
  }

  private rebuild(): void {
    const all: CatalogTool[] = [];
    for (const state of this.connectors.values()) {
      if (state.instances.size > 0) all.push(...state.tools);
    }
    all.sort((a, b) =>
      a.descriptor.name < b.descriptor.name ? -1 : a.descriptor.name > b.descriptor.name ? 1 : 0,
    );
    this.sortedTools = all;
    this.byName = new Map(all.map((t) => [t.descriptor.name, t]));
    this.version++;
    this.options.onChange?.();
  }

  /** Live instances per connector, for the `gateway_connector_instances` gauge. */
  instanceCounts(): Map<string, number> {
    return new Map([...this.connectors.values()].map((c) => [c.name, c.instances.size]));
  }
}
