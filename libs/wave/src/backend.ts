import type { BackendHealth } from '@mcp-gateway/contracts';
import { BackendPolicy, ToolError, type ConnectorBackend } from '@mcp-gateway/connector-kit';
import type { Metrics } from '@mcp-gateway/observability';
import type { WaveConfig } from './config.js';
import { LIST_BUSINESSES, PROBE } from './documents.js';
import { WaveGraphQLError, WaveInputError, inputErrorsMessage } from './errors.js';
import { WaveGraphQL, type GraphQLClientOptions } from './graphql-client.js';
import { WaveHttp, type GraphQLTransport } from './transport.js';
import type { MutationPayload, WaveBusiness, WaveConnection } from './types.js';

const DEFAULT_BUSINESS_TTL_MS = 10 * 60_000;

export interface WaveBackendOptions {
  /** Replaces the HTTP transport (unit tests script Wave's answers). */
  readonly transport?: GraphQLTransport;
  readonly client?: GraphQLClientOptions;
  /** The replica's breaker and concurrency cap; a fresh one when absent. */
  readonly policy?: BackendPolicy;
}

/** Wave tolerates "roughly two concurrent requests" per token (backends.md §4.3): 4 at once, 16 queued. */
export const WAVE_POLICY_DEFAULTS = { maxConcurrency: 4, maxQueued: 16 } as const;

type Vars = Readonly<Record<string, unknown>>;

/** Everything the tools reach Wave through: the GraphQL client and the default business. */
export class WaveBackend implements ConnectorBackend {
  readonly gql: WaveGraphQL;
  private detected: { readonly at: number; readonly id: string } | undefined;

  constructor(
    private readonly config: WaveConfig,
    metrics: Metrics,
    options: WaveBackendOptions = {},
  ) {
    const policy =
      options.policy ??
      new BackendPolicy({ connector: 'wave', displayName: 'Wave', metrics, ...WAVE_POLICY_DEFAULTS });
    const transport =
      options.transport ??
      new WaveHttp({ url: config.url, token: config.token, timeoutMs: config.timeoutMs, metrics, policy });
    this.gql = new WaveGraphQL(transport, { onRetry: () => policy.countRetry(), ...options.client });
  }

  /** A one-row businesses query: proves the endpoint answers and the token is accepted. */
  async probe(signal: AbortSignal): Promise<Pick<BackendHealth, 'healthy' | 'detail'>> {
    try {
      const data = await this.query<{ businesses: { pageInfo: { totalCount: number } } | null }>(
        PROBE,
        {},
        signal,
      );
      const count = data.businesses?.pageInfo.totalCount ?? 0;
      return {
        healthy: true,
        detail: `Wave API reachable; ${count} business${count === 1 ? '' : 'es'} visible`,
      };
    } catch (error) {
      return {
        healthy: false,
        detail: error instanceof Error ? error.message.slice(0, 200) : 'probe failed',
      };
    }
  }

  query<T>(document: string, variables: Vars, signal?: AbortSignal): Promise<T> {
    return this.gql.request<T>(document, variables, { idempotent: true, ...(signal ? { signal } : {}) });
  }

  /**
   * Runs a query rooted at `business(id:)` for the given or default business. An unknown business
   * becomes a tool error that says where to find the right id.
   */
  async businessQuery<T>(
    document: string,
    businessId: string | undefined,
    variables: Vars,
    signal?: AbortSignal,
  ): Promise<{ businessId: string; business: T }> {
    const id = await this.resolveBusinessId(businessId, signal);
    try {
      const data = await this.query<{ business: T | null }>(
        document,
        { ...variables, businessId: id },
        signal,
      );
      if (data.business === null) throw businessNotFound(id);
      return { businessId: id, business: data.business };
    } catch (error) {
      if (
        error instanceof WaveGraphQLError &&
        error.all('NOT_FOUND') &&
        error.errors.every((e) => (e.path?.length ?? 1) <= 1)
      ) {
        throw businessNotFound(id);
      }
      throw error;
    }
  }

  /**
   * Runs a mutation and returns its payload; `didSucceed: false` becomes a {@link WaveInputError} naming
   * each rejected argument. `idempotent` mutations (Wave dedupes them) may be retried on a 5xx.
   */
  async mutate<P extends MutationPayload>(
    document: string,
    field: string,
    input: Vars,
    action: string,
    options: { signal?: AbortSignal; idempotent?: boolean } = {},
  ): Promise<P> {
    const data = await this.gql.request<Record<string, P | null>>(
      document,
      { input },
      { idempotent: options.idempotent ?? false, ...(options.signal ? { signal: options.signal } : {}) },
    );
    const payload = data[field];
    if (!payload) throw new WaveInputError([], `Wave returned no result for ${field}.`);
    if (!payload.didSucceed) {
      const errors = payload.inputErrors ?? [];
      throw new WaveInputError(errors, inputErrorsMessage(action, errors));
    }
    return payload;
  }

  /**
   * The business a call acts on: the argument, else WAVE_BUSINESS_ID, else the only (non-personal)
   * business the token can see, looked up once and kept for ten minutes.
   */
  async resolveBusinessId(explicit: string | undefined, signal?: AbortSignal): Promise<string> {
    if (explicit !== undefined) return explicit;
    if (this.config.businessId !== undefined) return this.config.businessId;
    if (this.detected && Date.now() - this.detected.at < DEFAULT_BUSINESS_TTL_MS) return this.detected.id;
    const data = await this.query<{ businesses: WaveConnection<WaveBusiness> | null }>(
      LIST_BUSINESSES,
      { page: 1, pageSize: 50, isArchived: false },
      signal,
    );
    const all = (data.businesses?.edges ?? []).map((e) => e.node);
    const businesses = all.filter((b) => !b.isPersonal);
    const only = businesses.length === 1 ? businesses[0] : all.length === 1 ? all[0] : undefined;
    if (only) {
      this.detected = { at: Date.now(), id: only.id };
      return only.id;
    }
    if (all.length === 0) throw new ToolError('This Wave token sees no business. Create one in Wave first.');
    const list = all
      .slice(0, 10)
      .map((b) => `${b.name} (${b.id})`)
      .join(', ');
    throw new ToolError(
      `Several Wave businesses are visible: ${list}. Pass business_id (or set WAVE_BUSINESS_ID for a default).`,
    );
  }

  close(): Promise<void> {
    return this.gql.close();
  }
}

function businessNotFound(id: string): ToolError {
  return new ToolError(
    `Wave has no business ${id} that this token can see. List the businesses with wave_list_businesses.`,
  );
}
