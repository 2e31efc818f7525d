import { GATEWAY_MODEL, GATEWAY_MODEL_ID } from './gateway-model.js';
import type { OpenAiModel } from './openai-types.js';
import type { UpstreamLlm } from './upstream-llm.js';

export interface ModelListOptions {
  /** Upstream model ids to offer; empty offers every model the upstream lists. */
  readonly allow: readonly string[];
  /** How long a fetched list is served before it is fetched again (in the background). */
  readonly ttlMs: number;
  readonly log: (message: string) => void;
}

/**
 * `GET /v1/models`: the upstream's models (filtered by the allow-list) plus the built-in `gateway`
 * model. Open WebUI calls this on practically every page load for every user and gives up after 10 s
 * (reference §2.2), so it must be fast: the upstream's list is cached for `ttlMs` and, once stale, still
 * served while one background fetch refreshes it. Only the very first request waits for the upstream.
 * An upstream failure never empties the list: `gateway` and the last good list remain. An upstream model
 * named `gateway` is hidden behind the built-in one, and a `pipeline` key is dropped (it would make Open
 * WebUI send `user` as an object and run pipeline filters, §2.2).
 */
export class ModelList {
  private models: readonly OpenAiModel[] = [];
  private fetchedAt = Number.NEGATIVE_INFINITY;
  private fetching: Promise<void> | undefined;
  private attempted = false;

  constructor(
    private readonly upstream: UpstreamLlm | undefined,
    private readonly options: ModelListOptions,
  ) {}

  async list(): Promise<{ object: 'list'; data: OpenAiModel[] }> {
    if (this.upstream && Date.now() - this.fetchedAt >= this.options.ttlMs && !this.fetching) {
      this.fetching = this.refresh(this.upstream);
    }
    if (!this.attempted && this.fetching) await this.fetching;
    return { object: 'list', data: [GATEWAY_MODEL, ...this.models] };
  }

  /** One model by id (`GET /v1/models/{id}`), or `undefined`. */
  async find(id: string): Promise<OpenAiModel | undefined> {
    return (await this.list()).data.find((model) => model.id === id);
  }

  private async refresh(upstream: UpstreamLlm): Promise<void> {
    try {
      const listed = await upstream.listModels();
      const allow = new Set(this.options.allow);
      this.models = listed
        .filter((model) => model.id !== GATEWAY_MODEL_ID && (allow.size === 0 || allow.has(model.id)))
        .map(({ pipeline: _pipeline, ...model }) => model);
    } catch (error) {
      this.options.log(
        `upstream model list unavailable, serving the last good one: ${error instanceof Error ? error.message : String(error)}`,
      );
    } finally {
      this.fetchedAt = Date.now();
      this.attempted = true;
      this.fetching = undefined;
    }
  }
}
