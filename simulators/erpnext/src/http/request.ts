import type { Session } from '../site/session.js';
import type { Site } from '../site/site.js';

/** One API call after routing and authentication. */
export interface ApiCall {
  readonly site: Site;
  readonly session: Session;
  readonly httpMethod: string;
  /** `frappe.form_dict`: the JSON body when there is one, else the query string and form fields. */
  readonly form: Record<string, unknown>;
  /** The raw JSON body (documents for create and update). */
  readonly body: unknown;
}

/** What a handler returns: the top-level response keys (`data`, `message`, `docs`, …) and a status. */
export interface HandlerResult {
  readonly body: Record<string, unknown>;
  readonly status?: number;
}
