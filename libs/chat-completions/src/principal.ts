import type { Caller } from '@mcp-gateway/contracts';

/** Who is asking, as the app authenticated them (an API token or an `ACCESS_TOKENS` entry). */
export interface ChatPrincipal {
  readonly subject: string;
  /** Granted scopes: `<connector>:read`, `<connector>:write` or `*` (see `scopeAllows`). */
  readonly scopes: ReadonlySet<string>;
  readonly clientId?: string;
}

/** The principal as the connectors see it in a tool call (audit, acting on a user's behalf). */
export function callerOf(principal: ChatPrincipal): Caller {
  return {
    surface: 'openai',
    subject: principal.subject,
    ...(principal.clientId ? { clientId: principal.clientId } : {}),
  };
}
