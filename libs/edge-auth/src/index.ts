export { StaticTokens, bearerToken, tokenHash } from './static-tokens.js';
export type { AuthOutcome, RevocationFeed, TokenPrincipal } from './principal.js';
export {
  insufficientScopeChallenge,
  protectedResourceMetadataUrl,
  scopesToRequest,
  unauthorizedChallenge,
} from './challenge.js';
export { AuthKeys } from './auth-keys.js';
export type { AuthKeysOptions } from './auth-keys.js';
export { RevocationList } from './revocation-list.js';
export { AccessTokens } from './access-tokens.js';
export type { AccessTokenAudience } from './access-tokens.js';
export { ApiTokens } from './api-tokens.js';
export type { ApiTokenCacheOptions } from './api-tokens.js';
export { Authenticator } from './authenticator.js';
export type { FailureListener, Refusal } from './authenticator.js';
export { auditedFailures } from './audited-failures.js';
export {
  BearerAuthError,
  GATEWAY_BEARER,
  GatewayBearerStrategy,
  authenticateRequest,
} from './bearer-strategy.js';
export type { BearerFailure } from './bearer-strategy.js';
