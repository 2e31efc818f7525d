import { callerFor, type Caller, type CallerIdentity } from '@mcp-gateway/contracts';

/** Who is asking, as the app authenticated them (an API token or an `ACCESS_TOKENS` entry). */
export interface ChatPrincipal extends CallerIdentity {
  /** Granted scopes: `<connector>:read`, `<connector>:write` or `*` (see `scopeAllows`). */
  readonly scopes: ReadonlySet<string>;
}

/** The principal as the connectors see it in a tool call (audit, acting on a user's behalf). */
export function callerOf(principal: ChatPrincipal): Caller {
  return callerFor('openai', principal);
}
