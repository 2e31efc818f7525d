import type { ServerMessage } from './errors.js';

/** One request's user and message log (`frappe.session.user`, `frappe.local.message_log`). */
export interface Session {
  readonly user: string;
  readonly messages: ServerMessage[];
}

export const GUEST = 'Guest';
