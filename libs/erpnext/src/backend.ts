import { BackendPolicy, HttpBackend, type ConnectorBackend } from '@mcp-gateway/connector-kit';
import type { BackendHealth } from '@mcp-gateway/contracts';
import type { Metrics } from '@mcp-gateway/observability';
import type { ErpnextConfig } from './config.js';
import { parseDocTypeBundle, type DocTypeMeta } from './doctype-meta.js';
import { FrappeClient } from './frappe-client.js';

const META_TTL_MS = 10 * 60_000;

/** Everything the tools reach ERPNext through: the REST client and cached DocType metadata. */
export class ErpnextBackend implements ConnectorBackend {
  readonly client: FrappeClient;
  private readonly transport: HttpBackend;
  private readonly metas = new Map<string, { readonly at: number; readonly value: Promise<DocTypeMeta> }>();

  constructor(
    config: ErpnextConfig,
    metrics: Metrics,
    private readonly options: { metaTtlMs?: number; policy?: BackendPolicy } = {},
  ) {
    this.transport = new HttpBackend({
      connector: 'erpnext',
      displayName: 'ERPNext',
      baseUrl: config.baseUrl,
      // Frappe's API-key scheme (`frappe.auth.validate_auth_via_api_keys`).
      headers: { authorization: `token ${config.apiKey}:${config.apiSecret}` },
      timeoutMs: config.timeoutMs,
      metrics,
      policy: options.policy ?? new BackendPolicy({ connector: 'erpnext', displayName: 'ERPNext', metrics }),
    });
    this.client = new FrappeClient(this.transport);
  }

  /**
   * `frappe.auth.get_logged_user`, the cheapest authenticated call. A request Frappe could not
   * authenticate at all runs as Guest, which this method still answers: that is unhealthy too.
   */
  async probe(signal: AbortSignal): Promise<Pick<BackendHealth, 'healthy' | 'detail'>> {
    try {
      const body = await this.client.call('frappe.auth.get_logged_user', {}, { signal });
      const user = body['message'];
      if (typeof user !== 'string' || user === 'Guest') {
        return { healthy: false, detail: 'ERPNext did not accept the API key (the request ran as Guest).' };
      }
      return { healthy: true, detail: `authenticated as ${user}` };
    } catch (error) {
      return {
        healthy: false,
        detail: error instanceof Error ? error.message.slice(0, 200) : 'probe failed',
      };
    }
  }

  /**
   * `frappe.desk.form.load.getdoctype`, cached: a DocType's fields change about never. Shared by
   * concurrent callers, so it does not take one caller's signal (the runtime still abandons a cancelled call).
   */
  meta(doctype: string): Promise<DocTypeMeta> {
    const ttl = this.options.metaTtlMs ?? META_TTL_MS;
    const cached = this.metas.get(doctype);
    if (cached && Date.now() - cached.at < ttl) return cached.value;
    const value = this.client
      .call('frappe.desk.form.load.getdoctype', { doctype }, { subject: `DocType ${doctype}` })
      .then((body) => {
        const meta = parseDocTypeBundle(body['docs'], doctype);
        if (!meta) throw new Error(`ERPNext sent no metadata for ${doctype}`);
        return meta;
      });
    this.metas.set(doctype, { at: Date.now(), value });
    value.catch(() => this.metas.delete(doctype));
    return value;
  }

  async close(): Promise<void> {
    await this.transport.close();
  }
}
